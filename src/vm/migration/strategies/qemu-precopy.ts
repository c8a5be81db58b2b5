// QEMU's pre-copy (migration.c / ram.c): passes over the dirty pages, rate-limited to max-bandwidth, with a check
// every 100 ms window: bandwidth = bytes of the window / its duration, threshold = bandwidth × downtime-limit; when
// what is pending (the rest of the pass and the dirty set) fits under the threshold (after an exact sync of the dirty
// log), the VM stops where the pass is and the rest is copied without the rate limit (migration_completion).
// Auto-converge throttles the vCPUs when, at a sync at least 1 s after the previous period, the bytes dirtied exceed
// 50 % of those sent, for the second time: 20 %, then +10 % per step, up to 99 %. The operator's extend-live holds
// the switch-over back (the passes go on) until end-live or switch-over, which then switch over at once.
import { schema as s } from '../../../core/index.ts';
import { algorithmOptions } from '../option-schema.ts';
import type { RoundRecord } from '../records.ts';
import type {
  Decision,
  MigrationAlgorithm,
  MigrationStrategy,
  MigrationView,
  OperatorCommand,
  PostCopyPushOptions,
} from '../strategy.ts';

export interface AutoConvergeOptions {
  initialPercent: number;
  incrementPercent: number;
  maxPercent: number;
  /** Dirtied bytes above this share of the bytes sent in a period count as "high" (%). */
  triggerThresholdPercent: number;
}

export const AUTO_CONVERGE_DEFAULTS: AutoConvergeOptions = {
  initialPercent: 20,
  incrementPercent: 10,
  maxPercent: 99,
  triggerThresholdPercent: 50,
};

const percent = (what: string) => s.optional(s.number({ min: 0, max: 100 }).describe(what));

/** Auto-converge: true (QEMU's settings), false (off), or the settings (percent) that differ from QEMU's. */
const autoConverge = s
  .shapes({
    scalar: s.transform(s.boolean(), (on): Partial<AutoConvergeOptions> | false => (on ? {} : false)),
    map: s.transform(
      s.object({
        initialPercent: percent('First throttle, % (default 20).'),
        incrementPercent: percent('Throttle added per step, % (default 10).'),
        maxPercent: percent('Largest throttle, % (default 99).'),
        triggerThresholdPercent: percent('Dirtied/sent share that counts as too fast, % (default 50).'),
      }),
      (given): Partial<AutoConvergeOptions> => {
        const settings: Partial<AutoConvergeOptions> = {};
        for (const [key, value] of Object.entries(given))
          if (value !== undefined) settings[key as keyof AutoConvergeOptions] = value;
        return settings;
      },
    ),
  })
  .describe('QEMU auto-converge: true, or {initialPercent, incrementPercent, maxPercent, triggerThresholdPercent}.');

/** The caps of a post-copy push (QEMU's max-postcopy-bandwidth, and how fast the VM faults on missing pages). */
export const postCopyPushFields = {
  maxPostcopyBandwidthBytesPerSec: s.optional(s.number({ min: 0 }).describe('Cap of the post-copy push, bytes/s.')),
  accessRateBytesPerSec: s.optional(
    s.number({ min: 0 }).describe('Bytes/s the VM touches during post-copy (default: its dirty rate).'),
  ),
};

export function postCopyPush(options: {
  maxPostcopyBandwidthBytesPerSec: number | undefined;
  accessRateBytesPerSec: number | undefined;
}): PostCopyPushOptions {
  return {
    maxBandwidthBytesPerSec: options.maxPostcopyBandwidthBytesPerSec ?? 0,
    accessRateBytesPerSec: options.accessRateBytesPerSec,
  };
}

