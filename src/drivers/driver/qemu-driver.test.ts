// Real QEMU behind the MigrationDriver contract (TCG, loopback, the lab guest checking its memory on the
// destination). Skipped only when qemu-system-x86_64 is missing; leaves no QEMU process and no temp dir behind.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildLabGuest, type LabGuest } from '../lab/lab-guest.ts';
import { qemuAvailable } from '../qemu/find-qemu.ts';
import { migrationDriverContract } from './contract.case.ts';
import { qemuDriver, realOptions } from './qemu-driver.ts';

const skip = (await qemuAvailable()) ? false : 'qemu-system-x86_64 is not installed (bash lab/install-deps.sh)';
const root = mkdtempSync(join(tmpdir(), 'lm-driver-'));
let guest: LabGuest | undefined;

before(async () => {
  if (skip === false) guest = await buildLabGuest();
});
after(() => {
  assert.deepEqual(readdirSync(root), [], 'a private temp dir (QMP sockets) was left behind');
  rmSync(root, { recursive: true, force: true });
});

migrationDriverContract('qemu', () => qemuDriver({ ...(guest === undefined ? {} : { guest }), tempRoot: root }), skip);

const MIB = 1024 * 1024;

test("a request in the simulator's units becomes whole MiB and pages/s for the lab guest", () => {
  const options = realOptions({
    ramBytes: 256 * MIB,
    workingSetBytes: 64 * MIB,
    dirtyRateBytesPerSec: 10 * MIB,
    maxBandwidthBytesPerSec: 0,
    postcopyAfterRounds: 2,
  });
  assert.equal(options.ramMiB, 256);
  assert.equal(options.workingSetMiB, 64);
  assert.equal(options.dirtyRate, 2560);
  assert.equal(options.maxBandwidth, 0);
  assert.equal(options.postcopyAfterRounds, 2);
  assert.equal(options.timeoutSec, 120, "real QEMU's default timeout");
});

test('RAM that is not whole MiB cannot be given to the lab guest', () => {
  assert.throws(
    () => realOptions({ ramBytes: 256 * MIB + 1, workingSetBytes: 64 * MIB, dirtyRateBytesPerSec: 0 }),
    /ramBytes.*whole MiB/,
  );
});
