// Migration statistics shaped like QEMU's query-migrate: status history, times, bytes per phase, dirty syncs,
// dirty-page rate, throttle — for every algorithm, and for real QEMU runs alike.
import type { Engine } from '../../kernel/index.ts';

export type MigrationStatus =
  | 'setup'
  | 'active'
  | 'pre-switchover'
  | 'device'
  | 'postcopy-active'
  | 'completed'
  | 'failed'
  | 'cancelled';

export const PAGE_SIZE_BYTES = 4096;

export interface MigrationStats {
  statusHistory: { status: MigrationStatus; time: number }[];
  totalTimeSec: number | undefined;
  /** From the request to the first byte sent. */
  setupTimeSec: number | undefined;
  downtimeSec: number | undefined;
  expectedDowntimeSec: number | undefined;
  transferredBytes: number;
  remainingBytes: number;
  totalBytes: number;
  dirtySyncCount: number;
  /** Pages dirtied per second over the last sync period. */
  dirtyPagesRate: number;
  throttlePercent: number;
  precopyBytes: number;
  downtimeBytes: number;
  postcopyBytes: number;
  /** Pages the destination faulted on and requested during post-copy. */
  postcopyRequests: number;
  pageSizeBytes: number;
}

export class MigrationStatsRecorder {
  readonly history: { status: MigrationStatus; time: number }[] = [];
  downtimeSec: number | undefined;
  expectedDowntimeSec: number | undefined;
  postcopyRequests = 0;
  private transferred = 0;
  private inFlight = 0;
  private remaining: number;
  private syncs = 0;
  private rate = 0;
  private lastSync: number;
  private throttle = 0;
  private readonly phases = { precopy: 0, downtime: 0, postcopy: 0 };
  private readonly start: number;

  constructor(
    private readonly engine: Engine,
    private readonly totalBytes: number,
  ) {
    this.start = engine.now;
    this.lastSync = engine.now;
    this.remaining = totalBytes;
  }

  status(status: MigrationStatus): void {
    const last = this.history[this.history.length - 1];
    if (last?.status !== status) this.history.push({ status, time: this.engine.now });
  }

  synced(count: number, dirtyBytes: number): void {
    this.syncs = count;
    const period = this.engine.now - this.lastSync;
    if (period > 0) this.rate = dirtyBytes / PAGE_SIZE_BYTES / period;
    this.lastSync = this.engine.now;
    this.remaining = dirtyBytes;
  }

  throttled(percent: number): void {
    this.throttle = percent;
  }

  sent(phase: 'precopy' | 'downtime' | 'postcopy', bytes: number): void {
    this.phases[phase] += bytes;
    this.transferred += bytes;
    this.inFlight = 0;
  }

  /** Bytes of the round in flight sent so far (for progress; the round's end accounts them for good). */
  progress(inFlightBytes: number): void {
    this.inFlight = inFlightBytes;
  }

  snapshot(): MigrationStats {
    const active = this.history.find((h) => h.status === 'active');
    const ended = this.history.find(
      (h) => h.status === 'completed' || h.status === 'failed' || h.status === 'cancelled',
    );
    return {
      statusHistory: this.history.map((h) => ({ ...h })),
      totalTimeSec: ended === undefined ? undefined : ended.time - this.start,
      setupTimeSec: active === undefined ? undefined : active.time - this.start,
      downtimeSec: this.downtimeSec,
      expectedDowntimeSec: this.expectedDowntimeSec,
      transferredBytes: this.transferred + this.inFlight,
      remainingBytes: ended?.status === 'completed' ? 0 : this.remaining,
      totalBytes: this.totalBytes,
      dirtySyncCount: this.syncs,
      dirtyPagesRate: this.rate,
      throttlePercent: this.throttle,
      precopyBytes: this.phases.precopy,
      downtimeBytes: this.phases.downtime,
      postcopyBytes: this.phases.postcopy,
      postcopyRequests: this.postcopyRequests,
      pageSizeBytes: PAGE_SIZE_BYTES,
    };
  }
}
