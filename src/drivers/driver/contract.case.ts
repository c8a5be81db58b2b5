// The contract every MigrationDriver keeps, run against the simulator and against real QEMU: the same requests, the
// same record shape and meaning. Times are asserted only where the contract fixes them (an operator's hold, a
// timeout); how long a migration takes is the validation's business (docs/validation.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MigrationRecord } from '../../vm/index.ts';
import { systemClock } from '../wall-clock.ts';
import type { MigrationDriver, MigrationRequest } from './migration-driver.ts';

const MIB = 1024 * 1024;
/** The lab guest's shape: boots in about 4 s under TCG and migrates in about 1 s at 128 MiB/s. */
const GUEST: MigrationRequest = {
  from: 'host0',
  to: 'host1',
  ramBytes: 256 * MIB,
  workingSetBytes: 64 * MIB,
  dirtyRateBytesPerSec: 10 * MIB,
  maxBandwidthBytesPerSec: 128 * MIB,
  downtimeLimitSec: 0.03,
  timeoutSec: 60,
};

const statuses = (record: MigrationRecord) => record.stats.statusHistory.map((change) => change.status);
const statusTime = (record: MigrationRecord, status: string) =>
  record.stats.statusHistory.find((change) => change.status === status)?.time;
const runningOn = (record: MigrationRecord) => record.details?.runningOn;

type TestOptions = { skip: string | false; timeout: number };

export function migrationDriverContract(label: string, driver: () => MigrationDriver, skip: string | false): void {
  const options = { skip, timeout: 120_000 };
  switchoverCases(label, driver, options);
  operatorCases(label, driver, options);
  postcopyAndRequestCases(label, driver, options);
}

/** A converging pre-copy, and a switch-over gate that refuses. */
function switchoverCases(label: string, driver: () => MigrationDriver, options: TestOptions): void {
  test(
    `${label}: a converging pre-copy completes, bulk pass first and stop-and-copy last, the VM on the destination`,
    options,
    async () => {
      const record = await driver().migrate(GUEST);
      assert.equal(record.outcome, 'completed', record.error);
      assert.equal(record.start, 0);
      assert.deepEqual([statuses(record)[0], statuses(record).at(-1)], ['setup', 'completed']);
      assert.ok(statuses(record).includes('active'));
      assert.equal(record.rounds[0]?.stage, 1);
      assert.equal(record.rounds.at(-1)?.stage, 3);
      assert.ok(record.bytesSent >= GUEST.workingSetBytes, 'at least the working set was sent');
      assert.ok(record.downtimeSec !== undefined && record.downtimeSec > 0);
      assert.ok(record.durationSec !== undefined && record.downtimeSec < record.durationSec);
      assert.ok(record.stats.dirtySyncCount >= 2, 'a sync after the bulk pass, and one at the switch-over');
      assert.equal(runningOn(record), 'host1');
    },
  );

  test(
    `${label}: an async switch-over gate runs with the VM paused; a refusal cancels, the VM runs on at the source`,
    options,
    async () => {
      const asked: number[] = [];
      const beforeSwitchover = async (gate: { atSec: number }) => {
        asked.push(gate.atSec);
        await systemClock.sleep(0.02); // a check that takes time, as a feature's would
        return false;
      };
      const record = await driver().migrate({ ...GUEST, beforeSwitchover });
      assert.equal(asked.length, 1);
      assert.equal(record.outcome, 'aborted');
      assert.ok(statuses(record).includes('pre-switchover'));
      assert.equal(statuses(record).at(-1), 'cancelled');
      assert.equal(record.downtimeSec, undefined);
      assert.equal(runningOn(record), 'host0');
    },
  );
}

/** An operator's hold, and a timeout. */
function operatorCases(label: string, driver: () => MigrationDriver, options: TestOptions): void {
  test(
    `${label}: extendLive holds a migration that would converge, and it completes only after endLive`,
    options,
    async () => {
      const record = await driver().migrate({ ...GUEST, extendLiveAtSec: 0.3, endLiveAtSec: 2.5 });
      assert.equal(record.outcome, 'completed', record.error);
      assert.ok((statusTime(record, 'completed') ?? 0) >= 2.5, `completed at ${statusTime(record, 'completed')}`);
      const stopAndCopy = record.rounds.find((round) => round.stage === 3);
      assert.ok((stopAndCopy?.start ?? 0) >= 2.5, 'the VM was stopped only after endLive');
      assert.equal(runningOn(record), 'host1');
    },
  );

  test(
    `${label}: a migration not over at its timeout is cancelled and the VM runs on at the source`,
    options,
    async () => {
      const tooFast = { ...GUEST, dirtyRateBytesPerSec: 50 * MIB, maxBandwidthBytesPerSec: 32 * MIB, timeoutSec: 3 };
      const record = await driver().migrate(tooFast);
      assert.equal(record.outcome, 'aborted');
      assert.equal(statuses(record).at(-1), 'cancelled');
      const end = record.durationSec ?? 0;
      assert.ok(end >= 3 && end < 4, `ended at ${end} s`);
      assert.equal(runningOn(record), 'host0');
    },
  );
}

/** Post-copy after the bulk pass, and a bad request. */
function postcopyAndRequestCases(label: string, driver: () => MigrationDriver, options: TestOptions): void {
  test(
    `${label}: post-copy after the bulk pass finishes a migration that pre-copy alone would not`,
    options,
    async () => {
      const request = { ...GUEST, dirtyRateBytesPerSec: 50 * MIB, maxBandwidthBytesPerSec: 32 * MIB };
      const record = await driver().migrate({ ...request, postcopyAfterRounds: 1 });
      assert.equal(record.outcome, 'completed', record.error);
      assert.ok(statuses(record).includes('postcopy-active'));
      assert.ok(record.stats.postcopyBytes > 0);
      const bulkEnd = record.rounds.find((round) => round.stage === 1)?.end ?? Number.NaN;
      const switched = statusTime(record, 'postcopy-active') ?? Number.NaN;
      assert.ok(bulkEnd <= switched && switched < bulkEnd + 1, `bulk pass ended ${bulkEnd}, post-copy at ${switched}`);
      assert.equal(runningOn(record), 'host1');
    },
  );

  test(`${label}: a bad request is refused before anything runs, with every problem listed`, async () => {
    await assert.rejects(driver().migrate({ ...GUEST, ramBytes: -1, downtimeLimitSec: Number.NaN }), (error: Error) => {
      assert.match(error.message, /ramBytes/);
      assert.match(error.message, /downtimeLimitSec/);
      return true;
    });
  });
}
