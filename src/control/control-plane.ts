// The control plane of a simulation: phased migrations (a controller and two agents per migration, over the
// simulated network), the bridges and their ports, the databases of dynamic state, injected faults, and the
// protocol record of every phased migration.
import { LivemigError } from '../core/index.ts';
import { ActivityHandle, ActorContext, type Engine, internalsOf, spawnActor } from '../kernel/index.ts';
import type { Host, Platform } from '../platform/index.ts';
import {
  type MigrationRecord,
  MigrationStatsRecorder,
  newMigrationRecord,
  resolveAlgorithm,
  type VirtualMachine,
  type VmManager,
} from '../vm/index.ts';
import type { BridgeSettings } from './bridge.ts';
import { BridgeNetwork, type PortView } from './bridges.ts';
import { concludeMigration } from './conclude.ts';
import { runController } from './controller.ts';
import { Database } from './database.ts';
import { runDestinationAgent } from './destination-agent.ts';
import { type ControlFault, FaultBook } from './faults.ts';
import type { Address } from './network.ts';
import { ControlNetwork } from './network.ts';
import { type PhasedMigrateOptions, resolvePhased } from './options.ts';
import { PhasedMigration, type PhasedSettings, type PlaneServices } from './phased-migration.ts';
import type { FeatureRecord, ProtocolRecord } from './records.ts';
import { runSourceAgent } from './source-agent.ts';

export class ControlPlane {
  readonly faults = new FaultBook();
  readonly network: ControlNetwork;
  readonly bridges: BridgeNetwork;
  /** Every phased migration started so far, in start order. */
  readonly records: ProtocolRecord[] = [];
  private readonly byRecord = new Map<MigrationRecord, ProtocolRecord>();
  private readonly databases = new Map<string, Database>();
  private readonly inProgress = new Set<VirtualMachine>();
  private readonly services: PlaneServices;

  constructor(
    readonly engine: Engine,
    readonly platform: Platform,
    readonly vms: VmManager,
  ) {
    this.network = new ControlNetwork(engine, this.faults);
    const databaseAddress = (host: string) => this.databaseAddress(host);
    this.bridges = new BridgeNetwork(platform, vms, { network: this.network, faults: this.faults, databaseAddress });
    this.services = { engine, vms, network: this.network, faults: this.faults, bridges: this.bridges, databaseAddress };
  }

  /** Runs a phased migration of `vm` to `destination`; call and await it from an actor. */
  migrate(vm: VirtualMachine, destination: Host, options: PhasedMigrateOptions): Promise<MigrationRecord> {
    const issuer = internalsOf(this.engine).current;
    if (issuer === undefined) {
      throw new LivemigError(
        'invalid-state',
        `Cannot migrate VM "${vm.name}" from outside an actor: call migrate() (and await it) in an actor's code.`,
      );
    }
    internalsOf(this.engine).checkRunning(issuer, 'migrate()');
    const source = vm.pm;
    const settings = resolvePhased(options, { platform: this.platform, bridges: this.bridges, source, destination });
    if (this.inProgress.has(vm)) {
      throw new LivemigError('vm-failure', `Cannot migrate VM "${vm.name}": a phased migration of it is in progress.`, {
        details: { vm: vm.name },
      });
    }
    const record = this.newRecord(vm, destination, options);
    const protocol = this.newProtocol(record, settings);
    const m = new PhasedMigration(this.services, record, protocol, vm, source, destination, settings);
    this.inProgress.add(vm);
    m.onConcluded = () => this.inProgress.delete(vm);
    this.start(m);
    const ctx = new ActorContext(this.engine, issuer);
    return new ActivityHandle(m.done, ctx, () => m.done.value as MigrationRecord).wait();
  }

  /** Whether `vm` has a phased migration in progress. */
  isMigrating(vm: VirtualMachine): boolean {
    return this.inProgress.has(vm);
  }

  /** Injects a fault into the control plane (a bridge, an agent or a database that misbehaves, lost messages). */
  inject(fault: ControlFault): void {
    if (fault.target !== 'messages') this.platform.host(fault.host);
    this.faults.inject(fault);
  }

  /** Attaches `station` to the bridge running on host `bridge`. */
  attachToBridge(station: string, bridge: string): void {
    this.bridges.attach(station, bridge);
  }

  configureBridge(bridge: string, settings: Partial<BridgeSettings>): void {
    this.bridges.configure(bridge, settings);
  }

  /** The ports the bridges hold now (of one VM, or all). */
  ports(vm?: string): PortView[] {
    return this.bridges.ports(vm);
  }

  /** The protocol record of a phased migration, from its MigrationRecord. */
  protocolOf(record: MigrationRecord): ProtocolRecord | undefined {
    return this.byRecord.get(record);
  }

  private start(m: PhasedMigration): void {
    const engine = this.engine;
    const controller = m.settings.controller;
    if (!controller.isOn()) {
      const error = `the controller's host "${controller.name}" is off`;
      concludeMigration(m, 'failed', { phase: 'begin', reason: 'controller-lost', error });
      return;
    }
    spawnActor(engine, `livemig-controller#${m.id}`, controller, (ctx) => runController(ctx, m));
    spawnActor(engine, `livemig-source#${m.id}`, m.source, (ctx) => runSourceAgent(ctx, m));
    if (m.destination.isOn()) {
      spawnActor(engine, `livemig-destination#${m.id}`, m.destination, (ctx) => runDestinationAgent(ctx, m));
    }
  }

  private newRecord(vm: VirtualMachine, destination: Host, options: PhasedMigrateOptions): MigrationRecord {
    const record = newMigrationRecord({
      id: this.vms.nextMigrationId(),
      vm: vm.name,
      from: vm.pm.name,
      to: destination.name,
      algorithm: resolveAlgorithm(options.algorithm).name,
      start: this.engine.now,
      stats: new MigrationStatsRecorder(this.engine, vm.ramBytes).snapshot(),
    });
    this.vms.migrationRecords.push(record);
    return record;
  }

  private newProtocol(record: MigrationRecord, settings: PhasedSettings): ProtocolRecord {
    const protocol: ProtocolRecord = {
      migration: record.id,
      vm: record.vm,
      from: record.from,
      to: record.to,
      controller: settings.controller.name,
      start: this.engine.now,
      end: undefined,
      outcome: 'running',
      failedPhase: undefined,
      reason: undefined,
      error: undefined,
      warnings: [],
      phases: [],
      messages: [],
      features: settings.features.map(
        (f): FeatureRecord => ({
          name: f.name,
          required: f.required,
          outcome: 'pending',
          steps: [],
          extraDowntimeSec: 0,
          details: {},
        }),
      ),
      jobStats: undefined,
    };
    this.records.push(protocol);
    this.byRecord.set(record, protocol);
    this.network.register(protocol);
    return protocol;
  }

  private databaseAddress(host: string): Address | undefined {
    if (!this.platform.hasHost(host)) return undefined;
    let database = this.databases.get(host);
    if (database === undefined) {
      database = new Database(this.network, this.faults, this.platform.host(host));
      this.databases.set(host, database);
    }
    return database.address();
  }
}
