// Drives a consolidation run in a Simulation: every interval, each VM's CPU demand follows its utilization trace (a
// bound on its share of its host and one execution per vCPU, so max-min sharing decides what it gets), the books
// are closed for the interval that ended, and a planning round's moves become real live migrations, at most
// `maxConcurrentPerHost` at a time per host; idle hosts are switched off, and on again when a VM goes to them.
import { LivemigError, type Random } from '../core/index.ts';
import { type Actor, ExecActivity } from '../kernel/index.ts';
import type { Host } from '../platform/index.ts';
import type { Simulation } from '../simulation/index.ts';
import type { VirtualMachine } from '../vm/index.ts';
import { Ledger, type LedgerHost, type LedgerVm, meanUtilization, pdm } from './ledger.ts';
import type { HostSlot } from './placement.ts';
import { describePolicies, hostHistory, type Move, type PlanVm, planRound } from './planner.ts';
import { type ConsolidationInterval, type ConsolidationReport, migrationFigures, sum } from './report.ts';
import type { ConsolidationHost, ConsolidationSettings, WorkloadVm } from './settings.ts';
import { type UtilizationTrace, utilizationAt } from './workload-trace.ts';

/** Past demands kept per VM: enough for every overload policy (IQR/MAD need 12) and for MC. */
const HISTORY = 30;
/** A migration's bandwidth when the migrate options set none: 1 Gbit/s (for LR's look-ahead only). */
const DEFAULT_BANDWIDTH = 125e6;

interface Tracked {
  vm: VirtualMachine;
  trace: UtilizationTrace;
  capacityFlops: number;
  actor: Actor;
  books: LedgerVm;
  history: number[];
  execs: ExecActivity[];
  host: number;
  planned: number;
  migrating: boolean;
}

export class Consolidation {
  private readonly hosts: Host[];
  private readonly books: LedgerHost[];
  private readonly ledger: Ledger;
  private readonly tracked: Tracked[];
  private readonly byVm = new Map<VirtualMachine, Tracked>();
  private readonly byName = new Map<string, Tracked>();
  private readonly hostIndex = new Map<Host, number>();
  private readonly intervals: ConsolidationInterval[] = [];
  private queue: Move[] = [];
  private readonly busy: number[];
  private readonly ramBytes: number[];
  private intervalStart = 0;
  private row: ConsolidationInterval | undefined;
  private started = 0;
  private failed = 0;
  private switchedOff = 0;
  private switchedOn = 0;
  private readonly durations: number[] = [];
  private readonly downtimes: number[] = [];
  private serial = 0;

  constructor(
    private readonly sim: Simulation,
    hosts: readonly ConsolidationHost[],
    workloads: readonly WorkloadVm[],
    private readonly settings: ConsolidationSettings,
    private readonly random: Random,
  ) {
    const interval = settings.intervalSec;
    if (!(interval > 0))
      throw new LivemigError('invalid-argument', `A consolidation interval must be > 0 s, not ${interval}.`);
    this.hosts = hosts.map((h) => sim.host(h.host));
    for (const [i, h] of this.hosts.entries()) this.hostIndex.set(h, i);
    this.books = hosts.map((h, i) => {
      const host = this.hosts[i] as Host;
      return {
        capacityFlops: host.speedFlops * host.cores,
        power: h.power,
        on: host.isOn(),
        demandFlops: 0,
        energyJoules: 0,
        activeSec: 0,
        saturatedSec: 0,
      };
    });
    this.ramBytes = hosts.map((h) => h.ramBytes);
    this.busy = hosts.map(() => 0);
    this.ledger = new Ledger(this.books);
    this.tracked = workloads.map((w) => this.track(w));
    sim.trace.on('vm.moved', (event) => this.moved(sim.vm(event.vm as string), event.to as string));
    sim.at(0, () => this.tick(0));
  }

  private track(workload: WorkloadVm): Tracked {
    const vm = this.sim.vm(workload.vm);
    const host = this.hostIndex.get(vm.pm);
    if (host === undefined) {
      throw new LivemigError(
        'invalid-argument',
        `VM "${vm.name}" is on host "${vm.pm.name}", which consolidation does not manage.`,
      );
    }
    const bound = vm.boundFlopsPerSec;
    const capacityFlops = Number.isFinite(bound) ? bound : vm.cores * vm.pm.speedFlops;
    const duration = this.settings.durationSec;
    const actor = this.sim.spawn(`${vm.name}:workload`, vm, (ctx) => ctx.sleep(duration));
    const books = { demandFlops: 0, requestedFlops: 0, obtainedFlops: 0, migrationLossFlops: 0 };
    const tracked: Tracked = {
      vm,
      trace: workload.trace,
      capacityFlops,
      actor,
      books,
      history: [],
      execs: [],
      host,
      planned: host,
      migrating: false,
    };
    this.byVm.set(vm, tracked);
    this.byName.set(vm.name, tracked);
    return tracked;
  }

  /** Length of the run, seconds. */
  get durationSec(): number {
    return this.settings.durationSec;
  }

  // ---- the interval loop ---------------------------------------------------------------------------------

