// SimGrid 3.32's pre-copy model (plugins/vm/VmLiveMigration.cpp), to the microsecond: stage 1 sends the whole
// memory; stage 2 resends what was dirtied meanwhile (capped at the working set by the VM's dirty model) until
// it fits under the measured bandwidth × max downtime; stage 3 pauses the VM and sends the rest. Bandwidth is
// measured per transfer, latency included; stage-2 transfers share a 1e7 s budget.
import { schema as s } from '../../../core/index.ts';
import { algorithmOptions } from '../option-schema.ts';
import type { RoundRecord } from '../records.ts';
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView } from '../strategy.ts';

/** SimGrid's budget for stages 1 and 2 (seconds). */
const MIGRATION_TIMEOUT_SEC = 10_000_000;

export const simgridPreCopyOptions = algorithmOptions(
  'simgrid-precopy',
  {
    maxDowntimeSec: s.optional(
      s.number({ min: 0 }).describe("Override of the VM's maxDowntimeSec (SimGrid: always 0.03 s)."),
    ),
    skipStage1: s.optional(
      s.boolean().describe("SimGrid 3.10's skip_stage1: stage 1 sends nothing (needs skipStage2)."),
    ),
    // After stage 1, straight to stage 3 with what stage 1 did not send (pages dirtied during stage 1 are not resent,
    // as in SimGrid when stage 1 times out).
    skipStage2: s.optional(s.boolean().describe("SimGrid 3.10's skip_stage2: from stage 1 straight to stage 3.")),
  },
  {
    // With stage 1 skipped, the whole memory stays to send, so stage 2 (which stops once what is left fits in
    // bandwidth × max downtime) would resend dirty pages for ever, as SimGrid 3.10's loop did.
    check: ({ skipStage1, skipStage2 }) =>
      skipStage1 === true && skipStage2 !== true
        ? {
            key: 'skipStage1',
            message:
              'skipStage1 needs skipStage2: without stage 1 the memory is never sent before stage 3, so stage 2 could not converge.',
            hint: 'Add skipStage2 (a stop-and-copy of the whole memory), or remove skipStage1.',
          }
        : undefined,
  },
);
export type SimgridPreCopyOptions = s.Infer<typeof simgridPreCopyOptions>;

class SimgridPreCopy implements MigrationStrategy {
  readonly name = 'simgrid-precopy';
  readonly checkIntervalSec = undefined;
  private remaining = 0;
  private updated = 0;
  private threshold = 0;
  private budget = MIGRATION_TIMEOUT_SEC;

  constructor(
    private readonly maxDowntimeSec: number | undefined,
    private readonly skipStage1: boolean,
    private readonly skipStage2: boolean,
  ) {}

  start(view: MigrationView): Decision {
    this.remaining = view.ramBytes;
    if (this.skipStage1) return this.stopAndCopy();
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
      if (skip || this.skipStage2) return this.stopAndCopy();
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

export const simgridPreCopy: MigrationAlgorithm<SimgridPreCopyOptions> = {
  name: 'simgrid-precopy',
  options: simgridPreCopyOptions,
  create: (options) =>
    new SimgridPreCopy(options.maxDowntimeSec, options.skipStage1 === true, options.skipStage2 === true),
};
