// The VM layer of a simulation (SimGrid's VM "plugin"): creates VMs, registers the VM and virtual-CPU models after
// the network model, counts each VM's running executions from the engine's activity signals, tracks dirty pages,
// checks PM memory, and shuts VMs down when their PM is turned off.
import { closestNames, LivemigError, parseSize } from '../core/index.ts';
import { type Activity, type Engine, type ExecActivity, internalsOf } from '../kernel/index.ts';
import { CpuModel } from '../models/index.ts';
import type { Host, Platform } from '../platform/index.ts';
import type { VmEvent, VmState } from './lifecycle.ts';
import { migrateVm } from './migration/migrate.ts';
import type { MigrateOptions } from './migration/options.ts';
import type { MigrationRecord } from './migration/records.ts';
import type { OperatorCommand } from './migration/strategy.ts';
import { HostReservations, type Reservation, type ReservationPurpose } from './reservations.ts';
import {
  DEFAULT_MIGRATION_PARAMETERS,
  type MigrationParameters,
  VirtualMachine,
  type VmHooks,
} from './virtual-machine.ts';
import { VmModel } from './vm-model.ts';

export interface VmOptions {
  /** Virtual CPUs (default 1). */
  cores?: number;
  /** Memory in bytes (SimGrid's default is 1024 bytes). */
  ramBytes?: number;
  migration?: Partial<MigrationParameters>;
}

/** Memory of a physical machine, for the over-commit check at VM start. */
export interface HostMemory {
  ramBytes: number;
  overcommit: boolean;
}

/** A migration in progress, as the manager sees it: it can be aborted and given operator commands. */
export interface Abortable {
  abort(reason: string): void;
  /** The operator cancels the migration (QEMU's migrate_cancel); throws when it cannot be cancelled. */
  cancel(): void;
  command(command: OperatorCommand): void;
  /** The source host of the migration is failing: true when the VM survives it (its memory is all at the
   * destination already), so that the host's failure does not shut it down. */
  keepsVmOnSourceFailure?(source: Host): boolean;
}

export class VmManager implements VmHooks {
  readonly vcpuModel: CpuModel;
  readonly vmModel: VmModel;
  private readonly vms = new Map<string, VirtualMachine>();
  private readonly byCpu = new Map<unknown, VirtualMachine>();
  private readonly memory = new Map<Host, HostMemory>();
  private readonly migrations = new Map<VirtualMachine, Abortable>();
  /** extend-live given to a VM that was not migrating yet: for its next migration (MPLM's seed: "before or when the
   * migration is launched"). */
  private readonly pendingExtendLive = new Set<VirtualMachine>();
  private readonly listeners: ((vm: VirtualMachine, from: VmState, event: VmEvent) => void)[] = [];
  /** Every migration started so far, in start order. */
  readonly migrationRecords: MigrationRecord[] = [];
  /** Resources held for VM copies that do not run (phased migrations). */
  readonly reservations = new HostReservations();
  private migrationCount = 0;

  constructor(
    readonly engine: Engine,
    readonly platform: Platform,
  ) {
    this.vmModel = new VmModel();
    this.vcpuModel = new CpuModel(engine, 'vcpu');
    engine.addModel(this.vmModel);
    engine.addModel(this.vcpuModel);
    engine.onExecStarted((exec) => this.execStarted(exec));
    engine.onActivityCompleted((activity) => this.activityCompleted(activity));
    engine.onActivitySuspended((activity) => this.activityPaused(activity, -1));
    engine.onActivityResumed((activity) => this.activityPaused(activity, +1));
    for (const host of platform.hosts) {
      host.onStateChange((h, on) => {
        if (!on) this.hostTurnedOff(h);
      });
      const ram = host.property('ram');
      if (ram !== undefined) {
        this.memory.set(host, { ramBytes: parseSize(ram), overcommit: host.property('ram_overcommit') !== 'false' });
      }
    }
  }

  /** Creates a VM on `pm` (not started). */
  createVm(pm: Host, name: string, options: VmOptions = {}): VirtualMachine {
    this.checkNewName(name);
    const cores = options.cores ?? 1;
    if (!(Number.isInteger(cores) && cores >= 1)) {
      throw new LivemigError('invalid-argument', `VM "${name}" needs a whole number of cores ≥ 1, not ${cores}.`);
    }
    const ramBytes = options.ramBytes ?? 1024;
    if (!(ramBytes >= 0) || !Number.isFinite(ramBytes)) {
      throw new LivemigError('invalid-argument', `VM "${name}" needs a memory size ≥ 0 bytes, not ${ramBytes}.`);
    }
    const vm = new VirtualMachine(this, name, pm, cores, ramBytes);
    vm.migration = { ...DEFAULT_MIGRATION_PARAMETERS, ...options.migration };
    this.vms.set(name, vm);
    this.byCpu.set(vm.cpu, vm);
    const trace = this.engine.trace;
    if (trace.wants('vm.created')) trace.emit({ time: this.engine.now, type: 'vm.created', vm: name, host: pm.name });
    return vm;
  }

