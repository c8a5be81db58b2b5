// One bridge (IEEE 802.1Qbg's nearest customer bridge): an actor on its host answering VDP requests from its
// stations (Pre-Associate, Associate, De-Associate) with a VDP state per (VM, station) port, releasing a port whose
// station stopped its keep-alives once the keep-alive expiry passes, and holding or installing a VM's dynamic state.
// A bridge that fails forgets its ports; once back, its stations' keep-alives associate them again.
import { type Actor, type ActorContext, spawnActor, type Timer } from '../kernel/index.ts';
import type { Host } from '../platform/index.ts';
import { BridgePulls, type PullFailure } from './bridge-pulls.ts';
import { Endpoint } from './endpoint.ts';
import type { FaultBook } from './faults.ts';
import { type Message, type MessageOf, STATE_CONTROL_BYTES, VDP_FRAME_BYTES } from './messages.ts';
import type { Address, ControlNetwork } from './network.ts';
import type { PortMode, StationTable } from './station-table.ts';

type VdpRequest = MessageOf<'vdp.pre-associate' | 'vdp.associate' | 'vdp.de-associate'>;

export interface BridgeSettings {
  /** Seconds the bridge takes to handle a request (0: at once). */
  processingSec: number;
  /** How long the bridge waits for its VSI manager (the database) to acknowledge a PULL it makes (10.48576 s). */
  resourceWaitSec: number;
  keepAliveExpirySec: number;
  stationKeepAliveSec: number;
}

export interface Port {
  vm: string;
  station: string;
  mode: PortMode;
  since: number;
}

/** What a bridge needs around it. */
export interface BridgeServices {
  readonly network: ControlNetwork;
  readonly faults: FaultBook;
  readonly stations: StationTable;
  /** Stations attached to a bridge host. */
  stationsOf(bridge: Host): readonly string[];
  databaseAddress(host: string): Address | undefined;
}

export class Bridge {
  readonly ports = new Map<string, Port>();
  /** Keep-alive expiry timers of ports whose station stopped refreshing them. */
  private readonly expiries = new Map<string, Timer>();
  private boot = 0;
  private actor: Actor | undefined;
  /** The PULLs this bridge made on the M bit of a Pre-Associate. */
  readonly pulls = new BridgePulls();

  constructor(
    private readonly services: BridgeServices,
    readonly host: Host,
    public settings: BridgeSettings,
  ) {
    host.onStateChange((_host, on) => (on ? this.restarted() : this.forgetAll()));
  }

  get name(): string {
    return `bridge:${this.host.name}`;
  }

  /** Where to send it requests now (its actor is started on demand; while its host is off, nothing arrives). */
  address(): Address {
    const address = { name: this.name, mailbox: `livemig.bridge.${this.host.name}.${this.boot}`, host: this.host };
    if (this.host.isOn() && (this.actor === undefined || !this.actor.isAlive())) {
      const engine = this.host.engine;
      this.actor = spawnActor(engine, `livemig-${this.name}`, this.host, (ctx) => this.serve(ctx, address), {
        daemon: true,
      });
    }
    return address;
  }

  /** A station stopped refreshing the port of `vm` (its host failed, it gave up or left): the port expires after
   * the keep-alive expiry, unless it is refreshed or released before. */
  expireLater(vm: string, station: string): void {
    const id = key(vm, station);
    if (!this.ports.has(id)) return;
    this.expiries.get(id)?.cancel();
    const engine = this.host.engine;
    const timer = engine.schedule(engine.now + this.settings.keepAliveExpirySec, () => {
      this.expiries.delete(id);
      if (this.services.stations.isRefreshing(station, vm) || !this.ports.delete(id)) return;
      this.traced(vm, station, 'expired', undefined);
    });
    this.expiries.set(id, timer);
  }

  /** The VM's port at `station` as it was before any protocol ran (the VM was deployed with it). */
  adopt(vm: string, station: string): void {
    if (!this.host.isOn() || this.ports.has(key(vm, station))) return;
    this.ports.set(key(vm, station), { vm, station, mode: 'associated', since: this.host.engine.now });
  }

  private async serve(ctx: ActorContext, address: Address): Promise<void> {
    const endpoint = new Endpoint(this.services.network, ctx, address);
    for (;;) {
      const timeoutSec = this.pulls.nextDeadlineIn(ctx.now);
      const received = await endpoint.next(timeoutSec === undefined ? {} : { timeoutSec });
      if (received.kind === 'message') await this.handle(ctx, endpoint, received.message, received.sender);
      for (const failure of this.pulls.expire(ctx.now)) this.reportFailedPull(endpoint, failure);
    }
  }

