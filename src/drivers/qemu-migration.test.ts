// Real live migrations between two QEMU processes on this machine (TCG, loopback), with the lab guest checking its
// memory on the destination. Skipped only when qemu-system-x86_64 is missing. Times are not asserted (see bench/).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isLivemigError, type LivemigError } from '../core/index.ts';
import { buildLabGuest, type LabGuest } from './lab/lab-guest.ts';
import type { RealMigrationOptions } from './migration/options.ts';
import type { RealMigrationResult } from './migration/result.ts';
import { qemuAvailable } from './qemu/find-qemu.ts';
import { migrateReal, realMigrationResultOf, startRealMigration } from './qemu-migration.ts';
import { sleep } from './wall-clock.ts';

const skip = (await qemuAvailable()) ? false : 'qemu-system-x86_64 is not installed (bash lab/install-deps.sh)';
const root = mkdtempSync(join(tmpdir(), 'lm-'));
let guest: LabGuest;

before(async () => {
  if (skip === false) guest = await buildLabGuest();
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A small guest (256 MiB, 64 MiB working set at 10 MiB/s): boots in about 4 s, migrates in about 1 s unthrottled. */
function options(extra: RealMigrationOptions): RealMigrationOptions {
  return { guest, tempRoot: root, ramMiB: 256, workingSetMiB: 64, dirtyRate: 2560, timeoutSec: 60, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<{ error: LivemigError; result: RealMigrationResult }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isLivemigError(error), `expected a LivemigError, got ${String(error)}`);
    const result = realMigrationResultOf(error);
    assert.ok(result !== undefined, `the error carries no result: ${error.message}`);
    return { error, result };
  }
  assert.fail('expected the migration to be rejected');
}

function statuses(result: RealMigrationResult): string[] {
  return result.stats.qemuStatusHistory.map((change) => change.status);
}

function assertSourceRunsOn(result: RealMigrationResult): void {
  assert.equal(result.guest.source?.runState, 'running');
  assert.equal(result.guest.source?.reporting, true, 'the guest on the source stopped reporting');
}

/** Processes whose command line names a path under this file's temp root: the QEMUs it started. */
function processesUnderRoot(): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(root);
      } catch {
        return false; // gone meanwhile
      }
    });
}

function assertNothingLeft(): void {
  assert.deepEqual(processesUnderRoot(), [], 'a QEMU process outlived its run');
  assert.deepEqual(readdirSync(root), [], 'a private temp dir (QMP sockets) was left behind');
}

test('a converging pre-copy completes and the guest finds its memory intact on the destination', {
  skip,
  timeout: 90_000,
}, async () => {
  const result = await migrateReal(options({ maxBandwidth: '128MiB/s', downtimeLimitSec: 0.03 }));
  assert.equal(result.outcome, 'completed');
  assert.equal(result.guest.destination?.verdict, 'ok', result.guest.destination?.detail);
  assert.deepEqual(statuses(result), ['setup', 'active', 'completed']);
  assert.equal(result.rounds[0]?.stage, 1);
  assert.equal(result.rounds.at(-1)?.stage, 3);
  assert.ok(result.stats.dirtySyncCount >= 2);
  assert.ok(result.bytesSent > 64 * 1024 * 1024, 'at least the working set was sent');
  assert.ok(result.downtimeSec !== undefined && result.downtimeSec > 0);
  assert.ok(result.stats.downtimeBytes > 0);
  assert.equal(result.qemu.ramArgument, '262148k'); // the QEMU 7.2 TCG workaround
  assertNothingLeft();
});

test('a destination killed mid-migration fails it, and the source VM runs on', { skip, timeout: 90_000 }, async () => {
  const run = migrateReal(options({ maxBandwidth: '32MiB/s', killDestinationAfterSec: 1 }));
  const { error, result } = await failure(run);
  assert.equal(error.code, 'migration-failed');
  assert.equal(result.outcome, 'failed');
  assert.equal(statuses(result).at(-1), 'failed');
  assert.match(result.error ?? '', /QEMU reported the migration failed/);
  assert.deepEqual(
    result.operatorActions.map((action) => action.action),
    ['kill-destination'],
  );
  assertSourceRunsOn(result);
  assertNothingLeft();
});

test('a cancelled migration ends cancelled and the source VM runs on', { skip, timeout: 90_000 }, async () => {
  const { error, result } = await failure(migrateReal(options({ maxBandwidth: '32MiB/s', cancelAfterSec: 1 })));
  assert.equal(error.code, 'migration-aborted');
  assert.equal(result.outcome, 'aborted');
  assert.deepEqual(statuses(result).slice(-2), ['cancelling', 'cancelled']);
  assert.ok(result.bytesSent > 0, 'the bytes sent before the cancel are kept');
  assertSourceRunsOn(result);
  assertNothingLeft();
});

test('a beforeSwitchover hook that refuses cancels at the switch-over and the source VM resumes', {
  skip,
  timeout: 90_000,
}, async () => {
  const asked: string[] = [];
  const beforeSwitchover = (info: { info: { status: string } | undefined }) => {
    asked.push(info.info?.status ?? 'none');
    return false;
  };
  const { error, result } = await failure(migrateReal(options({ maxBandwidth: 0, beforeSwitchover })));
  assert.equal(error.code, 'migration-aborted');
  assert.equal(asked.length, 1);
  assert.ok(statuses(result).includes('pre-switchover'));
  assert.equal(statuses(result).at(-1), 'cancelled');
  assert.deepEqual(
    result.operatorActions.map((action) => action.action),
    ['switchover-refused'],
  );
  assertSourceRunsOn(result);
  assertNothingLeft();
});

test('extendLive holds a migration that would converge, and endLive switches it over', {
  skip,
  timeout: 90_000,
}, async () => {
  // 50 MiB/s of writes against 128 MiB/s converges in about 2 s; held, the stop threshold is under one page.
  const migration = startRealMigration(options({ dirtyRate: '50MiB/s', maxBandwidth: '128MiB/s' }));
  await migration.started;
  await migration.extendLive();
  await sleep(4000);
  await migration.endLive();
  const result = await migration.result;
  assert.equal(result.outcome, 'completed');
  assert.equal(result.guest.destination?.verdict, 'ok', result.guest.destination?.detail);
  const [extend, end] = result.operatorActions;
  assert.deepEqual([extend?.action, end?.action], ['extend-live', 'end-live']);
  const completedAt = result.stats.statusHistory.find((change) => change.status === 'completed')?.time ?? 0;
  assert.ok(completedAt >= (end?.time ?? Number.POSITIVE_INFINITY), 'it completed only after endLive');
  const held = result.stats.samples.filter(
    (sample) => sample.time > (extend?.time ?? 0) && sample.time < (end?.time ?? 0),
  );
  const live = (status: string) => status === 'setup' || status === 'active';
  assert.ok(held.length > 10 && held.every((sample) => live(sample.status)), 'the migration stayed live while held');
  const stopAndCopy = result.rounds.find((round) => round.stage === 3);
  assert.ok(
    (stopAndCopy?.start ?? 0) >= (end?.time ?? Number.POSITIVE_INFINITY),
    'the VM was stopped only after endLive',
  );
  assertNothingLeft();
});

test('a guest that does not boot in time fails the run and leaves no process or temp dir', {
  skip,
  timeout: 60_000,
}, async () => {
  await assert.rejects(
    migrateReal(options({ bootTimeoutSec: 0.5 })),
    (error) => isLivemigError(error, 'driver-failure') && /first report/.test(error.message),
  );
  assertNothingLeft();
});
