// Cost of each migration algorithm: wall time per migration when many migrate at once on a cluster, with the
// simulated results beside it. Usage: npm run bench:algorithms [-- --migrations N]
// With the default 200 migrations, the table is recorded in docs/performance.md.
import { performance } from 'node:perf_hooks';
import { type DirtyModelSpec, formatG, Simulation } from '../src/index.ts';
import { collector, recordSection } from './record.ts';

const MiB = 2 ** 20;
const at = process.argv.indexOf('--migrations');
const count = at >= 0 ? Number(process.argv[at + 1]) : 200;

function platform(hosts: number) {
  return {
    hosts: [],
    links: [],
    routes: [],
    clusters: [
      {
        id: 'c',
        prefix: 'pm-',
        suffix: '',
        radical: `0-${hosts - 1}`,
        speed: '10Gf',
        core: 4,
        bw: '1.25GBps',
        lat: '50us',
        bb_bw: '10GBps',
        bb_lat: '100us',
      },
    ],
  };
}

async function run(algorithm: string): Promise<{ wall: number; durations: number[]; downtimes: number[] }> {
  const hosts = Math.max(4, count);
  const sim = new Simulation({ platform: platform(hosts) });
  const dirty: DirtyModelSpec =
    algorithm === 'simgrid-precopy'
      ? { kind: 'flops' }
      : { kind: 'rate', rateBytesPerSec: 40 * MiB, workingSetBytes: 256 * MiB };
  const durations: number[] = [];
  const downtimes: number[] = [];
  for (let i = 0; i < count; i++) {
    const vm = sim.createMigratableVm(`pm-${i}`, `vm-${i}`, {
      ramMiB: 1024,
      migrationSpeedMiBps: 125,
      dirtyIntensityPercent: 30,
    });
    vm.dirtyModel = dirty;
    vm.start();
    sim.spawn(`work-${i}`, vm, (ctx) => ctx.execute(3e11));
    sim.spawn(`mig-${i}`, `pm-${i}`, async (ctx) => {
      await ctx.sleep(1 + (i % 4));
      const record = await vm.migrate(sim.host(`pm-${(i + Math.floor(hosts / 2)) % hosts}`), { algorithm });
      durations.push(record.durationSec as number);
      downtimes.push(record.downtimeSec as number);
    });
  }
  const start = performance.now();
  await sim.run();
  return { wall: (performance.now() - start) / 1000, durations, downtimes };
}

const out = collector();
out.print(`${count} concurrent migrations of 1 GiB busy VMs on a ${Math.max(4, count)}-host cluster`);
out.print('algorithm         wall (s)  wall/migration (ms)  mean duration (s)  mean downtime (ms)');
for (const algorithm of ['simgrid-precopy', 'precopy', 'mplm', 'postcopy', 'hybrid', 'stop-and-copy']) {
  const { wall, durations, downtimes } = await run(algorithm);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  out.print(
    `${algorithm.padEnd(16)}  ${wall.toFixed(2).padStart(8)}  ${((wall / count) * 1000).toFixed(2).padStart(19)}  ` +
      `${formatG(mean(durations)).padStart(17)}  ${formatG(mean(downtimes) * 1000).padStart(18)}`,
  );
}
if (at < 0) recordSection('algorithms', 'npm run bench:algorithms', out.lines);
