// A virtual machine: a host placed on a physical machine (PM). Inside, its executions share a virtual CPU; on its
// PM it competes like one task of weight min(running executions, cores), bounded by that many cores' speed
// (SimGrid's two-level sharing). Its network place is its PM's. Its life cycle follows lifecycle.ts.
import { LivemigError } from '../core/index.ts';
import { type Engine, internalsOf, type SimHost } from '../kernel/index.ts';
import type { Cpu, CpuModel, LmmAction } from '../models/index.ts';
import type { Host } from '../platform/index.ts';
import type { DirtyModelSpec } from './dirty-model.ts';
import { DirtyPageTracker } from './dirty-tracking.ts';
import { simgridStateName, transition, type VmEffect, type VmEvent, type VmState } from './lifecycle.ts';
import type { MigrateOptions } from './migration/options.ts';
import type { MigrationRecord } from './migration/records.ts';
import { DiskOperation, type DiskOptions, diskSeconds } from './save-restore.ts';
import type { VmModel } from './vm-model.ts';

/** SimGrid's live-migration parameters of a VM. */
export interface MigrationParameters {
  /** Cap on the migration transfer rate in bytes/s; 0 = no cap (the network decides). */
  migrationSpeedBytesPerSec: number;
  /** Bytes dirtied per flop computed = speed × intensity / PM speed; 0 = the VM writes nothing. */
  dirtyIntensity: number;
  /** Most bytes that can be dirty at once (SimGrid caps each round at it). */
  workingSetBytes: number;
  /** Largest acceptable stop-and-copy duration; SimGrid always uses 0.03 s. */
  maxDowntimeSec: number;
}

export const DEFAULT_MIGRATION_PARAMETERS: MigrationParameters = {
  migrationSpeedBytesPerSec: 0,
  dirtyIntensity: 0,
  workingSetBytes: 0,
  maxDowntimeSec: 0.03,
};

/** What a VM needs from its manager (kept narrow to avoid a cycle). */
export interface VmHooks {
  readonly engine: Engine;
  readonly vcpuModel: CpuModel;
  /** Told when what decides the VM's capacity (weight, bound, migration pause) may have changed. */
  readonly vmModel: VmModel;
  checkMemory(vm: VirtualMachine, pm: Host): void;
  moved(vm: VirtualMachine, from: Host, to: Host): void;
  released(vm: VirtualMachine): void;
  abortMigration(vm: VirtualMachine, reason: string): void;
  stateChanged(vm: VirtualMachine, from: VmState, event: VmEvent): void;
  migrate(vm: VirtualMachine, destination: Host, options: MigrateOptions): Promise<MigrationRecord>;
}

export class VirtualMachine implements SimHost {
  readonly isVirtual = true;
  readonly cpu: Cpu;
  readonly dirtyPages: DirtyPageTracker;
  migration: MigrationParameters;
  /** Running executions that count in the VM's weight on its PM. */
  activeExecutions = 0;
  /** Set while the stop-and-copy phase of a migration has paused the VM. */
  pausedForMigration = false;
  /** How the VM dirties its memory (SimGrid's flops model by default). */
  dirtyModel: DirtyModelSpec = { kind: 'flops' };
  /** Share of its CPU withheld from the VM (auto-converge, post-copy faults), 0..1. */
  private throttle = 0;
  private currentState: VmState = 'created';
  private pmHost: Host;
  private holder: LmmAction;
  private userBound = Number.POSITIVE_INFINITY;
  private on = true;
  private released = false;
  private pendingDisk: DiskOperation | undefined;
  private readonly props = new Map<string, string>();

  constructor(
    private readonly hooks: VmHooks,
    readonly name: string,
    pm: Host,
    readonly cores: number,
    public ramBytes: number,
  ) {
    this.pmHost = pm;
    const pmCpu = pm.cpu;
    const speeds = Array.from({ length: pmCpu.pstateCount }, (_, i) => pmCpu.speedAt(i));
    this.cpu = hooks.vcpuModel.createCpu(name, speeds, pmCpu.pstate, cores);
    this.holder = pmCpu.executeHolder(cores, undefined);
    this.dirtyPages = new DirtyPageTracker();
    this.migration = { ...DEFAULT_MIGRATION_PARAMETERS };
    this.updateWeight();
  }

  get state(): VmState {
    return this.currentState;
  }

  /** SimGrid's state name (CREATED, RUNNING, SUSPENDED, DESTROYED). */
  get simgridState(): string {
    return simgridStateName(this.currentState, this.pausedForMigration);
  }

  get pm(): Host {
    return this.pmHost;
  }

  /** A VM's place on the network is its physical machine's. */
  get networkNode(): Host {
    return this.pmHost;
  }

  get isMigrating(): boolean {
    return this.currentState === 'migrating';
  }

  get isReleased(): boolean {
    return this.released;
  }

  isOn(): boolean {
    return this.on && !this.released;
  }

  /** Flop/s used inside the VM now. */
  get loadFlops(): number {
    return this.cpu.load();
  }

  /** Flop/s the VM takes from its PM now. */
  get pmShareFlops(): number {
    return this.holder.rate();
  }

