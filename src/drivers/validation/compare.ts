// Real against predicted, case by case: what each run did (outcome, total time, downtime, bytes, iterations,
// throttle), the relative error of each figure, and the median error of the total time over the cases where both
// completed (a cancelled run's total time is its timeout, which says nothing of the model).
import type { MigrationOutcome, MigrationRecord } from '../../vm/index.ts';
import { median } from './calibrate.ts';

export interface Observation {
  outcome: MigrationOutcome | undefined;
  totalSec: number | undefined;
  downtimeSec: number | undefined;
  bytes: number;
  /** Dirty-bitmap syncs, QEMU's dirty-sync-count. */
  iterations: number;
  maxThrottlePercent: number;
  postcopyBytes: number;
  /** The passes, stop-and-copy and post-copy: stage, dates, bytes (for the JSON, to see where times part). */
  rounds: { stage: number; start: number; end: number; bytes: number }[];
}

export interface CaseComparison {
  name: string;
  description: string;
  /** Pages/s the guest was asked for and wrote (heartbeats); the simulator used the latter. */
  requestedRateBytesPerSec: number;
  achievedRateBytesPerSec: number;
  real: Observation;
  predicted: Observation;
  /** (predicted − real) / real; undefined when either is missing or real is 0. */
  errors: { totalSec?: number; downtimeSec?: number; bytes?: number; iterations?: number };
}

/** A real run's figures (bytes: QEMU's ram.transferred, so also what a cancelled pass had sent). */
export function observeReal(record: MigrationRecord & { stats: { maxThrottlePercent?: number } }): Observation {
  return {
    outcome: record.outcome,
    totalSec: record.durationSec,
    downtimeSec: record.downtimeSec,
    bytes: record.stats.transferredBytes,
    iterations: record.stats.dirtySyncCount,
    maxThrottlePercent: record.stats.maxThrottlePercent ?? record.stats.throttlePercent,
    postcopyBytes: record.stats.postcopyBytes,
    rounds: rounds(record),
  };
}

/** A simulated run's figures. QEMU syncs the dirty bitmap once during setup, before the bulk pass; the model starts
 * from an all-dirty memory without it: that sync is counted here so that iterations compare. Bytes include what a
 * cancelled run's pass in flight had sent, as QEMU's counter does. */
export function observePredicted(record: MigrationRecord): Observation {
  return {
    outcome: record.outcome,
    totalSec: record.durationSec,
    downtimeSec: record.downtimeSec,
    bytes: record.stats.transferredBytes,
    iterations: record.stats.dirtySyncCount + 1,
    maxThrottlePercent: record.stats.throttlePercent,
    postcopyBytes: record.stats.postcopyBytes,
    rounds: rounds(record),
  };
}

function rounds(record: MigrationRecord): Observation['rounds'] {
  return record.rounds.map(({ stage, start, end, bytes }) => ({ stage, start, end, bytes: Math.round(bytes) }));
}

export function relativeError(predicted: number | undefined, real: number | undefined): number | undefined {
  if (predicted === undefined || real === undefined || real === 0) return undefined;
  return (predicted - real) / real;
}

export function compareCase(
  identity: Pick<CaseComparison, 'name' | 'description' | 'requestedRateBytesPerSec' | 'achievedRateBytesPerSec'>,
  real: Observation,
  predicted: Observation,
): CaseComparison {
  const bothCompleted = real.outcome === 'completed' && predicted.outcome === 'completed';
  const errors: CaseComparison['errors'] = {};
  const set = (key: keyof CaseComparison['errors'], value: number | undefined) => {
    if (value !== undefined) errors[key] = value;
  };
  if (bothCompleted) {
    set('totalSec', relativeError(predicted.totalSec, real.totalSec));
    set('downtimeSec', relativeError(predicted.downtimeSec, real.downtimeSec));
  }
  set('bytes', relativeError(predicted.bytes, real.bytes));
  set('iterations', relativeError(predicted.iterations, real.iterations));
  return { ...identity, real, predicted, errors };
}

/** Median of |error| of one figure over the cases that have it. */
export function medianAbsoluteError(cases: readonly CaseComparison[], key: keyof CaseComparison['errors']): number {
  return median(cases.flatMap((c) => (c.errors[key] === undefined ? [] : [Math.abs(c.errors[key] as number)])));
}