  private tick(now: number): void {
    this.ledger.accrue(now);
    if (this.row !== undefined) this.closeInterval(now);
    if (now >= this.settings.durationSec - 1e-9) return;
    this.intervalStart = now;
    const end = Math.min(now + this.settings.intervalSec, this.settings.durationSec);
    this.ledger.intervalStartJoules = this.ledger.totalJoules();
    for (const t of this.tracked) this.setDemand(t, now, end);
    this.refreshHostDemand();
    const row: ConsolidationInterval = {
      start: now,
      end,
      activeHosts: 0, // once the round has switched hosts on and off, below
      overloadedHosts: 0,
      saturatedHosts: this.books.filter((b) => b.on && b.demandFlops > b.capacityFlops * (1 + 1e-9)).length,
      migrationsStarted: 0,
      energyJoules: 0,
      meanUtilization: meanUtilization(this.books),
      requestedFlops: 0,
      shortfallFlops: 0,
    };
    this.row = row;
    if (this.settings.switchOffIdle) this.switchOffIdle();
    if (this.settings.policies !== undefined) {
      const plan = planRound(this.settings.policies, this.planInput());
      row.overloadedHosts = plan.overloaded.length;
      this.queue = plan.moves;
      this.pump();
    }
    if (this.settings.switchOffIdle) this.switchOffIdle();
    row.activeHosts = this.books.filter((b) => b.on).length;
    this.sim.at(end, () => this.tick(end));
  }

  private setDemand(t: Tracked, now: number, end: number): void {
    const demand =
      t.vm.isReleased || (t.vm.state !== 'running' && t.vm.state !== 'migrating')
        ? 0
        : utilizationAt(t.trace, now) * t.capacityFlops;
    t.books.demandFlops = demand;
    t.history.push(demand);
    if (t.history.length > HISTORY) t.history.shift();
    if (demand <= 0) return;
    t.vm.setBound(demand);
    const perCore = (demand * (end - now)) / t.vm.cores;
    for (let core = 0; core < t.vm.cores; core++) {
      t.execs.push(new ExecActivity(this.sim.engine, t.actor, t.vm, perCore, {}).start());
    }
  }

  /** Closes the books of the interval that ends now: what each VM asked and got, and the interval's row. */
  private closeInterval(now: number): void {
    const row = this.row as ConsolidationInterval;
    const dt = now - this.intervalStart;
    for (const t of this.tracked) {
      const requested = t.books.demandFlops * dt;
      const obtained = this.obtainedInInterval(t);
      for (const exec of t.execs) settle(exec);
      t.execs = [];
      t.books.requestedFlops += requested;
      t.books.obtainedFlops += obtained;
      row.requestedFlops += requested;
      row.shortfallFlops += Math.max(0, requested - obtained);
    }
    row.energyJoules = this.ledger.totalJoules() - this.ledger.intervalStartJoules;
    this.intervals.push(row);
    this.row = undefined;
  }

  private obtainedInInterval(t: Tracked): number {
    let obtained = 0;
    for (const exec of t.execs) obtained += exec.flops - exec.remaining();
    return obtained;
  }

  /** Flops a VM asked for and got since the run started, up to now. */
  private progress(t: Tracked): { requested: number; obtained: number } {
    return {
      requested: t.books.requestedFlops + t.books.demandFlops * (this.sim.now - this.intervalStart),
      obtained: t.books.obtainedFlops + this.obtainedInInterval(t),
    };
  }

  private refreshHostDemand(): void {
    for (const b of this.books) b.demandFlops = 0;
    for (const t of this.tracked) {
      const b = this.books[t.host] as LedgerHost;
      b.demandFlops += t.books.demandFlops;
    }
  }

  private moved(vm: VirtualMachine, to: string): void {
    const t = this.byVm.get(vm);
    const index = this.hostIndex.get(this.sim.host(to));
    if (t === undefined || index === undefined) return;
    this.ledger.accrue(this.sim.now);
    (this.books[t.host] as LedgerHost).demandFlops -= t.books.demandFlops;
    (this.books[index] as LedgerHost).demandFlops += t.books.demandFlops;
    t.host = index;
  }

  // ---- planning and migrations -------------------------------------------------------------------------

  private planInput() {
    const slots: HostSlot[] = this.hosts.map((host, index) => ({
      index,
      name: host.name,
      capacityFlops: (this.books[index] as LedgerHost).capacityFlops,
      ramBytes: this.ramBytes[index] as number,
      usedRamBytes: 0,
      demandFlops: 0,
      on: host.isOn(),
      power: (this.books[index] as LedgerHost).power,
    }));
    const vms: (PlanVm & { tracked: Tracked })[] = [];
    for (const t of this.tracked) {
      if (t.vm.isReleased) continue;
      const slot = slots[t.planned] as HostSlot;
      slot.demandFlops += t.books.demandFlops;
      slot.usedRamBytes += t.vm.ramBytes;
      vms.push({
        name: t.vm.name,
        ramBytes: t.vm.ramBytes,
        demandFlops: t.books.demandFlops,
        history: t.history,
        host: t.planned,
        migrating: t.migrating || t.vm.state !== 'running',
        tracked: t,
      });
    }
    const bandwidth = Number(this.settings.migrate.maxBandwidthBytesPerSec ?? 0) || DEFAULT_BANDWIDTH;
    return {
      hosts: slots,
      vms,
      history: hostHistory,
      migrationIntervals: (on: readonly PlanVm[]) =>
        Math.ceil(Math.max(0, ...on.map((v) => v.ramBytes)) / bandwidth / this.settings.intervalSec),
      random: this.random,
    };
  }