  /** The action that stands for the VM on its PM's CPU. */
  get pmAction(): LmmAction {
    return this.holder;
  }

  get boundFlopsPerSec(): number {
    return this.userBound;
  }

  // ---- life cycle --------------------------------------------------------------------------------------

  start(): void {
    if (!this.released && !this.pmHost.isOn()) {
      throw new LivemigError(
        'host-failure',
        `Cannot start VM "${this.name}" on host "${this.pmHost.name}": the host is off. Turn the host on first.`,
        { details: { vm: this.name, host: this.pmHost.name } },
      );
    }
    this.apply('start');
  }

  /** Pauses the VM: its actors stop and its executions freeze. */
  suspend(): void {
    const issuer = internalsOf(this.hooks.engine).current;
    if (this.currentState === 'running' && issuer !== undefined && issuer.host === this) {
      throw new LivemigError(
        'vm-failure',
        `Actor "${issuer.name}" cannot suspend VM "${this.name}" in which it runs. Suspend it from another host.`,
        { details: { vm: this.name, actor: issuer.name } },
      );
    }
    this.apply('suspend');
  }

  resume(): void {
    this.apply('resume');
  }

  /** Stops the VM: its actors are killed; it can be started again. */
  shutdown(): void {
    this.apply('shutdown');
  }

  /** Shuts the VM down and removes it for good. */
  destroy(): void {
    if (this.released) return;
    this.apply('destroy');
  }

  /** Saves the VM's memory to its PM's disk: the VM stops at once (`saving`), and is `saved` after RAM size / disk
   * bandwidth seconds; a saved VM holds no memory on its PM. From an actor, await it (the actor waits until the VM is
   * saved); from outside any actor it only starts the save. */
  save(options: DiskOptions = {}): Promise<void> {
    this.refuseFromInside('save');
    this.ensureAlive('save');
    const seconds = diskSeconds('save', this.name, this.ramBytes, this.pmHost, options);
    this.apply('save');
    return this.startDisk('save', seconds, 'save-completed');
  }

  /** Reads a saved VM back from disk (`restoring`, RAM size / disk bandwidth seconds), then it runs again where it
   * was. The memory check of `start()` applies. Await it from an actor to wait for the end. */
  restore(options: DiskOptions = {}): Promise<void> {
    this.ensureAlive('restore');
    const seconds = diskSeconds('restore', this.name, this.ramBytes, this.pmHost, options);
    this.apply('restore');
    return this.startDisk('restore', seconds, 'restore-completed');
  }

  /** The save or restore in progress: what it is and when it ends. */
  get pendingDiskOperation(): { kind: 'save' | 'restore'; endsAtSec: number } | undefined {
    const pending = this.pendingDisk;
    return pending === undefined ? undefined : { kind: pending.kind, endsAtSec: pending.endsAt };
  }

  // ---- properties (SimGrid's MSG_vm_get_property_value / set / get_properties) ------------------------------

  /** The value of a property, or undefined. */
  property(name: string): string | undefined {
    return this.props.get(name);
  }

  /** Sets (or, with undefined, removes) a property. */
  setProperty(name: string, value: string | undefined): void {
    if (name === '') throw new LivemigError('invalid-argument', `A property of VM "${this.name}" needs a name.`);
    if (value === undefined) this.props.delete(name);
    else this.props.set(name, value);
  }