/** QEMU pre-copy's options (hybrid's too), as callers give them: what is not given takes QEMU's default. */
export const qemuPreCopyFields = {
  downtimeLimitSec: s.optional(s.number({ min: 0 }).describe('downtime-limit, seconds (default 0.3).')),
  maxBandwidthBytesPerSec: s.optional(
    s.number({ min: 0 }).describe('max-bandwidth, bytes/s (default 128 MiB/s; 0 = none).'),
  ),
  autoConverge: s.optional(autoConverge),
  maxRounds: s.optional(s.integer({ min: 1 }).describe('Passes after which the switch-over is forced.')),
  timeoutSec: s.optional(s.number({ min: 0 }).describe('Seconds after which the switch-over is forced.')),
  zeroPageRatio: s.optional(
    s.number({ min: 0, max: 1 }).describe('Share of memory made of zero pages, skipped by the first pass.'),
  ),
  memoryLayout: s.optional(
    s.oneOf(['spread', 'top']).describe('Where the working set and the zero pages lie in the order a pass scans.'),
  ),
  ...postCopyPushFields,
};

export const qemuPreCopyOptions = algorithmOptions('precopy', qemuPreCopyFields);
/** The options of QEMU pre-copy as given (inferred from its schema). */
export type QemuPreCopyInput = s.Infer<typeof qemuPreCopyOptions>;

/** QEMU pre-copy's options with QEMU's defaults for what is not given. */
export interface QemuPreCopyOptions {
  /** downtime-limit (default 0.3 s). */
  downtimeLimitSec: number;
  /** max-bandwidth (default 128 MiB/s; 0 = none). */
  maxBandwidthBytesPerSec: number;
  autoConverge: AutoConvergeOptions | undefined;
  /** Passes after which the switch-over is forced (default none). */
  maxRounds: number | undefined;
  /** Seconds after which the switch-over is forced (default none). */
  timeoutSec: number | undefined;
  /** Share of memory made of zero pages, skipped by the first pass (0..1). */
  zeroPageRatio: number;
  /** Where the working set and the zero pages lie in the order a pass scans memory: `spread` (default) evenly over
   * it; `top`: the other pages first, then the working set, then the zero pages (a guest whose free memory and
   * written pages sit at the top of its RAM, as the lab guest's: docs/validation.md). With `top`, the zero pages
   * keep QEMU's pending (which counts pages not yet scanned, zero ones too) above the threshold until the first pass
   * is almost over, and pages written ahead of the pass are sent once, by the pass. */
  memoryLayout: 'spread' | 'top';
}

export const QEMU_DEFAULTS: QemuPreCopyOptions = {
  downtimeLimitSec: 0.3,
  maxBandwidthBytesPerSec: 128 * 1024 * 1024,
  autoConverge: undefined,
  maxRounds: undefined,
  timeoutSec: undefined,
  zeroPageRatio: 0,
  memoryLayout: 'spread',
};

export const WINDOW_SEC = 0.1;
const PAGE_BYTES = 4096;

export class QemuPreCopy implements MigrationStrategy {
  readonly name: string = 'precopy';
  readonly checkIntervalSec: number | undefined = WINDOW_SEC;
  protected bandwidth = 0;
  private lastSent = 0;
  private lastCheck = 0;
  /** Dirty bytes synced during a pass, sent in the next one: a set (QEMU's dirty bitmap), so a page dirtied again
   * before it is sent counts once, and it never holds more than the working set. */
  private carried = 0;
  private passes = 0;
  private periodStart = 0;
  private periodDirty = 0;
  private periodSent = 0;
  private highPeriods = 0;
  /** Operator requests: force the switch-over, or move to post-copy (QEMU's migrate-start-postcopy). */
  protected forceSwitchOver = false;
  protected postCopyRequested = false;
  /** extend-live: no switch-over (nor post-copy of its own) until end-live or switch-over. */
  private held = false;
  private zeroBytes = 0;

  constructor(protected readonly options: QemuPreCopyOptions) {}

  command(command: OperatorCommand): void {
    if (command === 'switch-over') this.forceSwitchOver = true;
    if (command === 'start-post-copy') this.postCopyRequested = true;
    if (command === 'extend-live') this.held = true;
    if (command === 'end-live' && this.held) {
      this.held = false;
      this.endLive();
    }
  }

  /** end-live after extend-live: switch over now (hybrid: go post-copy), as the real driver's endLive. */
  protected endLive(): void {
    this.forceSwitchOver = true;
  }

