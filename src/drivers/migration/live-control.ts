// The operator's hands on the live phase, with QMP only (QEMU 7.2 has no switch-over veto that keeps the VM running:
// pause-before-switchover parks it already stopped). extendLive holds the switch-over back by making QEMU's stop
// threshold (measured bandwidth × downtime-limit) smaller than one page; endLive forces the switch-over, or only lifts
// the hold. Every parameter change is recorded so that rounds get the threshold in force.
import { LivemigError } from '../../core/index.ts';
import type { QmpClient } from '../qmp/qmp-client.ts';
import { MAX_DOWNTIME_LIMIT_SEC } from './options.ts';
import type { DowntimeLimitChange } from './rounds.ts';

/** 1 ms × ~2 MiB/s ≈ 2 KB: below one 4 KiB page, so QEMU switches over only if a sync finds nothing dirty. */
export const HOLD_DOWNTIME_LIMIT_MS = 1;
export const HOLD_BANDWIDTH_BYTES_PER_SEC = 2 * 1024 * 1024;

/** `'now'` (default): switch over at QEMU's next iteration; `'when-converged'`: lift the hold, QEMU's rule applies. */
export type EndLiveMode = 'now' | 'when-converged';

interface LiveParameters {
  downtimeLimitMs: number;
  maxBandwidthBytesPerSec: number;
}

export class LiveControl {
  readonly downtimeLimits: DowntimeLimitChange[] = [];
  private current: LiveParameters;
  private saved: LiveParameters | undefined;
  private postcopyStarted = false;

  constructor(
    private readonly source: QmpClient,
    /** query-migrate-parameters before `migrate`. */
    parameters: Record<string, unknown>,
    private readonly postcopyEnabled: boolean,
    private readonly now: () => number,
  ) {
    const number = (name: string, fallback: number) => {
      const value = parameters[name];
      return typeof value === 'number' ? value : fallback;
    };
    this.current = {
      downtimeLimitMs: number('downtime-limit', 300),
      maxBandwidthBytesPerSec: number('max-bandwidth', 0),
    };
    this.downtimeLimits.push({ from: 0, sec: this.current.downtimeLimitMs / 1000 });
  }

  /** Whether the switch-over is being held back. */
  get extended(): boolean {
    return this.saved !== undefined;
  }

  async extendLive(): Promise<void> {
    if (this.saved !== undefined) return;
    this.saved = this.current;
    await this.set({ downtimeLimitMs: HOLD_DOWNTIME_LIMIT_MS, maxBandwidthBytesPerSec: HOLD_BANDWIDTH_BYTES_PER_SEC });
  }

  async endLive(mode: EndLiveMode = 'now'): Promise<void> {
    const saved = this.saved ?? this.current;
    this.saved = undefined;
    if (mode === 'when-converged') return this.set(saved);
    if (this.postcopyEnabled) {
      await this.set(saved);
      await this.startPostcopy();
      return;
    }
    await this.set({
      downtimeLimitMs: MAX_DOWNTIME_LIMIT_SEC * 1000,
      maxBandwidthBytesPerSec: saved.maxBandwidthBytesPerSec,
    });
  }

  /** Returns false when post-copy had already been started. */
  async startPostcopy(): Promise<boolean> {
    if (!this.postcopyEnabled) {
      throw new LivemigError(
        'invalid-state',
        'Cannot start post-copy: the migration was started without postcopy: true.',
      );
    }
    if (this.postcopyStarted) return false;
    this.postcopyStarted = true;
    await this.source.execute('migrate-start-postcopy');
    return true;
  }

  private async set(next: LiveParameters): Promise<void> {
    this.current = next;
    this.downtimeLimits.push({ from: this.now(), sec: next.downtimeLimitMs / 1000 });
    await this.source.execute('migrate-set-parameters', {
      'downtime-limit': next.downtimeLimitMs,
      'max-bandwidth': next.maxBandwidthBytesPerSec,
    });
  }
}
