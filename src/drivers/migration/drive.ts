// Drives a started migration to its end: polls query-migrate, runs the scheduled actions (cancel, destination kill,
// post-copy switch, timeout), the switch-over gate, and the operator's commands (cancel, extendLive, endLive).
import { LivemigError } from '../../core/index.ts';
import type { QemuProcess } from '../qemu/qemu-process.ts';
import { sleep } from '../wall-clock.ts';
import { type EndLiveMode, LiveControl } from './live-control.ts';
import { FINAL_STATUSES, type MigrationInfo, parseMigrationInfo } from './migration-info.ts';
import type { MigrationObserver } from './observer.ts';
import type { MigrationSettings } from './options.ts';
import type { SwitchoverHook } from './switchover.ts';

export type OperatorActionName =
  | 'cancel'
  | 'timeout'
  | 'kill-destination'
  | 'start-postcopy'
  | 'extend-live'
  | 'end-live'
  | 'switchover-approved'
  | 'switchover-refused';

export interface OperatorAction {
  action: OperatorActionName;
  /** Seconds since `migrate` was sent. */
  time: number;
}

/** Why the driver cancelled the migration. */
export type AbortReason = 'cancelled' | 'timeout' | 'switchover-refused';

/** How long QEMU may take to end after migrate_cancel before the driver gives up on it. */
const CANCEL_GRACE_SEC = 15;
/** total-time and downtime are filled in just after `completed`: re-query for at most this long. */
const FINAL_STATS_WAIT_SEC = 1;

export class MigrationDriver {
  readonly actions: OperatorAction[] = [];
  readonly live: LiveControl;
  abortReason: AbortReason | undefined;
  /** An error thrown by the beforeSwitchover hook (the migration is then cancelled). */
  hookError: unknown;
  private destinationKilled = false;
  /** Scheduled operator actions already done. */
  private readonly done = new Set<'extend-live' | 'end-live'>();

  constructor(
    private readonly source: QemuProcess,
    private readonly destination: QemuProcess,
    private readonly settings: MigrationSettings,
    private readonly observer: MigrationObserver,
    /** query-migrate-parameters of the source before `migrate`. */
    parameters: Record<string, unknown>,
    beforeSwitchover: SwitchoverHook | undefined,
  ) {
    this.live = new LiveControl(source.qmp, parameters, settings.postcopy, observer.now);
    if (beforeSwitchover !== undefined) {
      observer.onStatus((status) => {
        if (status === 'pre-switchover') void this.gateSwitchover(beforeSwitchover);
      });
    }
  }

  /** Polls until QEMU reports completed, failed or cancelled; returns the final query-migrate. */
  async run(): Promise<MigrationInfo> {
    const intervalMs = this.settings.pollIntervalSec * 1000;
    for (;;) {
      const info = parseMigrationInfo(await this.source.qmp.execute('query-migrate'));
      this.observer.record(info);
      if (FINAL_STATUSES.has(info.status)) return info.status === 'completed' ? this.finalStats(info) : info;
      await this.scheduled(info, this.observer.now());
      await sleep(intervalMs);
    }
  }

  /** Cancels the migration (`migrate_cancel`); the source VM goes on running. */
  async cancel(reason: AbortReason = 'cancelled'): Promise<void> {
    if (this.abortReason !== undefined || FINAL_STATUSES.has(this.observer.status)) return;
    this.abortReason = reason;
    this.act(reason === 'cancelled' ? 'cancel' : reason);
    await this.source.qmp.execute('migrate_cancel');
  }

  /** Holds the switch-over back while the VM stays live (see live-control.ts and docs/qemu.md). */
  async extendLive(): Promise<void> {
    this.requireLive('extendLive');
    this.act('extend-live');
    await this.live.extendLive();
  }

  /** Ends the hold: switches over now (post-copy when enabled), or lets QEMU's own rule decide again. */
  async endLive(mode: EndLiveMode = 'now'): Promise<void> {
    this.requireLive('endLive');
    this.act('end-live');
    await this.live.endLive(mode);
  }

  /** Switches a running pre-copy to post-copy (needs the `postcopy` option). */
  async startPostcopy(): Promise<void> {
    if (await this.live.startPostcopy()) this.act('start-postcopy');
  }

  private async scheduled(info: MigrationInfo, at: number): Promise<void> {
    const { killDestinationAfterSec, cancelAfterSec, postcopyAfterSec, postcopyAfterRounds } = this.settings;
    if (killDestinationAfterSec !== undefined && at >= killDestinationAfterSec && !this.destinationKilled) {
      this.destinationKilled = true;
      this.act('kill-destination');
      this.destination.kill('SIGKILL');
    }
    if (cancelAfterSec !== undefined && at >= cancelAfterSec) await this.cancel('cancelled');
    if (at >= this.settings.timeoutSec) await this.cancel('timeout');
    if (at >= this.settings.timeoutSec + CANCEL_GRACE_SEC) {
      const message = `QEMU's migration did not end ${CANCEL_GRACE_SEC} s after migrate_cancel (status ${info.status}).`;
      throw new LivemigError('driver-failure', message, { details: { reason: 'cancel-ignored', status: info.status } });
    }
    const roundsDone = info.dirtySyncCount - 1;
    const due =
      (postcopyAfterSec !== undefined && at >= postcopyAfterSec) ||
      (postcopyAfterRounds !== undefined && roundsDone >= postcopyAfterRounds);
    if (due && info.status === 'active' && this.abortReason === undefined) await this.startPostcopy();
    await this.scheduledLive(info, at);
  }

  /** extendLiveAtSec / endLiveAtSec, while the migration is live and not being cancelled. */
  private async scheduledLive(info: MigrationInfo, at: number): Promise<void> {
    if ((info.status !== 'setup' && info.status !== 'active') || this.abortReason !== undefined) return;
    const { extendLiveAtSec, endLiveAtSec } = this.settings;
    const dueNow = (action: 'extend-live' | 'end-live', time: number | undefined) =>
      time !== undefined && at >= time && !this.done.has(action) && this.done.add(action) !== undefined;
    if (dueNow('extend-live', extendLiveAtSec)) await this.extendLive();
    if (dueNow('end-live', endLiveAtSec)) await this.endLive('now');
  }

  private async gateSwitchover(hook: SwitchoverHook): Promise<void> {
    let approve = false;
    try {
      approve = await hook({ atSec: this.observer.now(), info: this.observer.latest, extended: this.live.extended });
    } catch (error) {
      this.hookError = error;
    }
    try {
      if (approve && this.abortReason === undefined) {
        this.act('switchover-approved');
        await this.source.qmp.execute('migrate-continue', { state: 'pre-switchover' });
      } else await this.cancel('switchover-refused');
    } catch {
      // the connection is gone or the migration already ended: the poll loop reports it
    }
  }

  private async finalStats(info: MigrationInfo): Promise<MigrationInfo> {
    let latest = info;
    const until = this.observer.now() + FINAL_STATS_WAIT_SEC;
    while ((latest.totalTimeSec ?? 0) === 0 && this.observer.now() < until) {
      await sleep(100);
      latest = parseMigrationInfo(await this.source.qmp.execute('query-migrate'));
    }
    return latest;
  }

  private requireLive(what: string): void {
    const status = this.observer.status;
    if (status !== 'none' && status !== 'setup' && status !== 'active') {
      throw new LivemigError('invalid-state', `Cannot ${what}: the migration is ${status}, not in its live phase.`, {
        details: { status },
      });
    }
  }

  private act(action: OperatorActionName): void {
    this.actions.push({ action, time: this.observer.now() });
  }
}
