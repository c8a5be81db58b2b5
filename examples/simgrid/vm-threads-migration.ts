// livemig's side of peer/vm-threads-migration.cpp (SimGrid 3.32): a 2-vCPU VM running one 2-thread execution is
// migrated; suspended and resumed for the switch-over, it weighs two cores on its new host again.
import { formatFixed, Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('peer-platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const a = sim.host('A');
  const b = sim.host('B');
  const vm = sim.createVm(a, 'VM0', { cores: 2, ramBytes: 1e6 });
  vm.start();
  sim.spawn('app', vm, async (ctx) => {
    await ctx.execute(4e9, { cores: 2 });
    ctx.log('2-thread execution done');
  });
  sim.spawn('mig', a, async (ctx) => {
    await ctx.sleep(1);
    await vm.migrate(b);
    ctx.log(`VM0 now on ${vm.pm.name}`);
  });
  sim.spawn('watch', a, async (ctx) => {
    await ctx.sleep(2);
    ctx.log(`load of B: ${formatFixed(b.loadFlops, 6)}, of VM0: ${formatFixed(vm.loadFlops, 6)}`);
  });
  await sim.run();
  const energy = sim.energy.summary();
  const j = (x: number) => formatFixed(x, 6);
  const log = (message: string) => sim.log(message);
  log(
    `Total energy consumption: ${j(energy.totalJoules)} Joules (used hosts: ${j(energy.usedHostsJoules)} Joules; ` +
      `unused/idle hosts: ${j(energy.totalJoules - energy.usedHostsJoules)})`,
  );
  log(`energy of B: ${j(energy.hosts.find((h) => h.host === b.name)?.joules ?? 0)} J`);
  for (const host of energy.hosts) log(`Energy consumption of host ${host.host}: ${j(host.joules)} Joules`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
