// Post-copy and hybrid migration (Hines & Gopalan, VEE 2009; QEMU postcopy-ram): the VM resumes on the destination
// after its device state, then the missing pages are pushed in the background while the VM faults on the ones it
// touches. Hybrid runs QEMU pre-copy passes first (`precopyRounds`, default 1, or `postcopyAfterSec`), then
// switches to post-copy unless pre-copy converged on its own. `zeroPageRatio` (share of memory made of zero pages)
// shortens the push: QEMU sends zero pages as markers in post-copy too (the destination places them with
// postcopy_place_page_zero).
import { schema as s } from '../../../core/index.ts';
import { algorithmOptions } from '../option-schema.ts';
import type { RoundRecord } from '../records.ts';
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView } from '../strategy.ts';
import {
  postCopyPush,
  postCopyPushFields,
  QemuPreCopy,
  type QemuPreCopyOptions,
  qemuOptions,
  qemuPreCopyFields,
} from './qemu-precopy.ts';

export const postCopyOptions = algorithmOptions('postcopy', {
  // QEMU's max-bandwidth is a parameter of every migration (a study sets it once for all); it caps the pre-copy
  // part, which post-copy from the start does not have: the push has its own cap (max-postcopy-bandwidth).
  maxBandwidthBytesPerSec: s.optional(
    s.number({ min: 0 }).describe("QEMU's max-bandwidth; no effect on the push (see maxPostcopyBandwidth)."),
  ),
  zeroPageRatio: qemuPreCopyFields.zeroPageRatio,
  ...postCopyPushFields,
});
export type PostCopyInput = s.Infer<typeof postCopyOptions>;

export const hybridOptions = algorithmOptions('hybrid', {
  ...qemuPreCopyFields,
  precopyRounds: s.optional(s.integer({ min: 1 }).describe('Pre-copy passes before post-copy (default 1).')),
  postcopyAfterSec: s.optional(s.number({ min: 0 }).describe('Go post-copy this many seconds after the start.')),
});
export type HybridInput = s.Infer<typeof hybridOptions>;

class PostCopy implements MigrationStrategy {
  readonly name = 'postcopy';
  readonly checkIntervalSec = undefined;

  constructor(private readonly zeroPageRatio: number) {}

  start(view: MigrationView): Decision {
    return { action: 'post-copy', bytes: Math.trunc(view.ramBytes * (1 - this.zeroPageRatio)) };
  }

  roundEnded(): Decision {
    return { action: 'give-up', reason: 'post-copy has no pre-copy rounds' };
  }
}

class Hybrid extends QemuPreCopy {
  override readonly name = 'hybrid';
  private readonly rounds: number;
  private readonly afterSec: number | undefined;
  private passesDone = 0;

  constructor(options: QemuPreCopyOptions, input: HybridInput) {
    super(options);
    this.rounds = input.precopyRounds ?? 1;
    this.afterSec = input.postcopyAfterSec;
  }

  override check(view: MigrationView): Decision {
    this.postCopyAfterTime(view);
    return super.check(view);
  }

  override roundEnded(view: MigrationView, round: RoundRecord, timedOut: boolean): Decision {
    this.passesDone++;
    this.postCopyAfterTime(view);
    return super.roundEnded(view, round, timedOut);
  }

  /** end-live after extend-live goes post-copy (the real driver's endLive with post-copy enabled). */
  protected override endLive(): void {
    this.postCopyRequested = true;
  }

  /** `postcopyAfterSec` reached (and not held by the operator): post-copy at this decision. */
  private postCopyAfterTime(view: MigrationView): void {
    if (this.afterSec !== undefined && view.elapsedSec >= this.afterSec && !this.isHeld) this.postCopyRequested = true;
  }

  protected override afterPass(view: MigrationView, pending: number): Decision {
    if (this.afterSec === undefined && this.passesDone >= this.rounds) return { action: 'post-copy', bytes: pending };
    return super.afterPass(view, pending);
  }
}

export const postCopy: MigrationAlgorithm<PostCopyInput> = {
  name: 'postcopy',
  options: postCopyOptions,
  create: (options) => new PostCopy(options.zeroPageRatio ?? 0),
  postCopyPush,
};

export const hybrid: MigrationAlgorithm<HybridInput> = {
  name: 'hybrid',
  options: hybridOptions,
  create: (options) => new Hybrid(qemuOptions(options), options),
  postCopyPush,
};
