// What is seen of a running migration, on one clock (seconds since `migrate` was sent): status changes (from events
// and polls), dirty-bitmap syncs (MIGRATION_PASS), the source's STOP, the destination's RESUME, and every poll.
import type { QmpClient } from '../qmp/qmp-client.ts';
import type { MigrationInfo, QemuMigrationStatus } from './migration-info.ts';

export interface StatusChange {
  status: QemuMigrationStatus;
  /** Seconds since `migrate` was sent. */
  time: number;
}

/** One `query-migrate` poll, reduced to what changes over time. */
export interface PollSample {
  /** Seconds since `migrate` was sent. */
  time: number;
  status: QemuMigrationStatus;
  transferredBytes: number;
  remainingBytes: number;
  dirtySyncCount: number;
  dirtyPagesRate: number;
  expectedDowntimeSec: number | undefined;
  throttlePercent: number | undefined;
  mbps: number;
  normalPages: number;
  zeroPages: number;
}

export class MigrationObserver {
  readonly statusHistory: StatusChange[] = [];
  readonly destinationStatusHistory: StatusChange[] = [];
  /** When each dirty-bitmap sync (pass) was first seen: from MIGRATION_PASS, or from a poll's dirty-sync-count. */
  readonly passTimes = new Map<number, number>();
  readonly samples: PollSample[] = [];
  sourceStopAt: number | undefined;
  destinationResumeAt: number | undefined;
  latest: MigrationInfo | undefined;
  /** The last poll that carried RAM statistics (QEMU drops them once a migration is cancelled). */
  latestWithRam: MigrationInfo | undefined;
  private readonly statusListeners = new Set<(status: QemuMigrationStatus) => void>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    source: QmpClient,
    destination: QmpClient,
    /** Seconds since `migrate` was sent. */
    readonly now: () => number,
  ) {
    this.unsubscribe = [
      source.onEvent('MIGRATION', (event) => this.sourceStatus(String(event.data.status), false)),
      source.onEvent('MIGRATION_PASS', (event) => this.pass(Number(event.data.pass), this.now())),
      source.onEvent('STOP', () => (this.sourceStopAt ??= this.now())),
      destination.onEvent('MIGRATION', (event) =>
        this.change(this.destinationStatusHistory, String(event.data.status), false),
      ),
      destination.onEvent('RESUME', () => (this.destinationResumeAt ??= this.now())),
    ];
  }

  /** The source's latest known status. */
  get status(): QemuMigrationStatus {
    return this.statusHistory.at(-1)?.status ?? 'none';
  }

  /** Calls `listener` on every change of the source's status (events first, polls as a back-up). */
  onStatus(listener: (status: QemuMigrationStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  record(info: MigrationInfo): void {
    const time = this.now();
    this.latest = info;
    if (info.totalBytes > 0) this.latestWithRam = info;
    for (let pass = 1; pass <= info.dirtySyncCount; pass++) this.pass(pass, time);
    this.samples.push({
      time,
      status: info.status,
      transferredBytes: info.transferredBytes,
      remainingBytes: info.remainingBytes,
      dirtySyncCount: info.dirtySyncCount,
      dirtyPagesRate: info.dirtyPagesRate,
      expectedDowntimeSec: info.expectedDowntimeSec,
      throttlePercent: info.throttlePercent,
      mbps: info.mbps,
      normalPages: info.normalPages,
      zeroPages: info.zeroPages,
    });
    this.sourceStatus(info.status, true);
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.statusListeners.clear();
  }

  private sourceStatus(status: QemuMigrationStatus, fromPoll: boolean): void {
    if (this.change(this.statusHistory, status, fromPoll))
      for (const listener of [...this.statusListeners]) listener(status);
  }

  /** A poll may be answered just before an event it races with: it adds only a status not seen yet. */
  private change(history: StatusChange[], status: QemuMigrationStatus, fromPoll: boolean): boolean {
    if (status === 'none' || history.at(-1)?.status === status) return false;
    if (fromPoll && history.some((change) => change.status === status)) return false;
    history.push({ status, time: this.now() });
    return true;
  }

  private pass(pass: number, time: number): void {
    if (Number.isInteger(pass) && pass > 0 && !this.passTimes.has(pass)) this.passTimes.set(pass, time);
  }
}
