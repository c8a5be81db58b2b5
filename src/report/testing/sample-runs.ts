// Small simulations recorded for the report's tests: an idle VM migrating on SimGrid's small platform, a busy run
// with a failing migration, and a cluster with many VMs. Each returns the finished report.
import { fileURLToPath } from 'node:url';
import { Simulation } from '../../simulation/index.ts';
import { Recorder, type RecorderOptions } from '../recorder.ts';
import type { RunReport } from '../run-report.ts';

export const SMALL_PLATFORM = fileURLToPath(
  new URL('../../../examples/simgrid/platforms/small_platform.xml', import.meta.url),
);

/** A 1e9-byte idle VM migrating Fafard → Tremblay at t=0 (132.765801 s, simgrid-model.md §6). */
export async function idleMigration(options: RecorderOptions = {}): Promise<RunReport> {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim, options);
  const vm = sim.createVm('Fafard', 'VM0', { ramBytes: 1e9 });
  vm.start();
  sim.spawn('master', 'Fafard', async () => {
    await vm.migrate(sim.host('Tremblay'));
  });
  await sim.run();
  return recorder.finish();
}

/** Two VMs on Fafard: a busy one migrates to Jupiter and back; an idle one fails to reach Ginette, turned off at
 * t=20 (a failed step is recorded); the busy one is suspended for 10 s at the end. */
export async function busyRun(options: RecorderOptions = {}): Promise<RunReport> {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim, { scenario: { name: 'busy run', file: 'busy.yaml', seed: 7 }, ...options });
  const busy = sim.createMigratableVm('Fafard', 'busy', {
    ramMiB: 256,
    migrationSpeedMiBps: 100,
    dirtyIntensityPercent: 20,
  });
  const idle = sim.createVm('Fafard', 'idle', { ramBytes: 1e9 });
  busy.start();
  idle.start();
  sim.spawn('app', busy, (ctx) => ctx.execute(2e10));
  sim.spawn('operator', 'Tremblay', async (ctx) => {
    await ctx.sleep(1);
    const record = await busy.migrate(sim.host('Jupiter'));
    ctx.log(`busy moved in ${record.durationSec} s`);
    await busy.migrate(sim.host('Fafard'));
    busy.suspend();
    await ctx.sleep(10);
    busy.resume();
  });
  sim.spawn('mover', 'Tremblay', async (ctx) => {
    await ctx.sleep(3);
    try {
      await idle.migrate(sim.host('Ginette'));
    } catch (error) {
      recorder.recordStepError({ step: 'migrate idle to Ginette', error });
    }
  });
  sim.at(20, () => sim.host('Ginette').turnOff());
  await sim.run();
  return recorder.finish();
}

/** `hosts` cluster nodes with `vms` VMs spread over the first half; every other VM migrates to the second half,
 * in waves, while a third of the VMs compute. */
export async function clusterRun(hosts: number, vms: number, options: RecorderOptions = {}): Promise<RunReport> {
  const sim = new Simulation({
    platform: {
      clusters: [
        {
          id: 'rack',
          prefix: 'node-',
          radical: `0-${hosts - 1}`,
          speed: '10Gf',
          core: 8,
          bw: '1.25GBps',
          lat: '50us',
          bb_bw: '10GBps',
          bb_lat: '100us',
        },
      ],
    },
  });
  const recorder = new Recorder(sim, { scenario: { name: `cluster of ${hosts} hosts, ${vms} VMs` }, ...options });
  const half = Math.max(1, Math.floor(hosts / 2));
  for (let i = 0; i < vms; i++) {
    const vm = sim.createMigratableVm(`node-${i % half}`, `vm-${i}`, {
      ramMiB: 512,
      migrationSpeedMiBps: 200,
      dirtyIntensityPercent: 10,
    });
    vm.start();
    if (i % 3 === 0) sim.spawn(`app-${i}`, vm, (ctx) => ctx.execute(1e11));
  }
  for (let i = 0; i < vms; i += 2) {
    sim.spawn(`migrate-${i}`, `node-${i % half}`, async (ctx) => {
      await ctx.sleep(1 + (i % 10));
      await sim.migrate(`vm-${i}`, `node-${half + (i % (hosts - half))}`);
    });
  }
  await sim.run();
  return recorder.finish();
}

export const BRIDGED_PLATFORM = fileURLToPath(
  new URL('../../../examples/scenarios/platforms/bridged.xml', import.meta.url),
);

/** Two phased migrations with VDP and dynamic state on examples/scenarios/platforms/bridged.xml: one completes, the
 * other's Associate is refused by its destination's bridge and it rolls back. */
export async function phasedRun(options: RecorderOptions = {}): Promise<RunReport> {
  const sim = new Simulation({ platform: BRIDGED_PLATFORM });
  const recorder = new Recorder(sim, { scenario: { name: 'phased run' }, ...options });
  const dirty = { kind: 'rate', rateBytesPerSec: 50 * 2 ** 20, workingSetBytes: 2 ** 28 } as const;
  for (const [name, host] of [
    ['web', 'r1-0'],
    ['db', 'r1-1'],
  ] as const) {
    const vm = sim.createVm(host, name, { cores: 2, ramBytes: 2 ** 31 });
    vm.dirtyModel = dirty;
    vm.start();
  }
  const features = [
    'vdp-port' as const,
    { name: 'dynamic-state' as const, sizeBytes: 2 ** 25, database: 'ops-1', policy: 'wait' as const, waitSec: 2 },
  ];
  sim.spawn('operator', 'ops-0', async (ctx) => {
    await sim.migrate('web', 'r2-0', { protocol: 'phased', controller: 'ops-0', algorithm: 'precopy', features });
    await ctx.sleep(1);
    sim.at(ctx.now + 2, () => sim.control.inject({ target: 'bridge', host: 'tor-2', mode: 'refuse', count: 1 }));
    const db = { protocol: 'phased', controller: 'ops-0', algorithm: 'precopy', features } as const;
    await sim.migrate('db', 'r2-1', db).catch(() => undefined);
  });
  await sim.run();
  return recorder.finish();
}