  /** VMs in creation order (destroyed ones excluded). */
  get all(): VirtualMachine[] {
    return [...this.vms.values()];
  }

  has(name: string): boolean {
    return this.vms.has(name);
  }

  get(name: string): VirtualMachine {
    const vm = this.vms.get(name);
    if (vm === undefined) {
      const close = closestNames(name, this.vms.keys());
      const hint = close.length > 0 ? ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '';
      throw new LivemigError('not-found', `No VM named "${name}".${hint}`, { details: { vm: name } });
    }
    return vm;
  }

  on(pm: Host): VirtualMachine[] {
    return this.all.filter((vm) => vm.pm === pm);
  }

  setHostMemory(pm: Host, memory: HostMemory): void {
    this.memory.set(pm, { ...memory });
  }

  hostMemory(pm: Host): HostMemory | undefined {
    return this.memory.get(pm);
  }

  /** Listens to every VM life-cycle transition. */
  onStateChange(listener: (vm: VirtualMachine, from: VmState, event: VmEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Registers the migration of `vm` so that shutting the VM down aborts it. */
  trackMigration(vm: VirtualMachine, migration: Abortable): void {
    this.migrations.set(vm, migration);
    if (this.pendingExtendLive.delete(vm)) migration.command('extend-live');
  }

  untrackMigration(vm: VirtualMachine): void {
    this.migrations.delete(vm);
  }

  /** Sends an operator command (MPLM's extend-live / end-live, …) to the migration of `vm` in progress. */
  migrationCommand(vm: VirtualMachine, command: OperatorCommand): void {
    const migration = this.migrations.get(vm);
    if (migration === undefined && command === 'extend-live' && !vm.isReleased) {
      this.pendingExtendLive.add(vm); // for the migration that starts next
      return;
    }
    if (migration === undefined && command === 'end-live' && this.pendingExtendLive.delete(vm)) return;
    if (migration === undefined) {
      throw new LivemigError('invalid-state', `VM "${vm.name}" is not migrating: "${command}" has nothing to act on.`, {
        details: { vm: vm.name, command },
      });
    }
    migration.command(command);
  }

  /** Cancels the migration of `vm` in progress (QEMU's migrate_cancel). */
  cancelMigration(vm: VirtualMachine): void {
    const migration = this.migrations.get(vm);
    if (migration === undefined) {
      throw new LivemigError('invalid-state', `Cannot cancel the migration of VM "${vm.name}": it is not migrating.`, {
        details: { vm: vm.name, command: 'cancel' },
      });
    }
    migration.cancel();
  }

  nextMigrationId(): number {
    return ++this.migrationCount;
  }

  migrate(vm: VirtualMachine, destination: Host, options: MigrateOptions = {}): Promise<MigrationRecord> {
    return migrateVm(this, internalsOf(this.engine).current, vm, destination, options);
  }

  // ---- hooks of VirtualMachine ------------------------------------------------------------------------

  /** Starting a VM must fit in its PM's memory when the PM forbids over-commitment. Unlike SimGrid 3.32, the VM
   * being started is counted once (SimGrid counts it twice) and VMs that are not started, or saved to disk, do not
   * count. Restoring a saved VM checks it too. */
  checkMemory(vm: VirtualMachine, pm: Host): void {
    const memory = this.memory.get(pm);
    if (memory === undefined || memory.overcommit || memory.ramBytes === 0) return;
    let used = this.reservations.ramOn(pm, vm.name);
    for (const other of this.vms.values()) {
      if (
        other !== vm &&
        other.pm === pm &&
        other.state !== 'created' &&
        other.state !== 'destroyed' &&
        other.state !== 'saved'
      )
        used += other.ramBytes;
    }
    if (used + vm.ramBytes > memory.ramBytes) {
      throw new LivemigError(
        'vm-failure',
        `Memory shortage on host "${pm.name}": VM "${vm.name}" needs ${vm.ramBytes} bytes but only ` +
          `${Math.max(0, memory.ramBytes - used)} of ${memory.ramBytes} are free. Stop another VM first, or allow over-commitment.`,
        { details: { vm: vm.name, host: pm.name, neededBytes: vm.ramBytes, freeBytes: memory.ramBytes - used } },
      );
    }
  }

  /** Holds `vm`'s RAM and cores on `host` for a copy that does not run there; the over-commit check applies unless
   * `check` is false (the outgoing copy keeps memory the VM already had there). */
  reserve(vm: VirtualMachine, host: Host, purpose: ReservationPurpose, check = true): Reservation {
    if (!host.isOn()) {
      throw new LivemigError(
        'host-failure',
        `Cannot reserve memory for VM "${vm.name}" on host "${host.name}": it is off.`,
        {
          details: { vm: vm.name, host: host.name },
        },
      );
    }
    if (check) this.checkMemory(vm, host);
    const reservation = this.reservations.add({
      host,
      vm: vm.name,
      ramBytes: vm.ramBytes,
      cores: vm.cores,
      purpose,
      since: this.engine.now,
    });
    const trace = this.engine.trace;
    if (trace.wants('vm.reserved')) {
      trace.emit({ time: this.engine.now, type: 'vm.reserved', vm: vm.name, host: host.name, purpose });
    }
    return reservation;
  }

  /** Gives a reservation back (nothing happens when it is already gone). */
  releaseReservation(reservation: Reservation): void {
    if (!this.reservations.release(reservation)) return;
    const trace = this.engine.trace;
    if (trace.wants('vm.reservation-released')) {
      trace.emit({
        time: this.engine.now,
        type: 'vm.reservation-released',
        vm: reservation.vm,
        host: reservation.host.name,
        purpose: reservation.purpose,
      });
    }
  }

  /** Resumes a VM that a failed migration left paused on its source (see `holdSourceAfterCompletion`). */
  resumeHeld(vm: VirtualMachine): void {
    if (vm.isReleased || !vm.pausedForMigration || vm.state !== 'running') return;
    vm.pauseForMigration(false);
    const trace = this.engine.trace;
    if (trace.wants('vm.migration.resumed')) {
      trace.emit({ time: this.engine.now, type: 'vm.migration.resumed', vm: vm.name, host: vm.pm.name });
    }
  }

  moved(vm: VirtualMachine, from: Host, to: Host): void {
    this.vmModel.holderReplaced(vm);
    const trace = this.engine.trace;
    if (trace.wants('vm.moved')) {
      trace.emit({ time: this.engine.now, type: 'vm.moved', vm: vm.name, from: from.name, to: to.name });
    }
  }

  released(vm: VirtualMachine): void {
    this.vmModel.withdraw(vm);
    this.vms.delete(vm.name);
    this.byCpu.delete(vm.cpu);
    this.pendingExtendLive.delete(vm);
  }

  /** The VM whose virtual CPU is `cpu`, if any. */
  vmOfCpu(cpu: unknown): VirtualMachine | undefined {
    return this.byCpu.get(cpu);
  }

  abortMigration(vm: VirtualMachine, reason: string): void {
    const migration = this.migrations.get(vm);
    this.migrations.delete(vm);
    migration?.abort(reason);
  }

  stateChanged(vm: VirtualMachine, from: VmState, event: VmEvent): void {
    this.vmModel.touch(vm);
    const trace = this.engine.trace;
    if (trace.wants('vm.state-changed')) {
      trace.emit({
        time: this.engine.now,
        type: 'vm.state-changed',
        vm: vm.name,
        host: vm.pm.name,
        from,
        to: vm.state,
        event,
      });
    }
    for (const listener of this.listeners) listener(vm, from, event);
  }

  // ---- activity signals ---------------------------------------------------------------------------------

  private execStarted(exec: ExecActivity): void {
    const vm = exec.host;
    if (!(vm instanceof VirtualMachine)) return;
    vm.activeExecutions += exec.cores;
    vm.updateWeight();
    vm.dirtyPages.executionStarted(exec);
  }

  private activityCompleted(activity: Activity): void {
    if (activity.kind !== 'exec') return;
    const exec = activity as ExecActivity;
    const vm = exec.host;
    if (!(vm instanceof VirtualMachine) || vm.isReleased) return;
    vm.activeExecutions -= exec.cores;
    vm.updateWeight();
    vm.dirtyPages.executionCompleted(exec);
  }

  private activityPaused(activity: Activity, delta: number): void {
    if (activity.kind !== 'exec') return;
    const vm = (activity as ExecActivity).host;
    if (!(vm instanceof VirtualMachine) || vm.isReleased) return;
    vm.activeExecutions += delta;
    vm.updateWeight();
  }

  private hostTurnedOff(pm: Host): void {
    this.reservations.dropHost(pm);
    for (const vm of this.on(pm)) {
      if (this.migrations.get(vm)?.keepsVmOnSourceFailure?.(pm) === true) continue;
      if (vm.state !== 'destroyed') vm.shutdown();
      vm.turnOffWithPm();
    }
  }

  private checkNewName(name: string): void {
    if (name === '' || this.vms.has(name) || this.platform.hasHost(name)) {
      throw new LivemigError(
        'invalid-argument',
        name === ''
          ? 'A VM needs a non-empty name.'
          : `Cannot create VM "${name}": a host or VM already has that name. Host and VM names must be unique.`,
        { details: { vm: name } },
      );
    }
  }
}
