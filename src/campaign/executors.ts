// Where a sweep's runs are computed: in this thread one at a time, or in a pool of worker threads. Worker threads
// load the worker file next to this module: TypeScript sources (under tsx, registered in the worker) in
// development, compiled JavaScript when installed.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { type RunJob, type RunRecord, runJob } from './run-job.ts';

/** Runs jobs; `concurrency` of them at once at most. */
export interface RunExecutor {
  readonly concurrency: number;
  run(job: RunJob): Promise<RunRecord>;
  close(): Promise<void>;
}

/** Runs jobs one at a time in this thread. */
export function inlineExecutor(): RunExecutor {
  return { concurrency: 1, run: runJob, close: async () => {} };
}

/** Runs jobs on `workers` worker threads (default: the number of cores). */
export function threadExecutor(workers = availableParallelism()): RunExecutor {
  const here = import.meta.url;
  const extension = here.endsWith('.ts') ? '.ts' : '.js';
  const filename = fileURLToPath(new URL(`./run-worker${extension}`, here));
  const execArgv = extension === '.ts' ? ['--import', import.meta.resolve('tsx')] : [];
  // The worker-pool library is loaded with the first run: importing the library (as every command does) does not.
  let pool: Promise<Piscina> | undefined;
  const started = () => {
    pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({ filename, minThreads: workers, maxThreads: workers, execArgv, idleTimeout: 60_000 }),
    );
    return pool;
  };
  return {
    concurrency: workers,
    run: async (job) => (await started()).run(job) as Promise<RunRecord>,
    close: async () => {
      if (pool !== undefined) await (await pool).destroy();
    },
  };
}
