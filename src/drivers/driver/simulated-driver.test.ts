// The simulator behind the MigrationDriver contract, and what a measured machine changes in its predictions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationDriverContract } from './contract.case.ts';
import type { MigrationRequest } from './migration-driver.ts';
import { simulatedDriver } from './simulated-driver.ts';
import { IDEAL_MACHINE, type SimulatedMachine } from './simulated-machine.ts';

migrationDriverContract('simulator', () => simulatedDriver(), false);

const MIB = 1024 * 1024;
const idle: MigrationRequest = {
  ramBytes: 256 * MIB,
  workingSetBytes: 64 * MIB,
  dirtyRateBytesPerSec: 0,
  maxBandwidthBytesPerSec: 32 * MIB,
  downtimeLimitSec: 0.03,
};
const machine: SimulatedMachine = {
  linkBandwidthBytesPerSec: 500 * MIB,
  stoppedBandwidthBytesPerSec: 500 * MIB,
  setupSec: 0.15,
  setupRamBytes: undefined,
  baseMemoryBytes: 64 * MIB,
  deviceStateBytes: 0,
  switchoverSec: 0,
  caps: [{ capBytesPerSec: 32 * MIB, headStartSec: 0.1 }],
};

test('an idle guest sends its non-zero memory at the cap, after the setup less the head start', async () => {
  // 64 MiB of kernel and initramfs + a 64 MiB working set = 128 MiB at 32 MiB/s = 4 s, starting at 0.15 - 0.1 s.
  const record = await simulatedDriver(machine).migrate(idle);
  const bulk = record.rounds[0];
  assert.equal(bulk?.bytes, 128 * MIB);
  assert.ok(Math.abs((bulk?.start ?? 0) - 0.05) < 1e-9);
  assert.ok(Math.abs((bulk?.end ?? 0) - 4.05) < 1e-6);
  assert.equal(record.stats.statusHistory[0]?.time, 0, 'setup starts at the request');
  assert.ok(Math.abs((record.stats.setupTimeSec ?? 0) - 0.05) < 1e-9);
});

test('zero pages at the top of RAM keep a 300 ms limit from stopping the VM before the bulk pass is over', async () => {
  // Threshold 32 MiB/s × 0.3 s = 9.6 MiB: with the 128 MiB of zero pages counted as remaining until the end of the
  // pass, the VM stops only after the pass, with almost nothing left to send.
  const record = await simulatedDriver(machine).migrate({ ...idle, downtimeLimitSec: 0.3 });
  const stopAndCopy = record.rounds.find((round) => round.stage === 3);
  assert.ok((stopAndCopy?.bytes ?? Number.POSITIVE_INFINITY) < 1 * MIB, `sent ${stopAndCopy?.bytes} B stopped`);
});

test('at the switch-over the round in flight stops and its rest goes at the link rate, not at the cap', async () => {
  // 8 MiB/s of writes: the second pass is cut when what is left fits 9.6 MiB; its rest (a few MiB) takes a few ms
  // at 500 MiB/s, where the cap would need hundreds.
  const record = await simulatedDriver(machine).migrate({
    ...idle,
    dirtyRateBytesPerSec: 8 * MIB,
    downtimeLimitSec: 0.3,
  });
  assert.equal(record.outcome, 'completed');
  assert.ok((record.downtimeSec ?? 1) < 0.03, `downtime ${record.downtimeSec} s`);
});

test('an ideal machine has no setup, only the working set to send, and a 10 GBps path', async () => {
  const record = await simulatedDriver(IDEAL_MACHINE).migrate({ ...idle, maxBandwidthBytesPerSec: 0 });
  assert.equal(record.rounds[0]?.bytes, 64 * MIB);
  assert.ok(Math.abs((record.rounds[0]?.end ?? 0) - (64 * MIB) / 10e9) < 1e-9);
});

test("a CPU-bound writer ('max') has no rate the simulator could use: the request is refused", async () => {
  await assert.rejects(simulatedDriver().migrate({ ...idle, dirtyRateBytesPerSec: 'max' }), /needs a rate/);
});
