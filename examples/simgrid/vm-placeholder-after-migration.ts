// livemig's side of peer/vm-placeholder-after-migration.cpp (SimGrid 3.32): a migrated VM stands on its new host as
// a single-core action bounded to (vCPUs) flop/s until its weight is next updated: an idle VM keeps its new host
// out of the idle power state, and a pstate change there throttles the VM to that bound.
import {
  type ActorContext,
  formatFixed,
  type Host,
  type SimHost,
  Simulation,
  type VirtualMachine,
} from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('peer-platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((name) => sim.host(name)) as [Host, Host, Host, Host];
  const vm0 = sim.createVm(a, 'VM0', { cores: 2, ramBytes: 1e6 });
  vm0.start();
  const vm1 = sim.createVm(c, 'VM1', { cores: 2, ramBytes: 1e6 });
  vm1.start();
  sim.spawn('mig0', a, async (ctx) => {
    await vm0.migrate(b);
    ctx.log(`VM0 now on ${vm0.pm.name}`);
  });
  for (let i = 0; i < 2; i++) {
    sim.spawn('vm-task', vm1, async (ctx) => {
      await ctx.execute(3e9);
      ctx.log('VM task done');
    });
  }
  for (let i = 0; i < 3; i++) {
    sim.spawn('pm-task', d, async (ctx) => {
      await ctx.execute(6e9);
      ctx.log('PM task done');
    });
  }
  sim.spawn('mig1', c, async (ctx) => {
    await ctx.sleep(1);
    await vm1.migrate(d);
    ctx.log(`VM1 now on ${vm1.pm.name}`);
  });
  sim.spawn('watch', a, (ctx) => watch(ctx, [a, b, c, d], vm1));
  await sim.run();
  logEnergy(sim);
  return lines;
}

/** Logs the loads of the hosts and of VM1 at 2 s, and around D's pstate changes and a late task in VM1. */
async function watch(
  ctx: ActorContext,
  [a, b, c, d]: readonly [Host, Host, Host, Host],
  vm1: VirtualMachine,
): Promise<void> {
  const loads = (hosts: readonly SimHost[]) => {
    for (const host of hosts) {
      const load = host === vm1 ? vm1.loadFlops : (host as Host).loadFlops;
      ctx.log(`load of ${host.name}: ${formatFixed(load, 6)} flop/s`);
    }
  };
  const until = (t: number) => ctx.sleep(t - ctx.now);
  await until(2);
  loads([a, b, c, d, vm1]);
  await until(3);
  d.setPstate(1);
  ctx.log('D at pstate 1');
  await until(4);
  loads([d, vm1]);
  await until(5);
  d.setPstate(0);
  ctx.log('D at pstate 0');
  await until(5.5);
  loads([d, vm1]);
  await until(6);
  ctx.spawn('late-task', vm1, async (late) => {
    await late.execute(1e8);
    late.log('late VM task done');
  });
  await until(6.5);
  loads([d, vm1]);
}

function logEnergy(sim: Simulation): void {
  const energy = sim.energy.summary();
  const j = (x: number) => formatFixed(x, 6);
  const log = (message: string) => sim.log(message);
  log(
    `Total energy consumption: ${j(energy.totalJoules)} Joules (used hosts: ${j(energy.usedHostsJoules)} Joules; ` +
      `unused/idle hosts: ${j(energy.totalJoules - energy.usedHostsJoules)})`,
  );
  log('Simulation ended');
  for (const host of energy.hosts) log(`energy of ${host.host}: ${j(host.joules)} J`);
  for (const host of energy.hosts) log(`Energy consumption of host ${host.host}: ${j(host.joules)} Joules`);
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
