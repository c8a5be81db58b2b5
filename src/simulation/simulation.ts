// The simulation users build: an engine with a platform (hosts, links, routes), the VM layer, actors, events at
// given dates, logs and traces. `run()` plays it to the end (or to a date).
import { ControlPlane, type PhasedMigrateOptions } from '../control/index.ts';
import { LivemigError } from '../core/index.ts';
import {
  type Actor,
  type ActorBody,
  type ActorFailure,
  Engine,
  internalsOf,
  type LogRecord,
  type RunOptions,
  type RunResult,
  type SimHost,
  type SpawnOptions,
  spawnActor,
  type Timer,
  type TraceBus,
} from '../kernel/index.ts';
import {
  describePlatform,
  EnergyMeter,
  type Host,
  loadPlatformXml,
  Platform,
  type PlatformDescription,
  type PlatformOptions,
  type PlatformSpec,
} from '../platform/index.ts';
import {
  type MigrateOptions,
  type MigrationRecord,
  migrateVm,
  type OperatorCommand,
  type VirtualMachine,
  VmManager,
  type VmOptions,
} from '../vm/index.ts';

export interface SimulationOptions extends PlatformOptions {
  /** A SimGrid platform XML file, a platform spec object, or an already loaded description. */
  platform: string | PlatformSpec | PlatformDescription;
  /** What an uncaught error in an actor does: end the run with it ('fail', default) or be recorded ('record'). */
  actorErrors?: 'fail' | 'record';
}

/** SimGrid's `sg_vm_create_migratable` arguments. */
export interface MigratableVmOptions {
  cores?: number;
  ramMiB: number;
  migrationSpeedMiBps: number;
  dirtyIntensityPercent: number;
}

export class Simulation {
  readonly engine: Engine;
  readonly platform: Platform;
  readonly vms: VmManager;
  /** Energy of every host (SimGrid's energy plugin; hosts without `wattage_per_state` draw 0 W). */
  readonly energy: EnergyMeter;
  /** The migration control plane: phased migrations, bridges, databases, injected faults. */
  readonly control: ControlPlane;

  constructor(options: SimulationOptions) {
    this.engine = new Engine(options.actorErrors === undefined ? {} : { actorErrors: options.actorErrors });
    const description = toDescription(options.platform);
    this.platform = new Platform(this.engine, description, options);
    this.vms = new VmManager(this.engine, this.platform);
    this.energy = new EnergyMeter(this.platform);
    this.energy.watchCpuModel(this.vms.vcpuModel, (cpu) => this.vms.vmOfCpu(cpu)?.pm);
    this.control = new ControlPlane(this.engine, this.platform, this.vms);
    internalsOf(this.engine).useHostResolver((name) => this.place(name));
  }

  /** Simulated time, in seconds. */
  get now(): number {
    return this.engine.now;
  }

  get trace(): TraceBus {
    return this.engine.trace;
  }

  /** Physical hosts, in declaration order. */
  get hosts(): Host[] {
    return this.platform.hosts;
  }

  host(name: string): Host {
    return this.platform.host(name);
  }

  vm(name: string): VirtualMachine {
    return this.vms.get(name);
  }

  /** A host or a VM by name. */
  place(name: string): SimHost {
    if (this.vms.has(name)) return this.vms.get(name);
    return this.platform.host(name);
  }

  createVm(pm: Host | string, name: string, options: VmOptions = {}): VirtualMachine {
    return this.vms.createVm(this.resolveHost(pm), name, options);
  }

  /** SimGrid's sg_vm_create_migratable: RAM in MiB, migration speed in MiB/s, dirty intensity in %, working set
   * 90 % of the RAM. */
  createMigratableVm(pm: Host | string, name: string, options: MigratableVmOptions): VirtualMachine {
    const ramBytes = options.ramMiB * 1024 * 1024;
    return this.createVm(pm, name, {
      cores: options.cores ?? 1,
      ramBytes,
      migration: {
        migrationSpeedBytesPerSec: options.migrationSpeedMiBps * 1024 * 1024,
        dirtyIntensity: options.dirtyIntensityPercent / 100,
        workingSetBytes: Math.trunc(ramBytes * 0.9),
        maxDowntimeSec: 0.03,
      },
    });
  }

  /** Starts an actor on a host or a VM; it runs when the simulation runs. */
  spawn(name: string, where: SimHost | string, body: ActorBody, options: SpawnOptions = {}): Actor {
    return spawnActor(this.engine, name, where, body, options);
  }