  private async handle(ctx: ActorContext, endpoint: Endpoint, message: Message, sender: Address): Promise<void> {
    const behaviour = this.services.faults.behaviour('bridge', this.host.name);
    if (behaviour.mode === 'silent') return;
    const delay = this.settings.processingSec + (behaviour.mode === 'slow' ? behaviour.delaySec : 0);
    if (delay > 0) await ctx.sleep(delay);
    switch (message.kind) {
      case 'vdp.pre-associate':
      case 'vdp.associate':
      case 'vdp.de-associate': {
        const vm = message.body.vm;
        const status = behaviour.mode === 'refuse' ? 'insufficient-resources' : this.apply(message, vm, sender);
        endpoint.reply(message, sender, 'vdp.response', VDP_FRAME_BYTES, { status });
        if (status === 'success') this.onMigrationHint(endpoint, message, vm, sender);
        return;
      }
      case 'state.pull-ack':
        this.pulls.acknowledged(message.body.vm);
        return;
      case 'state.pull-status': {
        const vm = message.body.vm;
        const { status, reason } = this.pulls.status(vm);
        endpoint.reply(message, sender, 'state.pull-status.reply', STATE_CONTROL_BYTES, {
          vm,
          status,
          ...(reason === undefined ? {} : { reason }),
        });
        return;
      }
      case 'state.push-request':
        return this.push(endpoint, message);
      case 'state.data': {
        const vm = message.body.vm;
        this.pulls.installed(vm);
        endpoint.send(message.body.notify, {
          kind: 'state.installed',
          bytes: STATE_CONTROL_BYTES,
          body: { vm },
          migration: message.migration,
        });
        return;
      }
    }
  }

  /** The source asks for the PUSH of a VM's state to the database. */
  private push(endpoint: Endpoint, message: MessageOf<'state.push-request'>): void {
    const { vm, bytes, notify } = message.body;
    const database = this.services.databaseAddress(message.body.database);
    if (database === undefined) return;
    endpoint.send(database, {
      kind: 'state.push',
      bytes: bytes + STATE_CONTROL_BYTES,
      body: { vm, bytes, notify },
      migration: message.migration,
    });
  }

  /** VDP's M bit ("migrating to") on a Pre-Associate that names the VSI manager holding the VM's dynamic state: the
   * bridge PULLs the state from it at once, for the station. */
  private onMigrationHint(endpoint: Endpoint, message: VdpRequest, vm: string, sender: Address): void {
    const manager = message.body.manager;
    if (message.kind !== 'vdp.pre-associate' || message.body.hint !== 'to' || typeof manager !== 'string') return;
    const database = this.services.databaseAddress(manager);
    const now = this.host.engine.now;
    this.pulls.requested(vm, sender, message.migration, manager, now, this.settings.resourceWaitSec);
    if (database === undefined) {
      const failure = this.pulls.fail(vm, `database "${manager}" is not reachable`);
      if (failure !== undefined) this.reportFailedPull(endpoint, failure);
      return;
    }
    const body = { vm, deliverTo: endpoint.address, notify: sender, ack: true };
    endpoint.send(database, { kind: 'state.pull', bytes: STATE_CONTROL_BYTES, body, migration: message.migration });
  }

  /** Tells the station that the PULL it relied on failed. */
  private reportFailedPull(endpoint: Endpoint, failure: PullFailure): void {
    endpoint.send(failure.notify, {
      kind: 'state.pull-failed',
      bytes: STATE_CONTROL_BYTES,
      body: { vm: failure.vm, reason: failure.reason, bridge: this.host.name },
      migration: failure.migration,
    });
  }

  /** Applies a VDP request from `sender`'s station; the status of the answer. */
  private apply(message: VdpRequest, vm: string, sender: Address): 'success' {
    const station = sender.host.name;
    const now = this.host.engine.now;
    const id = key(vm, station);
    this.expiries.get(id)?.cancel();
    this.expiries.delete(id);
    if (message.kind === 'vdp.de-associate') {
      if (this.ports.delete(id)) this.traced(vm, station, 'released', message.migration);
      return 'success';
    }
    const mode: PortMode = message.kind === 'vdp.associate' ? 'associated' : 'pre-associated';
    this.ports.set(id, { vm, station, mode, since: now });
    this.traced(vm, station, mode, message.migration);
    if (!this.services.stations.isRefreshing(station, vm)) this.expireLater(vm, station);
    return 'success';
  }

  /** Off: the bridge forgets its ports. */
  private forgetAll(): void {
    this.pulls.clear();
    for (const timer of this.expiries.values()) timer.cancel();
    this.expiries.clear();
    this.ports.clear();
  }

  /** Back on: empty, until each station's next keep-alive associates its ports again. */
  private restarted(): void {
    this.boot++;
    const engine = this.host.engine;
    engine.schedule(engine.now + this.settings.stationKeepAliveSec, () => {
      if (!this.host.isOn()) return;
      for (const station of this.services.stationsOf(this.host)) {
        for (const [vm, mode] of this.services.stations.of(station)) {
          this.ports.set(key(vm, station), { vm, station, mode, since: engine.now });
          this.traced(vm, station, mode, undefined);
        }
      }
    });
  }

  private traced(vm: string, station: string, state: string, migration: number | undefined): void {
    const engine = this.host.engine;
    if (!engine.trace.wants('control.port-changed')) return;
    engine.trace.emit({
      time: engine.now,
      type: 'control.port-changed',
      bridge: this.host.name,
      vm,
      station,
      state,
      migration,
    });
  }
}

function key(vm: string, station: string): string {
  return `${vm}\u0000${station}`;
}