  /** Every property, sorted by name. */
  get properties(): Readonly<Record<string, string>> {
    const sorted = [...this.props.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(sorted);
  }

  /** Live-migrates the VM to `destination`: call and await it from an actor (the caller waits until the VM runs
   * there, or gets a typed error). Default algorithm: SimGrid's pre-copy. */
  migrate(destination: Host, options: MigrateOptions = {}): Promise<MigrationRecord> {
    return this.hooks.migrate(this, destination, options);
  }

  /** Caps the flop/s the VM may take from its PM; 0 or Infinity = no cap. */
  setBound(flopsPerSec: number): void {
    if (!(flopsPerSec >= 0)) {
      throw new LivemigError('invalid-argument', `A VM bound must be ≥ 0 flop/s, not ${flopsPerSec}.`);
    }
    this.userBound = flopsPerSec === 0 ? Number.POSITIVE_INFINITY : flopsPerSec;
    this.holder.userBound = flopsPerSec;
    this.updateWeight();
  }

  /** Moves the VM to another PM at once (no migration cost): SimGrid's set_pm. */
  setPm(destination: Host): void {
    this.ensureAlive('move');
    const source = this.pmHost;
    const model = this.holder.model;
    this.pmHost = destination;
    this.cpu.copySpeedFrom(destination.cpu);
    // SimGrid's set_physical_host starts the new stand-in as a single-core action whose user bound is the number of
    // vCPUs, in flop/s: it stays so (an idle VM takes that much, a pstate change re-bounds it there) until the VM's
    // weight is next updated.
    const replacement = destination.cpu.executeHolder(1, undefined, this.cores);
    const oldBound = this.holder.variable?.bound ?? 0;
    if (oldBound > 0) destination.cpu.model.setBound(replacement, oldBound);
    model.release(this.holder);
    this.holder = replacement;
    this.hooks.moved(this, source, destination);
  }

  /** Applies a life-cycle event: validate, change state, run the effects, then tell the listeners. */
  apply(event: VmEvent): void {
    this.ensureAlive(event);
    const result = transition(this.currentState, event);
    if (!result.ok) throw illegal(this, result.event, result.allowed);
    if (result.effects.includes('check-memory')) this.hooks.checkMemory(this, this.pmHost);
    const from = this.currentState;
    this.currentState = result.next;
    for (const effect of result.effects) this.run(effect, event);
    this.hooks.stateChanged(this, from, event);
  }

  /** Pauses or resumes the VM's actors and PM share without changing its life-cycle state (stop-and-copy). */
  pauseForMigration(paused: boolean): void {
    if (this.pausedForMigration === paused) return;
    this.pausedForMigration = paused;
    if (paused) this.pauseActors();
    else this.resumeActors();
    this.hooks.vmModel.touch(this);
  }

  /** Keeps the VM's weight on its PM in line with its running executions. */
  updateWeight(): void {
    const impact = Math.min(this.activeExecutions, this.cores);
    const model = this.holder.model;
    model.setSharingPenalty(this.holder, impact > 0 ? 1 / impact : 0);
    const cap =
      this.throttle === 0 ? impact * this.pmHost.speedFlops : impact * this.pmHost.speedFlops * (1 - this.throttle);
    model.setBound(this.holder, Math.min(cap, this.userBound));
    this.hooks.vmModel.touch(this);
  }

  /** Withholds a share (0..1) of the VM's CPU: it computes (and dirties memory) that much slower. */
  setThrottle(fraction: number): void {
    const next = Math.max(0, Math.min(0.99, fraction));
    if (next === this.throttle) return;
    this.throttle = next;
    this.updateWeight();
  }

  get throttleFraction(): number {
    return this.throttle;
  }

  turnOffWithPm(): void {
    this.on = false;
  }

  private run(effect: VmEffect, event: VmEvent): void {
    switch (effect) {
      case 'check-memory':
        return;
      case 'pause-actors':
        this.pauseActors();
        return;
      case 'resume-actors':
        this.resumeActors();
        return;
      case 'abort-migration':
        this.hooks.abortMigration(this, event === 'destroy' ? 'the VM was destroyed' : 'the VM was shut down');
        return;
      case 'kill-actors':
        this.pausedForMigration = false;
        internalsOf(this.hooks.engine).killActorsOn(
          this,
          `its VM "${this.name}" was ${event === 'destroy' ? 'destroyed' : 'shut down'}`,
        );
        return;
      case 'cancel-pending': {
        const pending = this.pendingDisk;
        this.pendingDisk = undefined;
        pending?.cancel(`the VM was ${event === 'destroy' ? 'destroyed' : 'shut down'}`);
        return;
      }
      case 'release-resources':
        this.release();
        return;
    }
  }

  private startDisk(kind: 'save' | 'restore', seconds: number, end: VmEvent): Promise<void> {
    const engine = this.hooks.engine;
    const operation = new DiskOperation(engine, kind, this.name, engine.now + seconds, () => {
      this.pendingDisk = undefined;
      this.apply(end);
    });
    this.pendingDisk = operation;
    return operation.wait();
  }

  private refuseFromInside(operation: string): void {
    const issuer = internalsOf(this.hooks.engine).current;
    if (issuer !== undefined && issuer.host === this) {
      throw new LivemigError(
        'vm-failure',
        `Actor "${issuer.name}" cannot ${operation} VM "${this.name}" in which it runs. Do it from another host.`,
        { details: { vm: this.name, actor: issuer.name } },
      );
    }
  }

  private pauseActors(): void {
    this.holder.model.suspend(this.holder);
    const internals = internalsOf(this.hooks.engine);
    for (const actor of internals.actorsOn(this)) internals.suspendActor(actor);
  }

  private resumeActors(): void {
    this.holder.model.resume(this.holder);
    const internals = internalsOf(this.hooks.engine);
    for (const actor of internals.actorsOn(this)) internals.resumeActor(actor);
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.holder.model.release(this.holder);
    this.hooks.released(this);
  }

  private ensureAlive(operation: string): void {
    if (this.released) {
      throw new LivemigError('vm-failure', `Cannot ${operation} VM "${this.name}": it was destroyed.`, {
        details: { vm: this.name },
      });
    }
  }
}

function illegal(vm: VirtualMachine, event: VmEvent, allowed: readonly VmEvent[]): LivemigError {
  const what = `Cannot ${event.replace('-', ' ')} VM "${vm.name}": it is ${vm.state}`;
  const hint =
    vm.state === 'migrating'
      ? 'Wait for its migration to end, or shut it down to abort the migration.'
      : allowed.length > 0
        ? `In this state it accepts: ${allowed.join(', ')}.`
        : 'It accepts nothing in this state.';
  return new LivemigError('vm-failure', `${what}. ${hint}`, {
    details: { vm: vm.name, state: vm.state, event, allowed },
  });
}
