// SimGrid 3.32 teshsuite/s4u/vm-live-migration (CM02 network, energy plugin): an execution of 3e9 flops starts in
// a VM on host1 (1 Gf), its actor sleeps 3 s before waiting for it, while the VM migrates to host2 (2 Gf) in 1 s.
// The execution keeps host1's speed as bound after the move, so it ends at 3 s; host2 is busy from 1 s to 3 s.
import { formatExponential, Simulation } from '../../src/index.ts';
import { energyLines, longLine, platform } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('vm-live-migration-platform.xml'), network: 'CM02' });
  const lines = ["[0.000000] [xbt_cfg/INFO] Configuration change: Set 'network/model' to 'CM02'"];
  sim.onLog((record) => lines.push(longLine(record, 'example')));
  const pm = sim.host('host1');
  const vm = sim.createVm(pm, 'VM0', { cores: 1, ramBytes: 1250000000 });
  vm.start();
  sim.spawn('executor', vm, async (ctx) => {
    const exec = ctx.execAsync(3e9);
    await ctx.sleep(3);
    await exec.wait();
    const speed = (x: number) => formatExponential(x, 0);
    ctx.log(
      `Task done. It's running on ${vm.name}@${vm.pm.name} that runs at ${speed(vm.cpu.speed)}f/s. ` +
        `host2 runs at ${speed(sim.host('host2').speedFlops)}f/s`,
    );
  });
  sim.spawn('migration', pm, async (ctx) => {
    ctx.log(`${vm.name} migration started`);
    const old = vm.pm;
    await vm.migrate(sim.host('host2'));
    ctx.log(`VM '${vm.name}' migrated from '${old.name}' to '${vm.pm.name}'`);
  });
  await sim.run();
  lines.push(...energyLines(sim));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
