// SimGrid 3.32's pre-copy model (plugins/vm/VmLiveMigration.cpp), to the microsecond: stage 1 sends the whole
// memory; stage 2 resends what was dirtied meanwhile (capped at the working set by the VM's dirty model) until
// it fits under the measured bandwidth × max downtime; stage 3 pauses the VM and sends the rest. Bandwidth is
// measured per transfer, latency included; stage-2 transfers share a 1e7 s budget.
import type { RoundRecord } from '../records.ts';
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView } from '../strategy.ts';

/** SimGrid's budget for stages 1 and 2 (seconds). */
const MIGRATION_TIMEOUT_SEC = 10_000_000;

export interface SimgridPreCopyOptions {
  /** Override of the VM's maxDowntimeSec (SimGrid: always 0.03 s). */
  maxDowntimeSec?: number;
}

class SimgridPreCopy implements MigrationStrategy {
  readonly name = 'simgrid-precopy';
  readonly checkIntervalSec = undefined;
  private remaining = 0;
  private updated = 0;
  private threshold = 0;
  private budget = MIGRATION_TIMEOUT_SEC;

  constructor(private readonly maxDowntimeSec: number | undefined) {}

  start(view: MigrationView): Decision {
    this.remaining = view.ramBytes;
    return { action: 'send', bytes: view.ramBytes, stage: 1 };
  }

  roundEnded(view: MigrationView, round: RoundRecord, timedOut: boolean): Decision {
    const duration = round.end - round.start;
    this.remaining -= round.bytes;
    const dirtied = view.syncDirty();
    if (round.stage === 1) {
      let skip = round.bytes < view.ramBytes;
      this.budget -= duration;
      if (this.budget < 0) skip = true;
      this.threshold = toSize((view.ramBytes / duration) * this.maxDowntime(view));
      round.threshold = this.threshold;
      if (skip) return this.stopAndCopy();
      this.updated = dirtied;
      this.remaining += this.updated;
    } else if (!timedOut) {
      this.threshold = toSize((this.updated / duration) * this.maxDowntime(view));
      round.threshold = this.threshold;
      this.budget -= duration;
      this.updated = dirtied;
      this.remaining += this.updated;
    } else {
      this.updated = dirtied;
      this.remaining += this.updated;
      return this.stopAndCopy();
    }
    if (this.threshold < this.remaining) {
      return { action: 'send', bytes: this.updated, stage: 2, timeoutSec: this.budget };
    }
    return this.stopAndCopy();
  }

  private stopAndCopy(): Decision {
    return { action: 'switch-over', bytes: this.remaining, finalSync: false };
  }

  private maxDowntime(view: MigrationView): number {
    const configured = this.maxDowntimeSec ?? view.maxDowntimeSec;
    return configured > 0 ? configured : 0.03;
  }
}

/** C's conversion of a double to size_t: truncation (and saturation, where C would be undefined). */
function toSize(value: number): number {
  if (!Number.isFinite(value)) return Number.MAX_SAFE_INTEGER;
  return Math.trunc(value);
}

export const simgridPreCopy: MigrationAlgorithm = {
  name: 'simgrid-precopy',
  create(options: Record<string, unknown>): MigrationStrategy {
    const max = options.maxDowntimeSec;
    return new SimgridPreCopy(typeof max === 'number' ? max : undefined);
  },
};
