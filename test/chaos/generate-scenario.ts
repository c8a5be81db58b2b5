// Random valid scenarios for the chaos campaign, from a seed (the project's seeded RNG): a star platform, VMs
// (some dirtying memory, some busy), operators that migrate (every algorithm, direct or phased, concurrent and
// chained), cancel and command the VMs, and timed host and link failures, cancels and operator commands. Every
// actor ends with a `log: end <actor>` step, so that the campaign can see that it went on after its migrations.
import { BUILT_IN_ALGORITHMS, type MigrationAlgorithm, Random } from '../../src/index.ts';

function algorithmTakes(algorithm: string, option: string): boolean {
  const found = (BUILT_IN_ALGORITHMS as Record<string, MigrationAlgorithm>)[algorithm];
  return found?.options.keys.includes(option) ?? false;
}

export const ALGORITHMS = ['simgrid-precopy', 'precopy', 'mplm', 'postcopy', 'hybrid', 'stop-and-copy'] as const;

/** What the campaign needs to know besides the scenario text. */
export interface ChaosCase {
  seed: number;
  text: string;
  /** Operator actors and their hosts (physical hosts). */
  operators: { name: string; host: string }[];
  /** Hosts that some event or step turns off. */
  hostsTurnedOff: Set<string>;
  /** Hosts that forbid over-commitment, with their memory. */
  limitedHosts: { name: string; ramMiB: number }[];
}

type Doc = Record<string, unknown>;

export function generateScenario(seed: number): ChaosCase {
  const g = new ChaosGenerator(seed);
  const platform = g.platform();
  const vms = g.vms();
  const memory = g.memory(vms);
  const { actors, operators } = g.actors();
  const events = g.events();
  const scenario: Doc = {
    version: 1,
    name: `chaos-${seed}`,
    seed,
    until: 60,
    platform,
    hosts: memory,
    vms,
    actors,
    events,
  };
  const text = `${JSON.stringify(scenario, null, 1)}\n`;
  return { seed, text, operators, hostsTurnedOff: g.hostsTurnedOff, limitedHosts: g.limitedHosts };
}

