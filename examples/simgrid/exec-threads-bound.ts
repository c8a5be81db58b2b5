// livemig's side of peer/exec-threads-bound.cpp (SimGrid 3.32): a bound or a priority applies to a single-thread
// execution only; an execution of several threads ignores both.
import { type ExecutionOptions, Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('peer-platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const job = (host: string, name: string, start: number, flops: number, options: ExecutionOptions, label: string) =>
    sim.spawn(name, host, async (ctx) => {
      if (start > 0) await ctx.sleep(start);
      await ctx.execute(flops, options);
      ctx.log(`${label} done`);
    });
  job('D', 'two-threads', 0, 1e9, { cores: 2, boundFlopsPerSec: 2e8 }, '2 threads, bound 2e8');
  job('D', 'one-thread', 0, 1e8, { cores: 1, boundFlopsPerSec: 2e8 }, '1 thread, bound 2e8');
  job('A', 'prio-threads', 10, 1e9, { cores: 2, priority: 4 }, '2 threads, priority 4');
  job('A', 'prio-single', 10, 1e9, { priority: 1 }, '1 thread, priority 1');
  job('A', 'prio-single-2', 10, 1e9, { priority: 3 }, '1 thread, priority 3');
  await sim.run();
  sim.log('Simulation ended');
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
