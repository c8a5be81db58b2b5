// The speed-up of a sweep from one worker thread to two: the 8 runs of bench/campaign/sweep.yaml (each about
// 1.5 s of CPU), on a pool of 1 then 2 warmed-up threads (each has loaded livemig), checking that both
// wrote the same runs.csv. Usage: npm run bench:campaign [-- --quick] (--quick: 4 runs, nothing recorded).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSweep, planSweep, runSweep, threadExecutor } from '../src/index.ts';
import { collector, recordSection } from './record.ts';

const quick = process.argv.includes('--quick');
const plan = planSweep(loadSweep(resolve(import.meta.dirname, 'campaign/sweep.yaml')));
if (quick) plan.jobs.splice(4);
const out = collector();
out.print(`livemig campaign benchmark: ${plan.jobs.length} runs of bench/campaign/base.yaml, ${cpus().length} cores`);
out.print('workers   wall time   CPU time   runs/s   speed-up');
const results: { workers: number; seconds: number; csv: string }[] = [];
for (const workers of [1, 2]) {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-bench-campaign-'));
  const executor = threadExecutor(workers);
  // Warm-up: every thread loads livemig once (start-up is not what the speed-up is about).
  const first = plan.jobs[0];
  if (first !== undefined) await Promise.all(Array.from({ length: workers }, () => executor.run(first)));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await runSweep(plan, { outDir: dir, executor });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await executor.close();
  results.push({ workers, seconds, csv: readFileSync(join(dir, 'runs.csv'), 'utf8') });
  rmSync(dir, { recursive: true, force: true });
  const speedUp = (results[0]?.seconds ?? seconds) / seconds;
  out.print(
    `${String(workers).padStart(7)}   ${seconds.toFixed(2).padStart(8)} s   ${cpuSeconds.toFixed(2).padStart(7)} s   ` +
      `${(plan.jobs.length / seconds).toFixed(2).padStart(6)}   ${speedUp.toFixed(2).padStart(7)}×`,
  );
}
if (results[0]?.csv !== results[1]?.csv) throw new Error('1 and 2 workers wrote different runs.csv');
out.print(`runs.csv identical with 1 and 2 workers; load average ${loadavg()[0]?.toFixed(2)} at the end`);
if (!quick) recordSection('campaign', 'npm run bench:campaign', out.lines);
