// Real against predicted, case by case: what each run did (outcome, total time, downtime, bytes, iterations,
// throttle, post-copy bytes), the median of a case's real runs with their spread, the relative error of each figure,
// and the median errors over the cases (total time and downtime where both completed: a cancelled run's total time
// is its timeout, which says nothing of the model). Every case is held out: no calibration run is one of them.
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
  /** The real figures: the median of the real runs, figure by figure (their rounds: the run of median total time). */
  real: Observation;
  predicted: Observation;
  /** (predicted − real) / real; undefined when either is missing or real is 0. */
  errors: { totalSec?: number; downtimeSec?: number; bytes?: number; iterations?: number; postcopyBytes?: number };
  /** Each real run of the case, and the range of each figure over them. */
  repeats?: Observation[];
  spread?: { totalSec?: Range; downtimeSec?: Range; bytes?: Range; postcopyBytes?: Range };
  /** The public algorithm and options the prediction ran with. */
  model?: { algorithm: string; options: Record<string, unknown> };
}

/** [smallest, largest]. */
export type Range = [number, number];

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
  if (real.postcopyBytes > 0) set('postcopyBytes', relativeError(predicted.postcopyBytes, real.postcopyBytes));
  return { ...identity, real, predicted, errors };
}

/** A case run several times for real: compared through the median of its runs, with their spread. */
export function compareRepeats(
  identity: Pick<CaseComparison, 'name' | 'description' | 'requestedRateBytesPerSec' | 'achievedRateBytesPerSec'>,
  runs: readonly Observation[],
  predicted: Observation,
): CaseComparison {
  const real = medianObservation(runs);
  const range = (values: (number | undefined)[]): Range | undefined => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length === 0 ? undefined : [Math.min(...known), Math.max(...known)];
  };
  const spread: NonNullable<CaseComparison['spread']> = {};
  const put = (key: keyof typeof spread, value: Range | undefined) => {
    if (value !== undefined) spread[key] = value;
  };
  const completed = runs.filter((run) => run.outcome === 'completed');
  put('totalSec', range(completed.map((run) => run.totalSec)));
  put('downtimeSec', range(completed.map((run) => run.downtimeSec)));
  put('bytes', range(runs.map((run) => run.bytes)));
  if (runs.some((run) => run.postcopyBytes > 0)) put('postcopyBytes', range(runs.map((run) => run.postcopyBytes)));
  return { ...compareCase(identity, real, predicted), repeats: [...runs], spread };
}

/** Figure by figure, the median of the runs; the outcome is the most frequent (the first on a tie); times and
 * downtimes over the runs with that outcome. */
export function medianObservation(runs: readonly Observation[]): Observation {
  const first = runs[0];
  if (first === undefined) throw new RangeError('medianObservation needs at least one run');
  const count = (outcome: Observation['outcome']) => runs.filter((run) => run.outcome === outcome).length;
  const outcome = runs.map((run) => run.outcome).reduce((best, o) => (count(o) > count(best) ? o : best));
  const alike = runs.filter((run) => run.outcome === outcome);
  const of = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length === 0 ? undefined : median(known);
  };
  const totalSec = of(alike.map((run) => run.totalSec));
  const central = alike.reduce((best, run) =>
    Math.abs((run.totalSec ?? 0) - (totalSec ?? 0)) < Math.abs((best.totalSec ?? 0) - (totalSec ?? 0)) ? run : best,
  );
  return {
    outcome,
    totalSec,
    downtimeSec: of(alike.map((run) => run.downtimeSec)),
    bytes: median(runs.map((run) => run.bytes)),
    iterations: median(runs.map((run) => run.iterations)),
    maxThrottlePercent: median(runs.map((run) => run.maxThrottlePercent)),
    postcopyBytes: median(runs.map((run) => run.postcopyBytes)),
    rounds: central.rounds,
  };
}

/** Median of |error| of one figure over the cases that have it. */
export function medianAbsoluteError(cases: readonly CaseComparison[], key: keyof CaseComparison['errors']): number {
  return median(cases.flatMap((c) => (c.errors[key] === undefined ? [] : [Math.abs(c.errors[key] as number)])));
}
