// livemig's side of peer/dirty-rate-pstate.cpp (SimGrid 3.32): the bytes dirtied per flop are fixed when the
// migration starts; the source's pstate change during the migration slows the VM but keeps that ratio.
import { Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('peer-platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const a = sim.host('A');
  const vm = sim.createMigratableVm(a, 'VM0', {
    cores: 1,
    ramMiB: 100,
    migrationSpeedMiBps: 20,
    dirtyIntensityPercent: 50,
  });
  vm.start();
  sim.spawn('worker', vm, async (ctx) => {
    await ctx.execute(1e10);
    ctx.log('work done');
  });
  sim.spawn('migrator', a, async (ctx) => {
    await ctx.sleep(1);
    await vm.migrate(sim.host('B'));
    ctx.log(`VM0 migrated to ${vm.pm.name}`);
  });
  sim.spawn('dvfs', a, async (ctx) => {
    await ctx.sleep(3);
    a.setPstate(1);
    ctx.log(`A at pstate 1 (${a.speedFlops.toFixed(0)} flop/s)`);
  });
  await sim.run();
  sim.log('Simulation ended');
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
