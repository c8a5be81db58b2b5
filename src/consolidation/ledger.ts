// The books of a consolidation run: host energy (power of the utilization asked of each host, integrated over
// time), time active and time saturated per host (SLATAH), CPU asked and obtained per VM, and what each VM lost
// while it migrated (PDM). Host figures change only at the instants the caller accrues (interval starts, VM moves,
// hosts switched on or off), so the integrals are exact for a demand that is constant in between.
import type { PowerModel } from './power-model.ts';

export interface LedgerHost {
  capacityFlops: number;
  power: PowerModel;
  on: boolean;
  /** CPU asked of it now by the VMs it runs, flop/s. */
  demandFlops: number;
  energyJoules: number;
  activeSec: number;
  saturatedSec: number;
}

export interface LedgerVm {
  /** CPU asked now, flop/s. */
  demandFlops: number;
  /** Flops asked up to the start of the current interval. */
  requestedFlops: number;
  /** Flops obtained up to the start of the current interval. */
  obtainedFlops: number;
  /** Flops lost while migrating. */
  migrationLossFlops: number;
}

export class Ledger {
  private last = 0;
  /** Joules at the start of the current interval. */
  intervalStartJoules = 0;

  constructor(readonly hosts: LedgerHost[]) {}

  /** Brings every host's integrals up to `now`. */
  accrue(now: number): void {
    const dt = now - this.last;
    if (dt <= 0) return;
    this.last = now;
    for (const host of this.hosts) {
      if (!host.on) continue;
      const utilization = host.demandFlops / host.capacityFlops;
      host.energyJoules += host.power.wattsAt(utilization) * dt;
      host.activeSec += dt;
      if (utilization > 1 + 1e-9) host.saturatedSec += dt;
    }
  }

  totalJoules(): number {
    return this.hosts.reduce((sum, h) => sum + h.energyJoules, 0);
  }

  /** SLA time per active host: mean over hosts that were ever on of (time saturated / time active). */
  slatah(): number {
    const active = this.hosts.filter((h) => h.activeSec > 0);
    if (active.length === 0) return 0;
    return active.reduce((sum, h) => sum + h.saturatedSec / h.activeSec, 0) / active.length;
  }
}

/** Performance degradation due to migrations: mean over VMs of (flops lost while migrating / flops asked). */
export function pdm(vms: readonly LedgerVm[]): number {
  const asked = vms.filter((v) => v.requestedFlops > 0);
  if (asked.length === 0) return 0;
  return asked.reduce((sum, v) => sum + v.migrationLossFlops / v.requestedFlops, 0) / asked.length;
}

/** Mean utilization asked of the hosts that are on (each counted at most 1). */
export function meanUtilization(books: readonly LedgerHost[]): number {
  const on = books.filter((b) => b.on);
  return on.length === 0 ? 0 : on.reduce((s, b) => s + Math.min(1, b.demandFlops / b.capacityFlops), 0) / on.length;
}
