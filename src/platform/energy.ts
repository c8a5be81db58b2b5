// Host energy, with SimGrid 3.32's energy-plugin semantics (plugins/host_energy.cpp): per pstate, a host draws
// Idle watts when its processor does nothing, else Epsilon + load × (AllCores − Epsilon); off, it draws
// `wattage_off`. Energy is power × time, brought up to date whenever an action of the host (or of a VM on it)
// starts or changes state, and when the host is turned on or off or changes pstate — the same instants as
// SimGrid, so that the energy figures of its tests match.
import { LivemigError } from '../core/index.ts';
import type { Engine, ExecActivity, SimHost } from '../kernel/index.ts';
import type { Cpu, CpuModel, LmmAction } from '../models/index.ts';
import type { Host } from './host.ts';
import type { Platform } from './platform.ts';

interface PowerRange {
  idle: number;
  epsilon: number;
  max: number;
}

const OFF = -1;

export class HostEnergy {
  /** Joules consumed up to `lastUpdate`. */
  private total = 0;
  private lastUpdate: number;
  private pstate: number;
  private readonly ranges: PowerRange[] | undefined;
  private readonly wattsOff: number;
  /** Whether the host ever computed (SimGrid's used / idle split of the total). */
  used = false;

  constructor(
    readonly host: Host,
    private readonly engine: Engine,
  ) {
    this.lastUpdate = engine.now;
    this.pstate = host.pstate;
    this.ranges = parseRanges(host);
    const off = host.property('wattage_off');
    this.wattsOff = off === undefined ? 0 : parseWatts(off, host, 'wattage_off');
  }

  /** Whether the host has power figures (`wattage_per_state`). */
  get hasPowerProfile(): boolean {
    return this.ranges !== undefined;
  }

  /** Accounts the time since the last update at the power of that period, then notes the current pstate. */
  update(): void {
    const now = this.engine.now;
    if (this.lastUpdate < now) {
      this.total += this.currentWatts() * (now - this.lastUpdate);
      this.lastUpdate = now;
    }
    this.pstate = this.host.isOn() ? this.host.pstate : OFF;
  }

  /** Joules consumed so far. */
  consumedJoules(): number {
    if (this.lastUpdate < this.engine.now) this.update();
    return this.total;
  }

  get lastUpdateTime(): number {
    return this.lastUpdate;
  }

  /** Watts drawn now, from the pstate noted at the last update and the current load. */
  currentWatts(): number {
    if (this.pstate === OFF) return this.wattsOff;
    const speed = this.host.cpu.speedAt(this.pstate);
    let load = 1;
    if (speed > 0) {
      load = Math.min(1, this.host.cpu.load() / speed / this.host.cores);
      if (load > 0) this.used = true;
    }
    return this.wattsAt(load);
  }

  /** Watts drawn at a processor load in [0, 1] (on/off not taken into account). */
  wattsAt(load: number): number {
    if (this.ranges === undefined) return 0;
    if (this.pstate === OFF) return this.wattsOff;
    const range = this.ranges[this.pstate] as PowerRange;
    return load > 0 ? range.epsilon + load * (range.max - range.epsilon) : range.idle;
  }
}

/** Energy accounting for every host of a platform. */
export class EnergyMeter {
  private readonly byHost = new Map<Host, HostEnergy>();
  private readonly byCpu = new Map<Cpu, Host>();
  private readonly resolvers: ((resource: unknown) => Host | undefined)[] = [];

  constructor(readonly platform: Platform) {
    const engine = platform.engine;
    for (const host of platform.hosts) {
      this.byHost.set(host, new HostEnergy(host, engine));
      this.byCpu.set(host.cpu, host);
      host.onStateChange((h) => this.byHost.get(h)?.update(), 'after');
      host.onSpeedChange((h) => this.byHost.get(h)?.update());
    }
    this.watchCpuModel(platform.cpuModel, (cpu) => this.byCpu.get(cpu as Cpu));
    engine.onExecStarted((exec) => this.execStarted(exec));
  }

  /** Also accounts the actions of another CPU model (VMs' virtual CPUs), charged to the host `resolve` names. */
  watchCpuModel(model: CpuModel, resolve: (resource: unknown) => Host | undefined): void {
    this.resolvers.push(resolve);
    model.onActionStateChange((action) => this.actionChanged(action, resolve));
  }

  /** The host energy of a physical host. */
  of(host: Host): HostEnergy {
    const energy = this.byHost.get(host);
    if (energy === undefined) throw new LivemigError('not-found', `Host "${host.name}" has no energy accounting.`);
    return energy;
  }

  consumedJoules(host: Host): number {
    return this.of(host).consumedJoules();
  }

  /** Brings every host up to date. */
  updateAll(): void {
    for (const energy of this.byHost.values()) energy.update();
  }

  /** Joules per host (declaration order), the total, and the part of hosts that computed. */
  summary(): { hosts: { host: string; joules: number }[]; totalJoules: number; usedHostsJoules: number } {
    let total = 0;
    let used = 0;
    const hosts = [];
    for (const [host, energy] of this.byHost) {
      const joules = energy.consumedJoules();
      total += joules;
      if (energy.used) used += joules;
      hosts.push({ host: host.name, joules });
    }
    return { hosts, totalJoules: total, usedHostsJoules: used };
  }

  private actionChanged(action: LmmAction, resolve: (resource: unknown) => Host | undefined): void {
    const host = resolve(action.resource);
    if (host === undefined) return;
    const energy = this.byHost.get(host);
    if (energy !== undefined && energy.lastUpdateTime < this.platform.engine.now) energy.update();
  }

  private execStarted(exec: ExecActivity): void {
    const host = this.physicalHostOf(exec.host);
    if (host !== undefined) this.byHost.get(host)?.update();
  }

  private physicalHostOf(host: SimHost): Host | undefined {
    const node = host.networkNode as Host;
    return this.byHost.has(node) ? node : undefined;
  }
}

function parseRanges(host: Host): PowerRange[] | undefined {
  const text = host.property('wattage_per_state');
  if (text === undefined) return undefined;
  const states = text.split(',');
  if (states.length !== host.cpu.pstateCount) {
    throw new LivemigError(
      'invalid-input',
      `Host "${host.name}": wattage_per_state lists ${states.length} pstate(s) but the host has ${host.cpu.pstateCount}. ` +
        'Give one "Idle:Epsilon:AllCores" (or "Idle:AllCores") entry per pstate, separated by commas.',
    );
  }
  return states.map((state) => {
    const values = state.split(':').map((v) => parseWatts(v, host, 'wattage_per_state'));
    if (values.length === 2)
      return { idle: values[0] as number, epsilon: values[0] as number, max: values[1] as number };
    if (values.length === 3)
      return { idle: values[0] as number, epsilon: values[1] as number, max: values[2] as number };
    throw new LivemigError(
      'invalid-input',
      `Host "${host.name}": "${state}" in wattage_per_state should be "Idle:AllCores" or "Idle:Epsilon:AllCores".`,
    );
  });
}

function parseWatts(text: string, host: Host, property: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new LivemigError('invalid-input', `Host "${host.name}": "${text}" in ${property} is not a number of watts.`);
  }
  return value;
}