  /** Live-migrates `vm` to `destination`; call and await it from an actor, which waits until the VM runs there.
   * With `protocol: 'phased'`, the migration runs libvirt's five phases through the control plane, with features
   * (docs/control-plane.md); its failures reject with `begin-failed` … `confirm-failed`. */
  migrate(
    vm: VirtualMachine | string,
    destination: Host | string,
    options: MigrateOptions | PhasedMigrateOptions = {},
  ): Promise<MigrationRecord> {
    const machine = typeof vm === 'string' ? this.vm(vm) : vm;
    const to = this.resolveHost(destination);
    if (options.protocol === 'phased') return this.control.migrate(machine, to, options as PhasedMigrateOptions);
    if (options.protocol !== undefined && options.protocol !== 'direct') {
      throw new LivemigError(
        'invalid-argument',
        `Unknown migration protocol "${String(options.protocol)}": use "direct" (the default) or "phased".`,
      );
    }
    const direct = { ...options };
    delete direct.protocol;
    return migrateVm(
      this.vms,
      internalsOf(this.engine).current,
      machine,
      to,
      options.protocol === undefined ? options : direct,
    );
  }

  /** Sends an operator command to the migration of `vm` in progress (MPLM: 'extend-live', 'end-live'). */
  migrationCommand(vm: VirtualMachine | string, command: OperatorCommand): void {
    this.vms.migrationCommand(typeof vm === 'string' ? this.vm(vm) : vm, command);
  }

  /** Cancels the migration of `vm` in progress, as QEMU's migrate_cancel: the caller of migrate gets a
   * `migration-aborted` error and the VM keeps running on its source. Refused (invalid-state) when the VM is not migrating
   * or is in post-copy (its memory is split between the hosts: cancelling would lose it). */
  cancelMigration(vm: VirtualMachine | string): void {
    this.vms.cancelMigration(typeof vm === 'string' ? this.vm(vm) : vm);
  }

  /** Every migration started so far. */
  get migrations(): readonly MigrationRecord[] {
    return this.vms.migrationRecords;
  }

  /** Runs `callback` at simulated date `at` (seconds), outside any actor. */
  at(at: number, callback: () => void): Timer {
    return this.engine.schedule(at, callback);
  }

  onLog(sink: (record: LogRecord) => void): () => void {
    return this.engine.onLog(sink);
  }

  /** Writes a log line from outside any actor (actor "maestro"). */
  log(message: string): void {
    internalsOf(this.engine).log(undefined, message);
  }

  /** Every actor alive, in creation order. */
  actors(): Actor[] {
    return internalsOf(this.engine).aliveActors();
  }

  /** The actors alive on a host or a VM. */
  actorsOn(place: SimHost | string): Actor[] {
    return internalsOf(this.engine).actorsOn(typeof place === 'string' ? this.place(place) : place);
  }

  /** Suspends an actor: its activities pause and it does not run until resumed. */
  suspendActor(actor: Actor): void {
    internalsOf(this.engine).suspendActor(actor);
  }

  resumeActor(actor: Actor): void {
    internalsOf(this.engine).resumeActor(actor);
  }

  /** Kills an actor: it unwinds with an 'actor-killed' error that gives `reason`. */
  killActor(actor: Actor, reason = 'killed by the simulation'): void {
    internalsOf(this.engine).kill(actor, reason);
  }

  /** Errors that actors did not catch, when the simulation records them (`actorErrors: 'record'`). */
  get failures(): readonly ActorFailure[] {
    return internalsOf(this.engine).failures;
  }

  /** Time steps taken so far. */
  get stepCount(): number {
    return internalsOf(this.engine).stepCount;
  }

  run(options: RunOptions = {}): Promise<RunResult> {
    return this.engine.run(options);
  }

  private resolveHost(host: Host | string): Host {
    if (typeof host !== 'string') return host;
    if (this.vms.has(host)) {
      throw new LivemigError('invalid-argument', `"${host}" is a VM, not a physical host: VMs cannot host VMs.`);
    }
    return this.platform.host(host);
  }
}

function toDescription(platform: SimulationOptions['platform']): PlatformDescription {
  if (typeof platform === 'string') return loadPlatformXml(platform);
  if ('route' in platform && typeof platform.route === 'function') return platform as PlatformDescription;
  return describePlatform(platform as PlatformSpec);
}
