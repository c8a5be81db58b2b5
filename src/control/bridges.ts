// The bridges of a platform: which bridge each station (hypervisor host) is attached to — a host property `bridge`
// naming the bridge's host, or `attach` — each bridge's settings, and what happens to ports when a station fails or a
// VM goes away (the station stops refreshing them: they expire).
import { closestNames, invalidArgument } from '../core/index.ts';
import type { Host, Platform } from '../platform/index.ts';
import type { VmManager } from '../vm/index.ts';
import { Bridge, type BridgeServices, type BridgeSettings } from './bridge.ts';
import { StationTable } from './station-table.ts';
import { vdpTimers } from './vdp-timers.ts';

export interface PortView {
  bridge: string;
  vm: string;
  station: string;
  mode: 'pre-associated' | 'associated';
  since: number;
}

export class BridgeNetwork {
  readonly stations = new StationTable();
  private readonly bridges = new Map<string, Bridge>();
  private readonly attached = new Map<string, string>();
  private readonly settings = new Map<string, Partial<BridgeSettings>>();
  private readonly services: BridgeServices;

  constructor(
    private readonly platform: Platform,
    vms: VmManager,
    services: Omit<BridgeServices, 'stations' | 'stationsOf'>,
  ) {
    this.services = { ...services, stations: this.stations, stationsOf: (bridge) => this.stationsOf(bridge) };
    for (const host of platform.hosts) {
      const bridge = host.property('bridge');
      if (bridge !== undefined) this.attached.set(host.name, bridge);
      host.onStateChange((h, on) => {
        if (!on) this.stationFailed(h);
      });
    }
    vms.onStateChange((vm, _from, event) => {
      if (event === 'shutdown' || event === 'destroy') this.vmLeft(vm.name);
    });
  }

  /** Attaches `station` to the bridge on host `bridge` (replacing its `bridge` property). */
  attach(station: string, bridge: string): void {
    this.platform.host(station);
    this.platform.host(bridge);
    if (station === bridge) throw invalidArgument(`Host "${station}" cannot be its own bridge.`, { station });
    this.attached.set(station, bridge);
  }

  configure(bridge: string, settings: Partial<BridgeSettings>): void {
    this.platform.host(bridge);
    for (const [key, value] of Object.entries(settings)) {
      if (value !== undefined && !(value >= 0 && Number.isFinite(value))) {
        throw invalidArgument(`Bridge "${bridge}": ${key} must be a number of seconds ≥ 0, not ${value}.`);
      }
    }
    this.settings.set(bridge, { ...this.settings.get(bridge), ...settings });
    const existing = this.bridges.get(bridge);
    if (existing !== undefined) existing.settings = this.settingsOf(bridge);
  }

  /** Why `station` cannot use VDP (no bridge, or a bridge that is not a host), or undefined. */
  problem(station: Host): string | undefined {
    const bridge = this.attached.get(station.name);
    if (bridge === undefined) {
      return `host "${station.name}" is attached to no bridge: give it a property bridge="<host>" or attach it`;
    }
    if (!this.platform.hasHost(bridge)) {
      const close = closestNames(
        bridge,
        this.platform.hosts.map((h) => h.name),
      );
      const hint = close.length > 0 ? ` (did you mean "${close[0]}"?)` : '';
      return `host "${station.name}" is attached to bridge "${bridge}", which is not a host of the platform${hint}`;
    }
    return undefined;
  }

  /** The bridge `station` is attached to (undefined when it has none). */
  bridgeOf(station: Host): Bridge | undefined {
    const name = this.attached.get(station.name);
    if (name === undefined || !this.platform.hasHost(name)) return undefined;
    let bridge = this.bridges.get(name);
    if (bridge === undefined) {
      bridge = new Bridge(this.services, this.platform.host(name), this.settingsOf(name));
      this.bridges.set(name, bridge);
    }
    return bridge;
  }

  /** Ports held by the bridges now (of one VM, or all), bridge by bridge. */
  ports(vm?: string): PortView[] {
    const views: PortView[] = [];
    for (const [name, bridge] of this.bridges) {
      for (const port of bridge.ports.values()) {
        if (vm === undefined || port.vm === vm) views.push({ bridge: name, ...port });
      }
    }
    return views;
  }

  private settingsOf(bridge: string): BridgeSettings {
    const timers = vdpTimers();
    return {
      processingSec: 0,
      resourceWaitSec: timers.resourceWaitSec,
      keepAliveExpirySec: timers.keepAliveExpirySec,
      stationKeepAliveSec: timers.stationKeepAliveSec,
      ...this.settings.get(bridge),
    };
  }

  private stationsOf(bridge: Host): string[] {
    return [...this.attached].filter(([, b]) => b === bridge.name).map(([station]) => station);
  }

  private stationFailed(station: Host): void {
    const bridge = this.bridges.get(this.attached.get(station.name) ?? '');
    for (const [vm] of this.stations.dropStation(station.name)) bridge?.expireLater(vm, station.name);
  }

  /** A VM shut down or destroyed: its stations stop refreshing its ports, which expire. */
  private vmLeft(vm: string): void {
    for (const station of this.stations.stationsOf(vm)) {
      this.stations.stop(station, vm);
      const host = this.platform.hasHost(station) ? this.platform.host(station) : undefined;
      if (host !== undefined) this.bridgeOf(host)?.expireLater(vm, station);
    }
  }
}
