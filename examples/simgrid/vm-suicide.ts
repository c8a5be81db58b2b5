// SimGrid 3.32 teshsuite/s4u/vm-suicide (SimGrid issue 322): a 4-vCPU VM running 4 endless executions is destroyed
// by the master from outside, then a second one is destroyed by the actor running inside it; the status listings
// (host and VM loads, actors) show that both VMs are gone and their load with them.
import { type ActorContext, formatFixed, type Host, type SimHost, Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('small_platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));

  function printStatus(ctx: ActorContext, hosts: readonly Host[]): void {
    const actors = (place: SimHost) => {
      for (const actor of sim.actorsOn(place)) ctx.log(`++ actor: ${actor.name}`);
    };
    ctx.log('---- HOSTS and VMS STATUS ----');
    ctx.log('--- HOSTS ---');
    for (const host of hosts) {
      ctx.log(`+ Name:${host.name} Load:${formatFixed(host.loadFlops, 6)}`);
      actors(host);
    }
    ctx.log('--- VMS ---');
    for (const vm of [...sim.vms.all].sort((a, b) => compareNames(a.name, b.name))) {
      ctx.log(`+ Name:${vm.name} Host:${vm.pm.name} Load:${formatFixed(vm.loadFlops, 6)} State: ${vm.simgridState}`);
      actors(vm);
    }
    ctx.log('------------------------------');
  }

  async function lifeCycleManager(ctx: ActorContext): Promise<void> {
    const vm = sim.vm(ctx.host.name);
    for (let core = 0; core < vm.cores; core++) ctx.execAsync(Number.MAX_VALUE);
    await ctx.sleep(50);
    ctx.log("I'm done sleeping, time to kill myself");
    vm.destroy();
  }

  // SimGrid lists hosts by name: the first three of small_platform are Boivin, Bourassa and Fafard.
  const hosts = [...sim.hosts].sort((a, b) => compareNames(a.name, b.name)).slice(0, 3);
  sim.spawn('test_master', hosts[0] as Host, async (ctx) => {
    for (let i = 1; i <= 2; i++) {
      const vm = sim.createVm(hosts[i] as Host, 'test_vm', { cores: 4 });
      vm.start();
      ctx.spawn(`life_cycle_manager-${i}`, vm, lifeCycleManager);
      await ctx.sleep(10);
      printStatus(ctx, hosts);
      await ctx.sleep(30);
      if (i === 1) {
        ctx.log('Time to kill VM from master');
        vm.destroy();
      }
      await ctx.sleep(20);
      printStatus(ctx, hosts);
    }
  });
  await sim.run();
  return lines;
}

const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
