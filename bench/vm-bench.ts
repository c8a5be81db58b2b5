// The scalable VM-migration benchmark of ../shared/reference/simgrid/bench (vm-bench.cpp), written with livemig's
// API: H hosts in one flat cluster, V migratable VMs with CPU-bound workers, M concurrent migrations. Writes
// PREFIX-platform.xml, PREFIX-migrations.csv and PREFIX-vms.csv with the same columns and %.9f formatting, and
// prints the same summary plus wall time and peak memory.
// Usage: npm run bench:vm -- H V M [PREFIX]
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
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
  const migs: { vm: string; src: string; dst: string; start: number; end: number }[] = [];
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
      `steps=${sim.engine.stepCount} setup=${(setupEnd - setupStart).toFixed(0)}ms run=${(performance.now() - setupEnd).toFixed(0)}ms`,
    );
  const f = (x: number) => formatFixed(x, 9);
  const migrationsCsv =
    'vm,src,dst,start,end,duration\n' +
    migs.map((m) => `${m.vm},${m.src},${m.dst},${f(m.start)},${f(m.end)},${f(m.end - m.start)}\n`).join('');
  const vmsCsv =
    'vm,work_end,final_pm\n' +
    machines.map((vm, i) => `${vm.name},${f(workEnd[i] as number)},${vm.pm.name}\n`).join('');
  const done = migs.filter((m) => m.end >= 0);
  const durations = done.map((m) => m.end - m.start);
  const sum = durations.reduce((a, b) => a + b, 0);
  const lines = [
    `H=${hosts} V=${vms} M=${migrations}`,
    `sim_end_time=${f(sim.now)}`,
    `migrations_completed=${done.length}/${migrations}`,
  ];
  if (done.length > 0) {
    lines.push(
      `mig_duration_min=${f(Math.min(...durations))} mean=${f(sum / done.length)} max=${f(Math.max(...durations))} sum=${f(sum)}`,
    );
  }
  const workMax = Math.max(...workEnd);
  const workMean = workEnd.reduce((a, b) => a + b, 0) / vms;
  lines.push(`work_end_max=${f(workMax)} work_end_mean=${f(workMean)}`);
  return { migrationsCsv, vmsCsv, summary: lines.join('\n') };
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
  const prefix = prefixArg ?? `out-${hosts}-${vms}-${migrations}`;
  const wall0 = performance.now();
  const platformFile = `${prefix}-platform.xml`;
  writeFileSync(platformFile, benchPlatformXml(hosts));
  const result = await runVmBench(hosts, vms, migrations, platformFile);
  writeFileSync(`${prefix}-migrations.csv`, result.migrationsCsv);
  writeFileSync(`${prefix}-vms.csv`, result.vmsCsv);
  const wall = (performance.now() - wall0) / 1000;
  console.log(result.summary);
  console.log(`wall_total_s=${wall.toFixed(3)}`);
  console.log(`peak_rss_kib=${Math.round(process.resourceUsage().maxRSS)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
