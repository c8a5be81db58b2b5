// QEMU's pre-copy (migration.c / ram.c): passes over the dirty pages, rate-limited to max-bandwidth, with a check
// every 100 ms window: bandwidth = bytes of the window / its duration, threshold = bandwidth × downtime-limit; when
// what is pending fits under the threshold (after an exact sync of the dirty log), the VM stops and the rest is
// copied. Auto-converge throttles the vCPUs when, at a sync at least 1 s after the previous period, the bytes
// dirtied exceed 50 % of those sent, for the second time: 20 %, then +10 % per step, up to 99 %.
import type { RoundRecord } from '../records.ts';
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView, OperatorCommand } from '../strategy.ts';

export interface AutoConvergeOptions {
  initialPercent: number;
  incrementPercent: number;
  maxPercent: number;
  /** Dirtied bytes above this share of the bytes sent in a period count as "high" (%). */
  triggerThresholdPercent: number;
}

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
}

export const QEMU_DEFAULTS: QemuPreCopyOptions = {
  downtimeLimitSec: 0.3,
  maxBandwidthBytesPerSec: 128 * 1024 * 1024,
  autoConverge: undefined,
  maxRounds: undefined,
  timeoutSec: undefined,
  zeroPageRatio: 0,
};

export const AUTO_CONVERGE_DEFAULTS: AutoConvergeOptions = {
  initialPercent: 20,
  incrementPercent: 10,
  maxPercent: 99,
  triggerThresholdPercent: 50,
};

export const WINDOW_SEC = 0.1;

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
  private forceSwitchOver = false;
  private postCopyRequested = false;

  constructor(protected readonly options: QemuPreCopyOptions) {}

  command(command: OperatorCommand): void {
    if (command === 'switch-over') this.forceSwitchOver = true;
    if (command === 'start-post-copy') this.postCopyRequested = true;
  }

  start(view: MigrationView): Decision {
    this.periodStart = view.now;
    this.lastCheck = view.now;
    const bulk = Math.trunc(view.ramBytes * (1 - this.options.zeroPageRatio));
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
    const leftInPass = current.bytes - sentNow + this.carried;
    if (this.postCopyRequested)
      return { action: 'post-copy', bytes: current.bytes - sentNow + this.takeCarried(view, view.syncDirty()) };
    if (this.forced(view)) return this.switchOver(view, this.takeCarried(view, this.syncAndConverge(view)));
    if (this.bandwidth > 0 && leftInPass <= threshold) {
      this.carry(view, this.syncAndConverge(view));
      const exact = current.bytes - sentNow + this.carried;
      view.setExpectedDowntime(exact / this.bandwidth);
      if (exact <= threshold) return this.switchOver(view, this.takeCarried(view, 0));
    }
    return { action: 'continue' };
  }

  /** Adds the bytes of a sync to the dirty set of the pass, bounded by the working set. */
  private carry(view: MigrationView, dirtied: number): void {
    this.carried = Math.min(view.workingSetBytes, this.carried + dirtied);
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
    if (pending <= threshold || this.forced(view)) return this.switchOver(view, pending);
    return this.afterPass(view, pending);
  }

  /** What to do after a pass that did not converge: another pass (post-copy strategies override). */
  protected afterPass(_view: MigrationView, pending: number): Decision {
    return this.pass(pending, 2);
  }

  protected pass(bytes: number, stage: 1 | 2): Decision {
    this.lastSent = 0;
    return { action: 'send', bytes, stage, rateBytesPerSec: this.options.maxBandwidthBytesPerSec };
  }

  protected switchOver(_view: MigrationView, pendingBytes: number): Decision {
    return { action: 'switch-over', bytes: pendingBytes, finalSync: true };
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

/** Reads QEMU pre-copy options, with defaults. */
export function qemuOptions(options: Record<string, unknown>): QemuPreCopyOptions {
  const number = (key: string, fallback: number | undefined): number | undefined => {
    const value = options[key];
    return typeof value === 'number' ? value : fallback;
  };
  const converge = options.autoConverge;
  return {
    downtimeLimitSec: number('downtimeLimitSec', QEMU_DEFAULTS.downtimeLimitSec) as number,
    maxBandwidthBytesPerSec: number('maxBandwidthBytesPerSec', QEMU_DEFAULTS.maxBandwidthBytesPerSec) as number,
    autoConverge:
      converge === true
        ? { ...AUTO_CONVERGE_DEFAULTS }
        : typeof converge === 'object' && converge !== null
          ? { ...AUTO_CONVERGE_DEFAULTS, ...(converge as Partial<AutoConvergeOptions>) }
          : undefined,
    maxRounds: number('maxRounds', undefined),
    timeoutSec: number('timeoutSec', undefined),
    zeroPageRatio: number('zeroPageRatio', 0) as number,
  };
}

export const qemuPreCopy: MigrationAlgorithm = {
  name: 'precopy',
  create: (options) => new QemuPreCopy(qemuOptions(options)),
};