  /** Whether the operator holds the switch-over back. */
  protected get isHeld(): boolean {
    return this.held;
  }

  start(view: MigrationView): Decision {
    this.periodStart = view.now;
    this.lastCheck = view.now;
    const bulk = Math.trunc(view.ramBytes * (1 - this.options.zeroPageRatio));
    if (this.options.memoryLayout === 'top') this.zeroBytes = view.ramBytes - bulk;
    return this.pass(bulk, 1);
  }

  check(view: MigrationView): Decision {
    const current = view.current;
    if (current === undefined) return { action: 'continue' };
    const elapsed = view.now - this.lastCheck;
    const sentNow = current.sentBytes;
    if (elapsed > 0) this.bandwidth = Math.max(0, (sentNow - this.lastSent) / elapsed);
    this.periodSent += Math.max(0, sentNow - this.lastSent);
    this.lastSent = sentNow;
    this.lastCheck = view.now;
    const threshold = this.bandwidth * this.options.downtimeLimitSec;
    // QEMU's pending counts the pages the pass has not scanned yet (zero pages at the end of the first pass too).
    const unscanned = current.bytes - sentNow + (current.stage === 1 ? this.zeroBytes : 0);
    // The engine sends what the pass has left itself (pushed in post-copy): the decision carries the dirty set.
    if (this.postCopyRequested) return { action: 'post-copy', bytes: this.takeCarried(view, view.syncDirty()) };
    if (this.forced(view)) return this.switchOver(view, this.takeCarried(view, this.syncAndConverge(view)));
    if (this.bandwidth > 0 && unscanned + this.carried <= threshold) {
      this.carry(view, this.syncAndConverge(view));
      const exact = unscanned + this.carried;
      view.setExpectedDowntime(exact / this.bandwidth);
      if (exact <= threshold && !this.held) return this.switchOver(view, this.takeCarried(view, 0));
    }
    return { action: 'continue' };
  }

  /** Adds the bytes of a sync to the dirty set of the pass, bounded by the working set. As in QEMU's dirty bitmap, a
   * page written where the pass has not been yet is already pending in the pass: only the share of the writes that
   * falls on the part of the working set the pass has sent joins the dirty set. */
  private carry(view: MigrationView, dirtied: number): void {
    const workingSet = view.workingSetBytes;
    const ahead = workingSet > 0 ? Math.min(1, this.unsentWorkingSet(view) / workingSet) : 0;
    this.carried = Math.min(workingSet, this.carried + dirtied * (1 - ahead));
  }

  /** Bytes of the working set the pass in flight has still to send. */
  private unsentWorkingSet(view: MigrationView): number {
    const current = view.current;
    const workingSet = view.workingSetBytes;
    if (current === undefined || current.bytes <= 0) return 0;
    const unsent = Math.max(0, current.bytes - current.sentBytes);
    if (current.stage !== 1) return Math.min(workingSet, unsent); // a later pass sends dirty pages only
    if (this.options.memoryLayout === 'top') return Math.min(workingSet, unsent);
    return (unsent * Math.min(workingSet, current.bytes)) / current.bytes;
  }

  /** The dirty set of the pass with the bytes of a last sync, emptied (its pages are being sent). */
  private takeCarried(view: MigrationView, dirtied: number): number {
    this.carry(view, dirtied);
    const carried = this.carried;
    this.carried = 0;
    return carried;
  }

  roundEnded(view: MigrationView, round: RoundRecord, _timedOut: boolean): Decision {
    this.passes++;
    this.periodSent += Math.max(0, round.bytes - this.lastSent);
    this.lastSent = 0;
    const pending = this.takeCarried(view, this.syncAndConverge(view));
    const threshold = this.bandwidth * this.options.downtimeLimitSec;
    round.threshold = Math.trunc(threshold);
    if (this.bandwidth > 0) view.setExpectedDowntime(pending / this.bandwidth);
    if (this.postCopyRequested) return { action: 'post-copy', bytes: pending };
    if (this.forced(view)) return this.switchOver(view, pending);
    if (this.held) return this.heldPass(pending);
    if (pending <= threshold) return this.switchOver(view, pending);
    return this.afterPass(view, pending);
  }

