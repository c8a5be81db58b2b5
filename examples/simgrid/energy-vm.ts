// SimGrid 3.32 examples/cpp/energy-vm (energy plugin): two 300-Mflop workers per host, both in a 1-vCPU VM on the
// 4-core MyHost1, one in a VM and one on the PM on MyHost2, both on the PM on MyHost3; checks that a VM's work is
// charged to its PM, so that MyHost2 and MyHost3 consume the same energy.
import { type ActorContext, formatFixed, type Host, Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('energy_platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const maestro = (message: string) =>
    lines.push(shortLine({ time: sim.now, pid: 0, actor: 'maestro', host: '', message }));

  async function worker(ctx: ActorContext): Promise<void> {
    await ctx.execute(300e6);
    ctx.log('This worker is done.');
  }

  sim.spawn('dvfs', 'MyHost1', async (ctx) => {
    const [host1, host2, host3] = ['MyHost1', 'MyHost2', 'MyHost3'].map((name) => sim.host(name)) as [Host, Host, Host];
    ctx.log('Creating and starting two VMs');
    const vm1 = sim.createVm(host1, 'vm_host1', { cores: 1 });
    vm1.start();
    const vm2 = sim.createVm(host2, 'vm_host2', { cores: 1 });
    vm2.start();
    ctx.log('Create two activities on Host1: both inside a VM');
    ctx.spawn('p11', vm1, worker);
    ctx.spawn('p12', vm1, worker);
    ctx.log('Create two activities on Host2: one inside a VM, the other directly on the host');
    ctx.spawn('p21', vm2, worker);
    ctx.spawn('p22', host2, worker);
    ctx.log('Create two activities on Host3: both directly on the host');
    ctx.spawn('p31', host3, worker);
    ctx.spawn('p32', host3, worker);
    ctx.log(
      'Wait 5 seconds. The activities are still running (they run for 3 seconds, but 2 activities are co-located, ' +
        'so they run for 6 seconds)',
    );
    await ctx.sleep(5);
    ctx.log('Wait another 5 seconds. The activities stop at some point in between');
    await ctx.sleep(5);
    vm1.destroy();
    vm2.destroy();
  });
  await sim.run();

  const energy = sim.energy.summary();
  const j = (x: number) => formatFixed(x, 6);
  maestro(
    `Total energy consumption: ${j(energy.totalJoules)} Joules (used hosts: ${j(energy.usedHostsJoules)} Joules; ` +
      `unused/idle hosts: ${j(energy.totalJoules - energy.usedHostsJoules)})`,
  );
  maestro(
    `Total simulation time: ${formatFixed(sim.now, 2)}; Host2 and Host3 must have the exact same energy consumption; ` +
      'Host1 is multi-core and will differ.',
  );
  for (const host of energy.hosts) maestro(`Energy consumption of host ${host.host}: ${j(host.joules)} Joules`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
