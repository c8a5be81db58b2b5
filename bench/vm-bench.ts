// The scalable VM-migration benchmark of ../shared/reference/simgrid/bench (vm-bench.cpp), written with livemig's
// API: H hosts in one flat cluster, V migratable VMs with CPU-bound workers, M concurrent migrations. Writes
// PREFIX-platform.xml, PREFIX-migrations.csv and PREFIX-vms.csv with the same columns and %.9f formatting, and
// prints the same summary plus wall time and peak memory.
// Usage: npm run bench:vm -- H V M [PREFIX]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { formatFixed, Simulation } from '../src/index.ts';

const WORK_FLOPS = 3e11;

export interface BenchResult {
  migrationsCsv: string;
  vmsCsv: string;
  summary: string;
}

export function benchPlatformXml(hosts: number): string {
  return (
    "<?xml version='1.0'?>\n" +
    '<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">\n' +
    '<platform version="4.1">\n' +
    `  <cluster id="bench" prefix="pm-" suffix="" radical="0-${hosts - 1}" speed="10Gf" core="4"\n` +
    '           bw="1.25GBps" lat="50us" bb_bw="10GBps" bb_lat="100us"/>\n' +
    '</platform>\n'
  );
}

interface MigrationRecord {
  vm: string;
  src: string;
  dst: string;
  start: number;
  end: number;
}

export async function runVmBench(
  hosts: number,
  vms: number,
  migrations: number,
  platformFile: string,
): Promise<BenchResult> {
  const setupStart = performance.now();
  const sim = new Simulation({ platform: platformFile });
  const pms = Array.from({ length: hosts }, (_, h) => sim.host(`pm-${h}`));
  const workEnd: number[] = new Array(vms).fill(-1);
  const machines = [];
  for (let i = 0; i < vms; i++) {
    const vm = sim.createMigratableVm(pms[i % hosts] as never, `vm-${i}`, {
      cores: 1,
      ramMiB: 1024,
      migrationSpeedMiBps: 125,
      dirtyIntensityPercent: 30,
    });
    vm.start();
    const flops = WORK_FLOPS * (1 + 0.25 * (i % 5));
    sim.spawn(`work-${i}`, vm, async (ctx) => {
      await ctx.execute(flops);
      workEnd[i] = ctx.now;
    });
    machines.push(vm);
  }
  const migs: MigrationRecord[] = [];
  for (let j = 0; j < migrations; j++) {
    const src = pms[j % hosts] as (typeof pms)[number];
    const dst = pms[((j % hosts) + Math.floor(hosts / 2)) % hosts] as (typeof pms)[number];
    const vm = machines[j] as (typeof machines)[number];
    const record = { vm: vm.name, src: src.name, dst: dst.name, start: -1, end: -1 };
    migs.push(record);
    const start = 1 + 2 * (j % 4);
    sim.spawn(`mig-${j}`, src, async (ctx) => {
      await ctx.sleep(start);
      record.start = ctx.now;
      await vm.migrate(dst);
      record.end = ctx.now;
    });
  }
  const setupEnd = performance.now();
  await sim.run();
  if (process.env.LIVEMIG_BENCH_STEPS)
    console.error(
      `steps=${sim.stepCount} setup=${(setupEnd - setupStart).toFixed(0)}ms run=${(performance.now() - setupEnd).toFixed(0)}ms`,
    );
  const vmRows = machines.map((vm, i) => `${vm.name},${f9(workEnd[i] as number)},${vm.pm.name}\n`);
  return {
    migrationsCsv: `vm,src,dst,start,end,duration\n${migs.map(migrationRow).join('')}`,
    vmsCsv: `vm,work_end,final_pm\n${vmRows.join('')}`,
    summary: summaryLines(hosts, vms, migrations, sim.now, migs, workEnd).join('\n'),
  };
}

const f9 = (x: number) => formatFixed(x, 9);

function migrationRow(m: MigrationRecord): string {
  return `${m.vm},${m.src},${m.dst},${f9(m.start)},${f9(m.end)},${f9(m.end - m.start)}\n`;
}

