// The tour of the README, runnable: `npx tsx examples/tour.ts`.
import { Simulation, simgridLogLine } from '../src/index.ts';

const sim = new Simulation({ platform: 'examples/simgrid/platforms/small_platform.xml' }); // LV08 by default
sim.onLog((record) => console.log(simgridLogLine(record)));

const vm = sim.createMigratableVm('Fafard', 'VM0', {
  ramMiB: 1024,
  migrationSpeedMiBps: 100,
  dirtyIntensityPercent: 30,
});
vm.start();
sim.spawn('app', vm, (ctx) => ctx.execute(5e10)); // an actor inside the VM keeps dirtying memory
sim.spawn('operator', 'Tremblay', async (ctx) => {
  await ctx.sleep(1);
  const record = await vm.migrate(sim.host('Jupiter')); // SimGrid's pre-copy; the caller waits
  ctx.log(`done in ${record.durationSec} s, downtime ${record.downtimeSec} s, ${record.rounds.length} rounds`);
});
sim.at(100, () => sim.host('Bourassa').turnOff()); // an event outside any actor
await sim.run();
