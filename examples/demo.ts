// A one-minute tour: four VMs with busy workloads live-migrate at once across a small data center; one migration
// hits a destination that fails. Prints each migration and the log. Run with `npm start`.
import { formatG, type MigrationRecord, Simulation, simgridLogLine } from '../src/index.ts';

const sim = new Simulation({
  platform: {
    hosts: ['rack1-a', 'rack1-b', 'rack2-a', 'rack2-b', 'manager'].map((name) => ({ name, speed: '10Gf', cores: 4 })),
    links: [
      { name: 'rack1', bandwidth: '1.25GBps', latency: '50us' },
      { name: 'rack2', bandwidth: '1.25GBps', latency: '50us' },
      { name: 'core', bandwidth: '1GBps', latency: '200us' },
      { name: 'mgmt', bandwidth: '125MBps', latency: '100us' },
    ],
    routes: [
      { src: 'rack1-a', dst: 'rack1-b', links: ['rack1'] },
      { src: 'rack2-a', dst: 'rack2-b', links: ['rack2'] },
      ...['rack1-a', 'rack1-b'].flatMap((a) =>
        ['rack2-a', 'rack2-b'].map((b) => ({ src: a, dst: b, links: ['rack1', 'core', 'rack2'] })),
      ),
      ...['rack1-a', 'rack1-b', 'rack2-a', 'rack2-b'].map((h) => ({ src: 'manager', dst: h, links: ['mgmt', 'core'] })),
    ],
  },
});
sim.onLog((record) => console.log(simgridLogLine(record)));

const plan: [vm: string, from: string, to: string, dirty: number][] = [
  ['web-1', 'rack1-a', 'rack2-a', 10],
  ['web-2', 'rack1-a', 'rack2-b', 30],
  ['db-1', 'rack1-b', 'rack2-a', 60],
  ['cache-1', 'rack1-b', 'rack2-b', 20],
];
for (const [name, from, , dirty] of plan) {
  const vm = sim.createMigratableVm(from, name, {
    ramMiB: 4096,
    migrationSpeedMiBps: 250,
    dirtyIntensityPercent: dirty,
  });
  vm.start();
  sim.spawn(`${name}-app`, vm, (ctx) => ctx.execute(4e11));
}
for (const [name, , to] of plan) {
  sim.spawn(`migrate-${name}`, 'manager', async (ctx) => {
    await ctx.sleep(1);
    try {
      const record = await sim.migrate(name, to);
      ctx.log(
        `${name} -> ${to}: ${formatG(record.durationSec ?? 0)} s, downtime ${formatG((record.downtimeSec ?? 0) * 1000)} ms, ${record.rounds.length} rounds`,
      );
    } catch (error) {
      ctx.log(`${name}: ${(error as Error).message}`);
    }
  });
}
sim.at(5, () => sim.host('rack2-b').turnOff());
await sim.run();

console.log('\nmigration   from      to        outcome    duration (s)  downtime (ms)  rounds  bytes sent');
for (const m of sim.migrations as MigrationRecord[]) {
  console.log(
    `${m.vm.padEnd(11)} ${m.from.padEnd(9)} ${m.to.padEnd(9)} ${(m.outcome ?? '').padEnd(10)} ` +
      `${formatG(m.durationSec ?? 0).padStart(12)}  ${formatG((m.downtimeSec ?? 0) * 1000).padStart(13)}  ` +
      `${String(m.rounds.length).padStart(6)}  ${m.bytesSent}`,
  );
}
