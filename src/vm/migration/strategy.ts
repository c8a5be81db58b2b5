// The interface between the migration engine and an algorithm: the engine moves bytes, tracks dirty memory and
// runs the switch-over; the algorithm (a strategy) is asked, at the start, after every round and at every check
// during a round, what to do next: send a round, keep going, switch over, start post-copy, or give up.
import type { AlgorithmOptionsSchema } from './option-schema.ts';
import type { RoundRecord, RoundStage } from './records.ts';

/** What the strategy wants next. */
export type Decision =
  | {
      action: 'send';
      /** Bytes of memory to send in this round (before compression). */
      bytes: number;
      stage: 1 | 2;
      /** Rate cap of the round, bytes/s (undefined: the VM's migration speed, 0 = none). */
      rateBytesPerSec?: number;
      /** Give up the round after this many seconds (SimGrid's stage-2 budget); the bytes sent by then count. */
      timeoutSec?: number;
    }
  /** At a check during a round: keep sending. */
  | { action: 'continue' }
  /** Pause the VM and send `bytes` (plus, with `finalSync`, what was dirtied since the last sync), plus the device
   * state; the VM then runs on the destination. A round in flight finishes first, as part of the downtime. */
  | {
      action: 'switch-over';
      bytes: number;
      finalSync: boolean;
      /** Stop the round in flight where it is instead of letting it finish (its unsent part is in `bytes`). */
      cancelInFlight?: boolean;
      /** Rate cap of the stop-and-copy (undefined: the VM's migration speed, 0 = none). */
      rateBytesPerSec?: number;
    }
  /** Pause the VM, send the device state, run the VM on the destination at once, then push the `bytes` still
   * missing there while the VM faults on them. */
  | { action: 'post-copy'; bytes: number; rateBytesPerSec?: number }
  /** Send nothing for `seconds` (nothing is dirty yet), then decide again (`idleEnded`). */
  | { action: 'idle'; seconds: number }
  /** End the migration: the VM goes on running on the source. */
  | { action: 'give-up'; reason: string };

/** A round in flight, as seen at a check. */
export interface RoundProgress {
  stage: RoundStage;
  start: number;
  /** Bytes of memory in the round. */
  bytes: number;
  /** Bytes of memory sent so far. */
  sentBytes: number;
}

export type OperatorCommand = 'extend-live' | 'end-live' | 'switch-over' | 'start-post-copy';

/** What a strategy sees of the migration. */
export interface MigrationView {
  readonly now: number;
  readonly startTime: number;
  readonly ramBytes: number;
  /** Bytes the VM writes to (its dirty model's working set). */
  readonly workingSetBytes: number;
  /** The VM's max downtime setting (SimGrid: 0.03 s). */
  readonly maxDowntimeSec: number;
  /** Rounds completed so far (stage 1 and 2). */
  readonly rounds: readonly RoundRecord[];
  /** The round in flight, during a check. */
  readonly current: RoundProgress | undefined;
  /** Bytes dirtied since the last sync, without syncing (an estimate, as QEMU's cheap pending). */
  dirtyEstimate(): number;
  /** Syncs the dirty log: the bytes dirtied since the previous sync (the new dirty set); starts a new period. */
  syncDirty(): number;
  readonly syncCount: number;
  /** CPU throttle of the VM, in percent (auto-converge). */
  readonly throttlePercent: number;
  setThrottle(percent: number): void;
  /** Seconds since the migration started. */
  readonly elapsedSec: number;
  /** Records an "expected downtime" (seconds) for the statistics. */
  setExpectedDowntime(seconds: number): void;
}

export interface MigrationStrategy {
  readonly name: string;
  /** Seconds between checks while a round is in flight (QEMU: 0.1 s); undefined: decide at round ends only. */
  readonly checkIntervalSec: number | undefined;
  /** The first decision (dirty tracking has just started). */
  start(view: MigrationView): Decision;
  /** A round ended: `round` is its record (bytes actually sent, dates, measured bandwidth), `timedOut` if cut. */
  roundEnded(view: MigrationView, round: RoundRecord, timedOut: boolean): Decision;
  /** An 'idle' pause ended. */
  idleEnded?(view: MigrationView): Decision;
  /** A check during a round: 'continue', or 'switch-over' / 'post-copy' / 'give-up' at once. */
  check?(view: MigrationView): Decision;
  /** An operator command (MPLM's extend/end live, forcing the switch-over or post-copy). */
  command?(command: OperatorCommand, view: MigrationView): void;
  /** Per-strategy report lines (e.g. MPLM's per-epoch table), added to the migration record. */
  report?(): Record<string, unknown>;
}

/** Caps of the post-copy push, for the algorithms that may go post-copy. */
export interface PostCopyPushOptions {
  /** Cap of the background push, bytes/s (0 = none). */
  maxBandwidthBytesPerSec: number;
  /** Bytes/s the VM touches on the destination (undefined: its dirty rate). */
  accessRateBytesPerSec: number | undefined;
}

/** An algorithm: the options it takes, as a schema (which also gives their type `O`), and a factory that builds a
 * fresh strategy for one migration (strategies keep per-migration state) from options that schema has read. */
export interface MigrationAlgorithm<O = unknown> {
  readonly name: string;
  readonly options: AlgorithmOptionsSchema<O>;
  create(options: O): MigrationStrategy;
  /** The caps of its post-copy push, for an algorithm that may go post-copy. */
  postCopyPush?(options: O): PostCopyPushOptions;
}
