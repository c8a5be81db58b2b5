// SimGrid 3.32 examples/cpp/cloud-migration: a 1e9-byte then a 1e8-byte VM migrated Fafard → Tremblay, then two
// VMs migrated at once to the same host, then to two different hosts (one migrating actor each).
import { type ActorContext, formatG, type Host, Simulation, type VirtualMachine } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('small_platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));

  async function migrate(ctx: ActorContext, vm: VirtualMachine, destination: Host): Promise<void> {
    const source = vm.pm;
    const start = ctx.now;
    await vm.migrate(destination);
    ctx.log(`${vm.name} migrated: ${source.name}->${destination.name} in ${formatG(ctx.now - start)} s`);
  }

  sim.spawn('master_', 'Fafard', async (ctx) => {
    const [pm0, pm1, pm2] = ['Fafard', 'Tremblay', 'Bourassa'].map((name) => sim.host(name)) as [Host, Host, Host];
    for (const ram of [1e9, 1e8]) {
      const vm = sim.createVm(pm0, 'VM0', { ramBytes: ram });
      vm.start();
      ctx.log(`Test: Migrate a VM with ${vm.ramBytes / 1000 / 1000} Mbytes RAM`);
      await migrate(ctx, vm, pm1);
      vm.destroy();
    }
    const tests: [string, Host, Host][] = [
      ['Test: Migrate two VMs at once from PM0 to PM1', pm1, pm1],
      ['Test: Migrate two VMs at once to different PMs', pm1, pm2],
    ];
    for (const [title, to0, to1] of tests) {
      const vm0 = sim.createVm(pm0, 'VM0', { ramBytes: 1e9 });
      const vm1 = sim.createVm(pm0, 'VM1', { ramBytes: 1e9 });
      vm0.start();
      vm1.start();
      ctx.log(title);
      ctx.spawn('mig_wrk', ctx.host, (c) => migrate(c, vm0, to0));
      ctx.spawn('mig_wrk', ctx.host, (c) => migrate(c, vm1, to1));
      await ctx.sleep(10000);
      vm0.destroy();
      vm1.destroy();
    }
  });
  await sim.run();
  lines.push(
    shortLine({
      time: sim.now,
      pid: 0,
      actor: 'maestro',
      host: '',
      message: `Bye (simulation time ${formatG(sim.now)})`,
    }),
  );
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
