// The data centre of Beloglazov & Buyya's experiments (CCPE 2012, section 8), rebuilt for livemig: half HP ProLiant
// ML110 G4 (2 cores at 1860 MHz) and half G5 (2 cores at 2660 MHz), 4 GB of RAM each, 1 Gbit/s links; four VM types
// (2500, 2000, 1000 and 500 MIPS with 870, 1740, 1740 and 613 MB) capped at their MIPS, read here as Mflop/s; each
// VM's utilization from a generated trace. Used by the study (study.ts) and the benchmark (bench/consolidation.ts).
import { performance } from 'node:perf_hooks';
import {
  Consolidation,
  type ConsolidationReport,
  DEFAULT_WORKLOAD_MODEL,
  generateTraces,
  HP_PROLIANT_ML110_G4,
  HP_PROLIANT_ML110_G5,
  type MigrateOptions,
  type PlanPolicies,
  type PlatformSpec,
  powerModel,
  Random,
  Simulation,
  traceFromValues,
} from '../../../src/index.ts';

export interface DatacenterOptions {
  hosts: number;
  vms: number;
  days: number;
  seed: number;
  /** undefined: no consolidation (the baseline). */
  policies: PlanPolicies | undefined;
  migrate: MigrateOptions;
  intervalSec?: number;
  /** Default 2. */
  maxConcurrentPerHost?: number;
  /** RAM of every host (default 4 GB, as the ML110 G4 and G5). */
  hostRamBytes?: number;
}

export interface DatacenterRun {
  report: ConsolidationReport;
  wallSec: number;
  /** Simulated migrations, with their outcome. */
  migrationsCompleted: number;
}

const MB = 1e6;
const DIRTY_BYTES_PER_SEC = 40 * MB;
const VM_TYPES = [
  { flops: 2.5e9, ramBytes: 870 * MB },
  { flops: 2e9, ramBytes: 1740 * MB },
  { flops: 1e9, ramBytes: 1740 * MB },
  { flops: 0.5e9, ramBytes: 613 * MB },
];

/** A fabric link sized for `hosts` host links of 1 Gbit/s oversubscribed `ratio`:1, at least 10 Gbit/s. */
function fabric(hosts: number, ratio: number): string {
  return `${Math.max(10, Math.ceil(hosts / ratio))}Gbps`;
}

/** Two clusters (G4 and G5 hosts, prefixes g4- and g5-) joined by a core link. Each cluster's backbone carries its
 * hosts' 1 Gbit/s links oversubscribed 4:1 and the core link the two clusters' 8:1, both at least 10 Gbit/s (up to
 * 80 hosts, 10 Gbit/s each). A single 10 Gbit/s backbone for hundreds of hosts would cut each of the hundreds of
 * migrations of a consolidation round to a few MB/s, below the VMs' dirty rates: none would converge. */
export function datacenterPlatform(hosts: number): PlatformSpec {
  const g4 = Math.ceil(hosts / 2);
  const cluster = (id: string, count: number, speed: string) => ({
    id,
    prefix: `${id}-`,
    radical: `0-${count - 1}`,
    speed,
    core: 2,
    bw: '1Gbps',
    lat: '50us',
    bb_bw: fabric(count, 4),
    bb_lat: '50us',
  });
  return {
    clusters: [cluster('g4', g4, '1.86Gf'), cluster('g5', hosts - g4, '2.66Gf')],
    links: [{ name: 'core', bandwidth: fabric(hosts, 8), latency: '100us' }],
    zoneRoutes: [{ src: 'g4', dst: 'g5', links: ['core'] }],
  };
}

/** Host names in placement order, alternating G4 and G5. */
export function hostNames(hosts: number): string[] {
  const g4 = Math.ceil(hosts / 2);
  const names: string[] = [];
  for (let i = 0; i < g4; i++) {
    names.push(`g4-${i}`);
    if (i < hosts - g4) names.push(`g5-${i}`);
  }
  return names;
}

export async function runDatacenter(options: DatacenterOptions): Promise<DatacenterRun> {
  const started = performance.now();
  const intervalSec = options.intervalSec ?? 300;
  const sim = new Simulation({ platform: datacenterPlatform(options.hosts) });
  const names = hostNames(options.hosts);
  const steps = Math.round((options.days * 86400) / intervalSec);
  const traces = generateTraces(DEFAULT_WORKLOAD_MODEL, options.vms, steps, intervalSec, new Random(options.seed));
  const workloads = traces.map((values, i) => {
    const type = VM_TYPES[i % VM_TYPES.length] as (typeof VM_TYPES)[number];
    // Initial placement: round robin, as many hosts start with one or two VMs.
    const vm = sim.createVm(names[i % names.length] as string, `vm-${i + 1}`, { cores: 1, ramBytes: type.ramBytes });
    vm.setBound(type.flops);
    // Dirtying follows the utilization: 40 MB/s at 100 % over a quarter of the RAM.
    const points = values.map((u, k): [number, number] => [k * intervalSec, u * DIRTY_BYTES_PER_SEC]);
    vm.dirtyModel = { kind: 'trace', points, workingSetBytes: type.ramBytes / 4 };
    vm.start();
    return { vm: vm.name, trace: traceFromValues(values, intervalSec) };
  });
  const g4 = powerModel({ kind: 'curve', watts: [...HP_PROLIANT_ML110_G4] });
  const g5 = powerModel({ kind: 'curve', watts: [...HP_PROLIANT_ML110_G5] });
  const hosts = names.map((host) => ({
    host,
    power: host.startsWith('g4') ? g4 : g5,
    ramBytes: options.hostRamBytes ?? 4e9,
  }));
  const durationSec = steps * intervalSec;
  const consolidation = new Consolidation(
    sim,
    hosts,
    workloads,
    {
      intervalSec,
      policies: options.policies,
      migrate: options.migrate,
      maxConcurrentPerHost: options.maxConcurrentPerHost ?? 2,
      switchOffIdle: options.policies !== undefined,
      durationSec,
    },
    new Random(options.seed + 1),
  );
  await sim.run({ until: durationSec });
  const report = consolidation.report();
  const migrationsCompleted = sim.migrations.filter((m) => m.outcome === 'completed').length;
  return { report, wallSec: (performance.now() - started) / 1000, migrationsCompleted };
}
