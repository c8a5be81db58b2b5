// The PULLs a bridge makes on its own when a station Pre-Associates a VM with VDP's M bit ("migrating to") and names
// the VSI manager that holds the VM's dynamic state: each PULL's status, its resource-wait deadline for the database's
// acknowledgement, and the failures to report. livemig's model of the seed's bridge behaviour.
import type { Address } from './network.ts';

/** Where a bridge's PULL is: sent, held by the database (acknowledged), installed, or failed. */
export type PullStatus = 'requested' | 'held' | 'installed' | 'failed';
/** What happens to a PULL: the database acknowledged it, the state was installed, or it failed (no
 * acknowledgement within the resource wait, or no database to send it to). */
export type PullEvent = 'acknowledged' | 'installed' | 'failed';

export const PULL_STATUSES: readonly PullStatus[] = ['requested', 'held', 'installed', 'failed'];
export const PULL_EVENTS: readonly PullEvent[] = ['acknowledged', 'installed', 'failed'];

/** The life cycle of a PULL as data. A state that lands after its PULL was reported failed is installed anyway. */
export const PULL_TRANSITIONS: Readonly<Record<PullStatus, Readonly<Partial<Record<PullEvent, PullStatus>>>>> = {
  requested: { acknowledged: 'held', installed: 'installed', failed: 'failed' },
  held: { installed: 'installed', failed: 'failed' },
  installed: {},
  failed: { installed: 'installed' },
};

/** Pure: the status after `event` (unchanged when the event does not concern that status). */
export function pullTransition(status: PullStatus, event: PullEvent): PullStatus {
  return PULL_TRANSITIONS[status][event] ?? status;
}

interface Pull {
  status: PullStatus;
  reason: string | undefined;
  /** The station to tell about the state (installed or failed). */
  notify: Address;
  migration: number;
  database: string;
  /** The database must acknowledge the PULL by then (while `requested`). */
  deadline: number;
  waitSec: number;
}

/** A failed PULL to report to its station. */
export interface PullFailure {
  vm: string;
  notify: Address;
  migration: number;
  reason: string;
}

export class BridgePulls {
  private readonly pulls = new Map<string, Pull>();

  /** A PULL of `vm`'s state was sent at `now`; it fails unless the database acknowledges it within `waitSec`. */
  requested(vm: string, notify: Address, migration: number, database: string, now: number, waitSec: number): void {
    this.pulls.set(vm, {
      status: 'requested',
      reason: undefined,
      notify,
      migration,
      database,
      deadline: now + waitSec,
      waitSec,
    });
  }

  /** The database holds the PULL (or is delivering the state). */
  acknowledged(vm: string): void {
    const pull = this.pulls.get(vm);
    if (pull !== undefined) pull.status = pullTransition(pull.status, 'acknowledged');
  }

  /** The state arrived and was installed. */
  installed(vm: string): void {
    const pull = this.pulls.get(vm);
    if (pull !== undefined) pull.status = pullTransition(pull.status, 'installed');
  }

  /** Marks the PULL of `vm` failed; what to report (undefined when it had already ended). */
  fail(vm: string, reason: string): PullFailure | undefined {
    const pull = this.pulls.get(vm);
    if (pull === undefined || pullTransition(pull.status, 'failed') !== 'failed' || pull.status === 'failed')
      return undefined;
    pull.status = 'failed';
    pull.reason = reason;
    return { vm, notify: pull.notify, migration: pull.migration, reason };
  }

  /** Fails every PULL whose database did not acknowledge it by `now`. */
  expire(now: number): PullFailure[] {
    const failures: PullFailure[] = [];
    for (const [vm, pull] of this.pulls) {
      if (pull.status !== 'requested' || now < pull.deadline) continue;
      const failure = this.fail(vm, `no answer from database "${pull.database}" within ${pull.waitSec} s`);
      if (failure !== undefined) failures.push(failure);
    }
    return failures;
  }

  /** Seconds from `now` to the next deadline (undefined: none). */
  nextDeadlineIn(now: number): number | undefined {
    let next = Number.POSITIVE_INFINITY;
    for (const pull of this.pulls.values()) if (pull.status === 'requested') next = Math.min(next, pull.deadline);
    return Number.isFinite(next) ? Math.max(0, next - now) : undefined;
  }

  /** The status of `vm`'s PULL, or `none` when this bridge made none (or forgot it). */
  status(vm: string): { status: PullStatus | 'none'; reason: string | undefined } {
    const pull = this.pulls.get(vm);
    return pull === undefined ? { status: 'none', reason: undefined } : { status: pull.status, reason: pull.reason };
  }

  /** The bridge failed: it forgets its PULLs. */
  clear(): void {
    this.pulls.clear();
  }
}