/** SimGrid's vm-bench summary: the size, the end date, migration durations and when the work ended. */
function summaryLines(
  hosts: number,
  vms: number,
  migrations: number,
  end: number,
  migs: readonly MigrationRecord[],
  workEnd: readonly number[],
): string[] {
  const done = migs.filter((m) => m.end >= 0);
  const durations = done.map((m) => m.end - m.start);
  const sum = durations.reduce((a, b) => a + b, 0);
  const lines = [`H=${hosts} V=${vms} M=${migrations}`, `sim_end_time=${f9(end)}`];
  lines.push(`migrations_completed=${done.length}/${migrations}`);
  if (done.length > 0) {
    const min = durations.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const max = durations.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    lines.push(`mig_duration_min=${f9(min)} mean=${f9(sum / done.length)} max=${f9(max)} sum=${f9(sum)}`);
  }
  // No spread: half a million arguments overflow the stack.
  const workMax = workEnd.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const workMean = workEnd.reduce((a, b) => a + b, 0) / vms;
  lines.push(`work_end_max=${f9(workMax)} work_end_mean=${f9(workMean)}`);
  return lines;
}

async function main(): Promise<void> {
  const [h, v, m, prefixArg] = process.argv.slice(2);
  const hosts = Number(h);
  const vms = Number(v);
  const migrations = Number(m);
  if (!(hosts >= 2 && vms >= 1 && migrations >= 0 && migrations <= vms)) {
    console.error('Usage: npm run bench:vm -- H V M [PREFIX]   (need H >= 2, V >= 1, 0 <= M <= V)');
    process.exit(2);
  }
  const flags = heapFlags(vms);
  if (flags.length > 0) {
    // Run again in a Node with these heap sizes (the run measured is the child's; /usr/bin/time counts both).
    const child = spawnSync(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, LIVEMIG_BENCH_HEAP_SIZED: '1' },
    });
    process.exit(child.status ?? 1);
  }
  const prefix = prefixArg ?? `out-${hosts}-${vms}-${migrations}`;
  const gc = gcPauses();
  const wall0 = performance.now();
  const platformFile = `${prefix}-platform.xml`;
  writeFileSync(platformFile, benchPlatformXml(hosts));
  const result = await runVmBench(hosts, vms, migrations, platformFile);
  writeFileSync(`${prefix}-migrations.csv`, result.migrationsCsv);
  writeFileSync(`${prefix}-vms.csv`, result.vmsCsv);
  const wall = (performance.now() - wall0) / 1000;
  const gcSec = (await gc()) / 1000;
  console.log(result.summary);
  console.log(`wall_total_s=${wall.toFixed(3)}`);
  console.log(`gc_s=${gcSec.toFixed(3)} gc_share=${((100 * gcSec) / wall).toFixed(1)}%`);
  console.log(`peak_rss_kib=${Math.round(process.resourceUsage().maxRSS)}`);
}

/** Starts summing the garbage collector's pauses (V8's gc entries); the function returns the total so far (ms). */
function gcPauses(): () => Promise<number> {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return async () => {
    await new Promise((done) => setImmediate(done));
    for (const entry of observer.takeRecords()) total += entry.duration;
    observer.disconnect();
    return total;
  };
}

/** V8 flags this size should run with ([] when none or when already sized), as the CLI chooses them (bin/heap.js):
 * about 20 KiB of heap per VM (the (100000, 500000, 100000) run peaks at 9.0 GB); when that would pass 60 % of this
 * process's heap limit (V8's default, about 4 GiB), an old space of three quarters of the machine's memory and
 * young-generation semi-spaces of 32 MiB (V8's default is 16: fewer scavenges for a little more memory,
 * docs/performance.md). */
function heapFlags(vms: number): string[] {
  if (process.env.LIVEMIG_BENCH_HEAP_SIZED === '1') return [];
  if (vms * 20 * 1024 <= 0.6 * getHeapStatistics().heap_size_limit) return [];
  return [`--max-old-space-size=${Math.floor((0.75 * totalmem()) / 2 ** 20)}`, '--max-semi-space-size=32'];
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
