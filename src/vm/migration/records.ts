// What a migration leaves behind: its rounds (each transfer of memory) and its result, in one shape for every
// algorithm (and for real QEMU migrations), so that reports can show them all alike.
import type { MigrationStats } from './stats.ts';

export type MigrationOutcome = 'completed' | 'failed' | 'aborted';

/** Stage of a transfer: 1 = whole memory, 2 = a pre-copy round of dirty pages, 3 = stop-and-copy, 4 = post-copy. */
export type RoundStage = 1 | 2 | 3 | 4;

export interface RoundRecord {
  stage: RoundStage;
  /** Index of the round among the rounds of its stage, from 0. */
  index: number;
  start: number;
  end: number;
  /** Bytes actually sent. */
  bytes: number;
  /** Throughput measured over the round (bytes/s), latency included, as SimGrid measures it. */
  bandwidth: number;
  /** Stop-and-copy threshold computed after the round (bytes), when the algorithm has one. */
  threshold: number | undefined;
}

export interface MigrationRecord {
  id: number;
  vm: string;
  from: string;
  to: string;
  algorithm: string;
  start: number;
  end: number | undefined;
  durationSec: number | undefined;
  /** Time the VM ran nowhere (stop-and-copy until it resumed on the destination). */
  downtimeSec: number | undefined;
  bytesSent: number;
  rounds: RoundRecord[];
  outcome: MigrationOutcome | undefined;
  error: string | undefined;
  /** QEMU query-migrate-like statistics. */
  stats: MigrationStats;
  /** Algorithm-specific details (e.g. MPLM's per-epoch table). */
  details: Record<string, unknown> | undefined;
}

/** Who, where and what of a migration about to start. */
export type MigrationRecordSpec = Pick<MigrationRecord, 'id' | 'vm' | 'from' | 'to' | 'algorithm' | 'start' | 'stats'>;

/** The record of a migration that has just started (the memory copy's, or a control plane's that a copy fills). */
export function newMigrationRecord(spec: MigrationRecordSpec): MigrationRecord {
  return {
    id: spec.id,
    vm: spec.vm,
    from: spec.from,
    to: spec.to,
    algorithm: spec.algorithm,
    start: spec.start,
    end: undefined,
    durationSec: undefined,
    downtimeSec: undefined,
    bytesSent: 0,
    rounds: [],
    outcome: undefined,
    error: undefined,
    stats: spec.stats,
    details: undefined,
  };
}

/** Writes the end of a migration into its record: when, how and why. */
export function endMigrationRecord(
  record: MigrationRecord,
  now: number,
  outcome: MigrationOutcome,
  error: string | undefined,
): void {
  record.end = now;
  record.durationSec = now - record.start;
  record.outcome = outcome;
  record.error = error;
}