  /** Starts queued moves while their hosts have free migration slots. */
  private pump(): void {
    const limit = this.settings.maxConcurrentPerHost;
    const waiting: Move[] = [];
    for (const move of this.queue) {
      if ((this.busy[move.from] as number) >= limit || (this.busy[move.to] as number) >= limit) waiting.push(move);
      else this.launch(move);
    }
    this.queue = waiting;
  }

  private launch(move: Move): void {
    const t = this.byName.get(move.vm) as Tracked;
    const to = this.hosts[move.to] as Host;
    if (t.vm.state !== 'running' || t.host !== move.from) return;
    if (!to.isOn()) this.switchOn(move.to);
    t.planned = move.to;
    t.migrating = true;
    this.busy[move.from] = (this.busy[move.from] as number) + 1;
    this.busy[move.to] = (this.busy[move.to] as number) + 1;
    this.started++;
    if (this.row !== undefined) this.row.migrationsStarted++;
    const source = this.hosts[move.from] as Host;
    const before = this.progress(t);
    this.sim.spawn(`consolidation-${++this.serial}`, source, async () => {
      try {
        const record = await this.sim.migrate(t.vm, to, this.settings.migrate);
        this.durations.push(record.durationSec ?? 0);
        this.downtimes.push(record.downtimeSec ?? 0);
      } catch (error) {
        if (!(error instanceof LivemigError)) throw error;
        this.failed++;
        t.planned = t.host;
      } finally {
        const after = this.progress(t);
        const lost = after.requested - before.requested - (after.obtained - before.obtained);
        t.books.migrationLossFlops += Math.max(0, lost);
        t.migrating = false;
        this.busy[move.from] = (this.busy[move.from] as number) - 1;
        this.busy[move.to] = (this.busy[move.to] as number) - 1;
        this.pump();
        // Outside this actor, which runs on the source host that may now be switched off.
        if (this.settings.switchOffIdle) this.sim.at(this.sim.now, () => this.switchOffIdle());
      }
    });
  }

  private switchOn(index: number): void {
    this.ledger.accrue(this.sim.now);
    (this.hosts[index] as Host).turnOn();
    (this.books[index] as LedgerHost).on = true;
    this.switchedOn++;
  }

  private switchOffIdle(): void {
    const used = new Set<number>();
    for (const t of this.tracked) {
      if (!t.vm.isReleased) used.add(t.planned).add(t.host);
    }
    for (const move of this.queue) used.add(move.to).add(move.from);
    for (const vm of this.sim.vms.all) {
      const index = this.hostIndex.get(vm.pm);
      if (index !== undefined) used.add(index);
    }
    this.hosts.forEach((host, index) => {
      if (!host.isOn() || used.has(index) || (this.busy[index] as number) > 0) return;
      this.ledger.accrue(this.sim.now);
      host.turnOff();
      (this.books[index] as LedgerHost).on = false;
      this.switchedOff++;
    });
  }

  // ---- results -------------------------------------------------------------------------------------------

  report(): ConsolidationReport {
    this.ledger.accrue(Math.min(this.sim.now, this.settings.durationSec));
    const energyJoules = this.ledger.totalJoules();
    const slatah = this.ledger.slatah();
    const degradation = pdm(this.tracked.map((t) => t.books));
    const slav = slatah * degradation;
    const energyKWh = energyJoules / 3.6e6;
    const policies = this.settings.policies;
    return {
      energyJoules,
      slatah,
      pdm: degradation,
      slav,
      esv: energyKWh * slav,
      migrations: this.started,
      intervals: this.intervals,
      energyKWh,
      policy: policies === undefined ? 'none' : describePolicies(policies),
      intervalSec: this.settings.intervalSec,
      durationSec: this.settings.durationSec,
      migrationsFailed: this.failed,
      ...migrationFigures(this.durations, this.downtimes),
      hostsSwitchedOff: this.switchedOff,
      hostsSwitchedOn: this.switchedOn,
      requestedFlops: sum(this.intervals.map((r) => r.requestedFlops)),
      shortfallFlops: sum(this.intervals.map((r) => r.shortfallFlops)),
      migrationLossFlops: sum(this.tracked.map((t) => t.books.migrationLossFlops)),
    };
  }
}

/**
 * Cancels an execution of the interval that ends and settles it as its owner: nobody waits for these executions, so
 * without this the VM would go on counting it as running and keep its weight on the host after its demand fell.
 */
function settle(exec: ExecActivity): void {
  exec.cancel();
  exec.complete();
}