  /** Held live: the dirty set is sent in passes; with nothing dirty, wait a window for the next sync. */
  private heldPass(pending: number): Decision {
    return pending < PAGE_BYTES ? { action: 'idle', seconds: WINDOW_SEC } : this.pass(pending, 2);
  }

  idleEnded(view: MigrationView): Decision {
    const pending = this.takeCarried(view, this.syncAndConverge(view));
    if (this.postCopyRequested) return { action: 'post-copy', bytes: pending };
    if (this.forced(view)) return this.switchOver(view, pending);
    if (this.held) return this.heldPass(pending);
    return this.pass(pending, 2);
  }

  /** What to do after a pass that did not converge: another pass (post-copy strategies override). */
  protected afterPass(_view: MigrationView, pending: number): Decision {
    return this.pass(pending, 2);
  }

  protected pass(bytes: number, stage: 1 | 2): Decision {
    this.lastSent = 0;
    return { action: 'send', bytes, stage, rateBytesPerSec: this.options.maxBandwidthBytesPerSec };
  }

  /** The VM stops where the pass is: the pass's unsent rest and the dirty set go uncapped (QEMU's
   * migration_completion lifts the rate limit once the guest is paused). */
  protected switchOver(view: MigrationView, pendingBytes: number): Decision {
    const current = view.current;
    const unsent = current === undefined ? 0 : Math.max(0, current.bytes - Math.trunc(current.sentBytes));
    return {
      action: 'switch-over',
      bytes: pendingBytes + unsent,
      finalSync: true,
      cancelInFlight: true,
      rateBytesPerSec: 0,
    };
  }

  private forced(view: MigrationView): boolean {
    const { maxRounds, timeoutSec } = this.options;
    return (
      this.forceSwitchOver ||
      (maxRounds !== undefined && this.passes >= maxRounds) ||
      (timeoutSec !== undefined && view.elapsedSec >= timeoutSec)
    );
  }

  /** An exact sync of the dirty log, with auto-converge's check when the period is at least 1 s old. */
  protected syncAndConverge(view: MigrationView): number {
    const dirtied = view.syncDirty();
    this.periodDirty += dirtied;
    const converge = this.options.autoConverge;
    if (view.now - this.periodStart >= 1) {
      if (converge !== undefined && this.periodDirty > (this.periodSent * converge.triggerThresholdPercent) / 100) {
        this.highPeriods++;
        if (this.highPeriods >= 2) {
          const next =
            view.throttlePercent === 0 ? converge.initialPercent : view.throttlePercent + converge.incrementPercent;
          view.setThrottle(Math.min(converge.maxPercent, next));
          this.highPeriods = 0;
        }
      }
      this.periodStart = view.now;
      this.periodDirty = 0;
      this.periodSent = 0;
    }
    return dirtied;
  }
}

/** QEMU pre-copy options with QEMU's defaults for what is not given. */
export function qemuOptions(options: QemuPreCopyInput): QemuPreCopyOptions {
  return {
    downtimeLimitSec: options.downtimeLimitSec ?? QEMU_DEFAULTS.downtimeLimitSec,
    maxBandwidthBytesPerSec: options.maxBandwidthBytesPerSec ?? QEMU_DEFAULTS.maxBandwidthBytesPerSec,
    autoConverge:
      options.autoConverge === undefined || options.autoConverge === false
        ? undefined
        : { ...AUTO_CONVERGE_DEFAULTS, ...options.autoConverge },
    maxRounds: options.maxRounds,
    timeoutSec: options.timeoutSec,
    zeroPageRatio: options.zeroPageRatio ?? QEMU_DEFAULTS.zeroPageRatio,
    memoryLayout: options.memoryLayout ?? QEMU_DEFAULTS.memoryLayout,
  };
}

export const qemuPreCopy: MigrationAlgorithm<QemuPreCopyInput> = {
  name: 'precopy',
  options: qemuPreCopyOptions,
  create: (options) => new QemuPreCopy(qemuOptions(options)),
  postCopyPush,
};