/** Draws the parts of one chaos scenario, in a fixed order from one seeded stream. */
class ChaosGenerator {
  private readonly random: Random;
  hosts: string[] = [];
  linkNames: string[] = [];
  vmNames: string[] = [];
  vmHome: string[] = [];
  readonly hostsTurnedOff = new Set<string>();
  readonly limitedHosts: { name: string; ramMiB: number }[] = [];

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.random.int(0, items.length - 1)] as T;
  }

  private chance(p: number): boolean {
    return this.random.next() < p;
  }

  private date(max: number): number {
    return Math.round(this.random.uniform(0, max) * 1000) / 1000;
  }

  /** A star: every host has its own link to one backbone. */
  platform(): Doc {
    const hostCount = this.random.int(3, 5);
    const hosts = Array.from({ length: hostCount }, (_, i) => `h${i}`);
    this.hosts = hosts;
    const links = hosts.map((h) => ({
      name: `l-${h}`,
      bandwidth: this.pick(['100MBps', '500MBps', '1GBps', '10Gbps']),
      latency: this.pick(['10us', '100us', '1ms']),
    }));
    const routes: Doc[] = [];
    for (let i = 0; i < hostCount; i++)
      for (let j = i + 1; j < hostCount; j++)
        routes.push({ src: hosts[i], dst: hosts[j], links: [`l-h${i}`, 'backbone', `l-h${j}`] });
    const platform = {
      hosts: hosts.map((name) => ({ name, speed: this.pick(['1Gf', '2Gf']), cores: this.pick([1, 2, 4]) })),
      links: [...links, { name: 'backbone', bandwidth: this.pick(['1GBps', '10Gbps']), latency: '50us' }],
      routes,
    };
    this.linkNames = [...links.map((l) => l.name), 'backbone'];
    return platform;
  }

  vms(): Doc[] {
    const vmCount = this.random.int(1, 4);
    const vms: Doc[] = [];
    for (let v = 0; v < vmCount; v++) {
      const ramMiB = this.pick([64, 256, 512, 1024, 2048]);
      const vm: Doc = { name: `vm${v}`, host: this.pick(this.hosts), ram: `${ramMiB}MiB` };
      if (this.chance(0.6)) {
        vm.dirty = {
          model: this.pick(['rate', 'linear']),
          rate: `${this.pick([1, 20, 100, 300])}MiB/s`,
          workingSet: `${Math.max(1, Math.floor(ramMiB / this.pick([1, 2, 4])))}MiB`,
        };
      }
      if (this.chance(0.1)) vm.start = false;
      vms.push(vm);
      this.vmHome.push(vm.host as string);
    }
    this.vmNames = vms.map((vm) => vm.name as string);
    return vms;
  }

  /** Some hosts forbid over-commitment, with room for what starts there and a little more. */
  memory(vms: Doc[]): Doc[] {
    const memory: Doc[] = [];
    for (const host of this.hosts) {
      if (!this.chance(0.3)) continue;
      const usedMiB = vms
        .filter((vm) => vm.host === host && vm.start !== false)
        .reduce((sum, vm) => sum + Number.parseInt(vm.ram as string, 10), 0);
      const ramMiB = usedMiB + this.pick([64, 256, 1024, 4096]);
      memory.push({ name: host, ram: `${ramMiB}MiB`, overcommit: false });
      this.limitedHosts.push({ name: host, ramMiB });
    }
    return memory;
  }

  private migrate(vm: string, to: string): Doc {
    const options: Doc = { vm, to, algorithm: this.pick(ALGORITHMS) };
    if (this.chance(0.25)) options.protocol = 'phased';
    if (this.chance(0.3)) options.maxBandwidth = this.pick(['0B/s', '50MBps', '200MBps']);
    if (this.chance(0.2)) options.downtimeLimit = this.pick(['30ms', '300ms']);
    if (this.chance(0.15)) options.streams = this.pick([2, 4]);
    if (options.algorithm === 'hybrid' && this.chance(0.5)) options.postcopyAfter = this.pick(['1s', '3s']);
    // Drawn for every algorithm (so the draws that follow do not depend on the algorithm), kept where it is taken.
    const takes = (option: string) => algorithmTakes(options.algorithm as string, option);
    if (!takes('maxBandwidthBytesPerSec')) delete options.maxBandwidth;
    if (!takes('downtimeLimitSec')) delete options.downtimeLimit;
    return { migrate: options };
  }

  /** A step that turns something off or on, never the actor's own host. */
  private operatorCommand(own: string): Doc {
    const kind = this.random.int(0, 5);
    const vm = this.pick(this.vmNames);
    if (kind === 0) return { cancel: vm };
    if (kind === 1) return { turnOffLink: this.pick(this.linkNames) };
    if (kind === 2) return { turnOnLink: this.pick(this.linkNames) };
    if (kind === 3) return { [this.pick(['suspend', 'resume', 'start', 'shutdown'])]: vm };
    if (kind === 4) return { [this.pick(['switchover', 'startPostcopy'])]: vm };
    const host = this.pick(this.hosts.filter((h) => h !== own));
    if (this.chance(0.5)) {
      this.hostsTurnedOff.add(host);
      return { turnOff: host };
    }
    return { turnOn: host };
  }

  /** A migration of a random VM, sometimes chained on from where it went (or back home). */
  private migrationSteps(steps: Doc[]): void {
    const v = this.random.int(0, this.vmNames.length - 1);
    const vm = this.vmNames[v] as string;
    const to = this.pick(this.hosts.filter((h) => h !== this.vmHome[v]));
    steps.push(this.migrate(vm, to));
    steps.push({ log: `after migrate ${vm} to ${to}` });
    if (this.chance(0.3)) {
      const next = this.chance(0.5) ? (this.vmHome[v] as string) : this.pick(this.hosts.filter((h) => h !== to));
      steps.push(this.migrate(vm, next));
      steps.push({ log: `after chained migrate ${vm}` });
    }
  }

  private operator(name: string, host: string): Doc {
    const steps: Doc[] = [];
    const stepCount = this.random.int(1, 4);
    for (let s = 0; s < stepCount; s++) {
      const what = this.random.next();
      if (what < 0.55) this.migrationSteps(steps);
      else if (what < 0.75) steps.push({ sleep: this.date(3) });
      else if (what < 0.85) steps.push({ execute: this.pick(['1e8', '1e9']) });
      else steps.push(this.operatorCommand(host));
    }
    steps.push({ log: `end ${name}` });
    return { name, host, steps };
  }

  /** Operators, then a worker inside some VMs. */
  actors(): { actors: Doc[]; operators: { name: string; host: string }[] } {
    const operators: { name: string; host: string }[] = [];
    const actors: Doc[] = [];
    const operatorCount = this.random.int(1, 3);
    for (let a = 0; a < operatorCount; a++) {
      const name = `op${a}`;
      const host = this.pick(this.hosts);
      actors.push(this.operator(name, host));
      operators.push({ name, host });
    }
    for (const vm of this.vmNames) {
      if (this.chance(0.4))
        actors.push({
          name: `work${vm.slice(2)}`,
          host: vm,
          steps: [{ execute: this.pick(['1e9', '1e10']) }, { log: 'done' }],
        });
    }
    return { actors, operators };
  }

  events(): Doc[] {
    const events: Doc[] = [];
    const eventCount = this.random.int(0, 4);
    for (let e = 0; e < eventCount; e++) this.event(events);
    return events;
  }

  private event(events: Doc[]): void {
    const at = this.date(8);
    const kind = this.random.int(0, 8);
    const vm = this.pick(this.vmNames);
    if (kind <= 1) {
      const host = this.pick(this.hosts);
      this.hostsTurnedOff.add(host);
      events.push({ at, turnOff: host });
      if (this.chance(0.5)) events.push({ at: at + this.date(5), turnOn: host });
    } else if (kind === 2) {
      const link = this.pick(this.linkNames);
      events.push({ at, turnOffLink: link });
      if (this.chance(0.7)) events.push({ at: at + this.date(5), turnOnLink: link });
    } else if (kind === 3) events.push({ at, cancel: vm });
    else if (kind === 4) {
      events.push({ at, extendLive: vm });
      events.push({ at: at + this.date(4), endLive: vm });
    } else if (kind === 5) events.push({ at, [this.pick(['switchover', 'startPostcopy'])]: vm });
    else if (kind === 7) events.push({ at, agentFault: this.agentFault() });
    else if (kind === 8)
      events.push({ at, loseMessages: { kind: this.pick(['rpc', 'rpc.perform.started', 'rpc.begin.reply']) } });
    else events.push({ at, [this.pick(['suspend', 'resume', 'shutdown', 'destroy', 'start'])]: vm });
  }

  /** A fault of the control plane, for phased migrations. */
  private agentFault(): Doc {
    const mode = this.pick(['silent', 'slow'] as const);
    return { host: this.pick(this.hosts), mode, ...(mode === 'slow' ? { delay: '5s' } : {}), count: 1 };
  }
}
