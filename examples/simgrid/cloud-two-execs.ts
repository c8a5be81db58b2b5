// SimGrid 3.32 teshsuite/s4u/cloud-two-execs: an actor in a VM on Fafard executes 1e9 flops, sleeps 1 s, then
// executes 1e10 flops, while an actor on the PM prints every second the flops left of the current execution.
import { type ExecHandle, formatG, Simulation } from '../../src/index.ts';
import { longLine, platform } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('small_platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(longLine(record, 's4u_test')));
  let current: ExecHandle | undefined;

  sim.spawn('master_', 'Fafard', async (ctx) => {
    const vm = sim.createVm(sim.host('Fafard'), 'VM0', { cores: 1 });
    vm.start();
    ctx.spawn('compute', vm, async (c) => {
      const where = `${c.host.name}:${c.name}`;
      let start = c.now;
      c.log(`${where} Exec 1 start ${formatG(start)}`);
      current = c.execAsync(1e9);
      await current.wait();
      c.log(`${where} Exec 1 complete ${formatG(c.now - start)}`);
      current = undefined;
      await c.sleep(1);
      start = c.now;
      c.log(`${where} Exec 2 start ${formatG(start)}`);
      current = c.execAsync(1e10);
      await current.wait();
      c.log(`${where} Exec 2 complete ${formatG(c.now - start)}`);
    });
    while (ctx.now < 100) {
      if (current !== undefined) ctx.log(`exec remaining duration: ${formatG(current.remaining)}`);
      await ctx.sleep(1);
    }
    await ctx.sleep(10000);
    vm.destroy();
  });
  await sim.run();
  const bye = `Bye (simulation time ${formatG(sim.now)})`;
  lines.push(longLine({ time: sim.now, pid: 0, actor: 'maestro', host: '', message: bye }, 's4u_test'));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
