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
  const random = new Random(seed);
  const pick = <T>(items: readonly T[]): T => items[random.int(0, items.length - 1)] as T;
  const chance = (p: number) => random.next() < p;
  const date = (max: number) => Math.round(random.uniform(0, max) * 1000) / 1000;

  const hostCount = random.int(3, 5);
  const hosts = Array.from({ length: hostCount }, (_, i) => `h${i}`);
  const links = hosts.map((h) => ({
    name: `l-${h}`,
    bandwidth: pick(['100MBps', '500MBps', '1GBps', '10Gbps']),
    latency: pick(['10us', '100us', '1ms']),
  }));
  const routes: Doc[] = [];
  for (let i = 0; i < hostCount; i++)
    for (let j = i + 1; j < hostCount; j++)
      routes.push({ src: hosts[i], dst: hosts[j], links: [`l-h${i}`, 'backbone', `l-h${j}`] });
  const platform = {
    hosts: hosts.map((name) => ({ name, speed: pick(['1Gf', '2Gf']), cores: pick([1, 2, 4]) })),
    links: [...links, { name: 'backbone', bandwidth: pick(['1GBps', '10Gbps']), latency: '50us' }],
    routes,
  };

  const vmCount = random.int(1, 4);
  const vms: Doc[] = [];
  const vmHome: string[] = [];
  for (let v = 0; v < vmCount; v++) {
    const ramMiB = pick([64, 256, 512, 1024, 2048]);
    const vm: Doc = { name: `vm${v}`, host: pick(hosts), ram: `${ramMiB}MiB` };
    if (chance(0.6)) {
      vm.dirty = {
        model: pick(['rate', 'linear']),
        rate: `${pick([1, 20, 100, 300])}MiB/s`,
        workingSet: `${Math.max(1, Math.floor(ramMiB / pick([1, 2, 4])))}MiB`,
      };
    }
    if (chance(0.1)) vm.start = false;
    vms.push(vm);
    vmHome.push(vm.host as string);
  }
  const vmNames = vms.map((vm) => vm.name as string);
  // Some hosts forbid over-commitment, with room for what starts there and a little more.
  const memory: Doc[] = [];
  const limitedHosts: { name: string; ramMiB: number }[] = [];
  for (const host of hosts) {
    if (!chance(0.3)) continue;
    const usedMiB = vms
      .filter((vm) => vm.host === host && vm.start !== false)
      .reduce((sum, vm) => sum + Number.parseInt(vm.ram as string, 10), 0);
    const ramMiB = usedMiB + pick([64, 256, 1024, 4096]);
    memory.push({ name: host, ram: `${ramMiB}MiB`, overcommit: false });
    limitedHosts.push({ name: host, ramMiB });
  }
  const hostsTurnedOff = new Set<string>();
  const linkNames = [...links.map((l) => l.name), 'backbone'];

  const migrate = (vm: string, to: string): Doc => {
    const options: Doc = { vm, to, algorithm: pick(ALGORITHMS) };
    if (chance(0.25)) options.protocol = 'phased';
    if (chance(0.3)) options.maxBandwidth = pick(['0B/s', '50MBps', '200MBps']);
    if (chance(0.2)) options.downtimeLimit = pick(['30ms', '300ms']);
    if (chance(0.15)) options.streams = pick([2, 4]);
    if (options.algorithm === 'hybrid' && chance(0.5)) options.postcopyAfter = pick(['1s', '3s']);
    // Drawn for every algorithm (so the draws that follow do not depend on the algorithm), kept where it is taken.
    const takes = (option: string) => algorithmTakes(options.algorithm as string, option);
    if (!takes('maxBandwidthBytesPerSec')) delete options.maxBandwidth;
    if (!takes('downtimeLimitSec')) delete options.downtimeLimit;
    return { migrate: options };
  };
  /** A step that turns something off or on, never the actor's own host. */
  const operatorCommand = (own: string): Doc => {
    const kind = random.int(0, 5);
    const vm = pick(vmNames);
    if (kind === 0) return { cancel: vm };
    if (kind === 1) return { turnOffLink: pick(linkNames) };
    if (kind === 2) return { turnOnLink: pick(linkNames) };
    if (kind === 3) return { [pick(['suspend', 'resume', 'start', 'shutdown'])]: vm };
    if (kind === 4) return { [pick(['switchover', 'startPostcopy'])]: vm };
    const others = hosts.filter((h) => h !== own);
    const host = pick(others);
    if (chance(0.5)) {
      hostsTurnedOff.add(host);
      return { turnOff: host };
    }
    return { turnOn: host };
  };

  const operators: { name: string; host: string }[] = [];
  const actors: Doc[] = [];
  const operatorCount = random.int(1, 3);
  for (let a = 0; a < operatorCount; a++) {
    const name = `op${a}`;
    const host = pick(hosts);
    const steps: Doc[] = [];
    const stepCount = random.int(1, 4);
    for (let s = 0; s < stepCount; s++) {
      const what = random.next();
      if (what < 0.55) {
        const v = random.int(0, vmCount - 1);
        const vm = vmNames[v] as string;
        const to = pick(hosts.filter((h) => h !== vmHome[v]));
        steps.push(migrate(vm, to));
        steps.push({ log: `after migrate ${vm} to ${to}` });
        if (chance(0.3)) {
          // A chained migration: on from where it went (or back home).
          steps.push(migrate(vm, chance(0.5) ? (vmHome[v] as string) : pick(hosts.filter((h) => h !== to))));
          steps.push({ log: `after chained migrate ${vm}` });
        }
      } else if (what < 0.75) steps.push({ sleep: date(3) });
      else if (what < 0.85) steps.push({ execute: pick(['1e8', '1e9']) });
      else steps.push(operatorCommand(host));
    }
    steps.push({ log: `end ${name}` });
    actors.push({ name, host, steps });
    operators.push({ name, host });
  }
  for (let v = 0; v < vmCount; v++) {
    if (chance(0.4))
      actors.push({ name: `work${v}`, host: vmNames[v], steps: [{ execute: pick(['1e9', '1e10']) }, { log: 'done' }] });
  }

  const events: Doc[] = [];
  const eventCount = random.int(0, 4);
  for (let e = 0; e < eventCount; e++) {
    const at = date(8);
    const kind = random.int(0, 8);
    const vm = pick(vmNames);
    if (kind <= 1) {
      const host = pick(hosts);
      hostsTurnedOff.add(host);
      events.push({ at, turnOff: host });
      if (chance(0.5)) events.push({ at: at + date(5), turnOn: host });
    } else if (kind === 2) {
      const link = pick(linkNames);
      events.push({ at, turnOffLink: link });
      if (chance(0.7)) events.push({ at: at + date(5), turnOnLink: link });
    } else if (kind === 3) events.push({ at, cancel: vm });
    else if (kind === 4) {
      events.push({ at, extendLive: vm });
      events.push({ at: at + date(4), endLive: vm });
    } else if (kind === 5) events.push({ at, [pick(['switchover', 'startPostcopy'])]: vm });
    else if (kind === 7) {
      // Faults of the control plane, for phased migrations.
      const mode = pick(['silent', 'slow'] as const);
      events.push({
        at,
        agentFault: { host: pick(hosts), mode, ...(mode === 'slow' ? { delay: '5s' } : {}), count: 1 },
      });
    } else if (kind === 8)
      events.push({ at, loseMessages: { kind: pick(['rpc', 'rpc.perform.started', 'rpc.begin.reply']) } });
    else events.push({ at, [pick(['suspend', 'resume', 'shutdown', 'destroy', 'start'])]: vm });
  }

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
  return { seed, text: `${JSON.stringify(scenario, null, 1)}\n`, operators, hostsTurnedOff, limitedHosts };
}
