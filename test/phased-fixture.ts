// A small data center for phased-migration tests: a source and a destination (each attached to its own bridge), a
// management host for the controller, a database of dynamic state, an operator's host; every host on its own 1 Gbit/s access link to a
// 10 Gbit/s core. A 256 MiB VM writes 20 MiB/s over 64 MiB while it migrates.
import {
  type DirtyModelSpec,
  type MigrationRecord,
  type PhasedMigrateOptions,
  type PlatformSpec,
  Simulation,
  type VirtualMachine,
} from '../src/index.ts';

export const MiB = 2 ** 20;
export const HOSTS = ['src', 'dst', 'mgmt', 'br1', 'br2', 'db', 'ops'] as const;

export function phasedPlatform(): PlatformSpec {
  const routes = [];
  for (let i = 0; i < HOSTS.length; i++) {
    for (let j = i + 1; j < HOSTS.length; j++) {
      const a = HOSTS[i] as string;
      const b = HOSTS[j] as string;
      routes.push({ src: a, dst: b, links: [`l-${a}`, 'core', `l-${b}`] });
    }
  }
  return {
    hosts: HOSTS.map((name) => ({
      name,
      speed: '1Gf',
      cores: 4,
      ...(name === 'src' ? { properties: { bridge: 'br1' } } : name === 'dst' ? { properties: { bridge: 'br2' } } : {}),
    })),
    links: [
      { name: 'core', bandwidth: '10Gbps', latency: '50us' },
      ...HOSTS.map((h) => ({ name: `l-${h}`, bandwidth: '1Gbps', latency: '20us' })),
    ],
    routes,
  };
}

export const DIRTY: DirtyModelSpec = { kind: 'rate', rateBytesPerSec: 20 * MiB, workingSetBytes: 64 * MiB };

export interface PhasedRun {
  sim: Simulation;
  vm: VirtualMachine;
  record: MigrationRecord | undefined;
  error: (Error & { code?: string; details?: Record<string, unknown> }) | undefined;
}

/** A simulation with the VM started on `src`; `setup` may add faults before the operator migrates it at t = 1 s. */
export function phasedSimulation(): { sim: Simulation; vm: VirtualMachine } {
  const sim = new Simulation({ platform: phasedPlatform() });
  const vm = sim.createVm('src', 'vm', { ramBytes: 256 * MiB, cores: 2 });
  vm.dirtyModel = DIRTY;
  vm.start();
  return { sim, vm };
}

export const FEATURES: PhasedMigrateOptions['features'] = [
  'vdp-port',
  { name: 'dynamic-state', sizeBytes: 1 * MiB, database: 'db', policy: 'wait', waitSec: 2 },
];

/** Runs one phased migration (started at t = 1 s by an operator on `ops`) to the end of the simulation. */
export async function runPhased(
  options: Omit<PhasedMigrateOptions, 'protocol'>,
  setup?: (sim: Simulation, vm: VirtualMachine) => void,
): Promise<PhasedRun> {
  const { sim, vm } = phasedSimulation();
  const run: PhasedRun = { sim, vm, record: undefined, error: undefined };
  setup?.(sim, vm);
  sim.spawn('operator', 'ops', async (ctx) => {
    await ctx.sleep(1);
    try {
      run.record = await sim.migrate(vm, 'dst', { controller: 'mgmt', ...options, protocol: 'phased' });
    } catch (error) {
      run.error = error as PhasedRun['error'];
    }
  });
  await sim.run();
  return run;
}
