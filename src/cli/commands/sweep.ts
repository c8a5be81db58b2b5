// `livemig sweep <sweep.yaml> --out DIR`: runs every (combination, seed) of a sweep file, on worker threads or a
// Redis queue, with a progress bar; resumable (the journal in DIR); --status tells how far a sweep is.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  InputError,
  inlineExecutor,
  Journal,
  loadSweep,
  planSweep,
  queueExecutor,
  queueStatus,
  type RunExecutor,
  runSweep,
  threadExecutor,
} from '../../index.ts';
import { type FlagSpecs, numberFlag, type ParsedArgs, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';
import { SweepProgressBar } from './sweep-progress.ts';

const FLAGS: FlagSpecs = {
  out: {
    value: true,
    short: 'o',
    valueName: 'DIR',
    description: 'where to write runs.csv, summary.csv, summary.html and the journal (required)',
  },
  workers: {
    value: true,
    short: 'w',
    valueName: 'N',
    description: 'worker threads (default: the number of cores; 1 runs in this thread)',
  },
  queue: {
    value: true,
    valueName: 'URL',
    description: 'put the runs on a BullMQ queue in Redis (redis://HOST:PORT); "livemig worker URL" runs them',
  },
  'keep-reports': { value: false, description: "write each run's report folder under DIR/runs/<run>/" },
  quiet: { value: false, short: 'q', description: 'no progress bar' },
  status: {
    value: false,
    description: 'how many runs are done, failed (and waiting, active on the queue); runs nothing',
  },
};

export const sweepCommand: Command = {
  arguments: '<sweep.yaml>',
  flags: FLAGS,
  notes: ['Running the same command again skips the runs already done (docs/campaigns.md).'],
  examples: ['npx livemig sweep sweep.yaml -o out/sweep', 'npx livemig sweep sweep.yaml -o out/sweep --status'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    const [file, ...extra] = args.positionals;
    const out = args.flags.get('out');
    if (file === undefined || extra.length > 0 || typeof out !== 'string') {
      throw new InputError('Bad arguments for "livemig sweep":', [
        usageIssue('give one sweep file and --out DIR', 'livemig sweep sweep.yaml --out out/sweep'),
      ]);
    }
    const workers = numberFlag(args, 'workers');
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
      throw new InputError('Bad arguments for "livemig sweep":', [
        usageIssue(`--workers must be a whole number ≥ 1, not ${workers}`, 'e.g. --workers 2'),
      ]);
    }
    const queue = args.flags.get('queue');
    const queueUrl = typeof queue === 'string' ? queue : undefined;
    const outDir = resolve(io.cwd, out);
    const plan = planSweep(loadSweep(resolve(io.cwd, file)), { keepReports: args.flags.has('keep-reports') });
    if (args.flags.has('status')) return status(plan.jobs, outDir, queueUrl, io);
    const executor = makeExecutor(workers ?? availableParallelism(), queueUrl);
    const bar = args.flags.has('quiet') ? undefined : new SweepProgressBar(io);
    try {
      const result = await runSweep(plan, {
        outDir,
        executor,
        keepReports: args.flags.has('keep-reports'),
        ...(bar === undefined ? {} : { onProgress: (p) => bar.update(p) }),
      });
      bar?.finish();
      const failed = result.records.filter((r) => r.error !== undefined).length;
      io.out(
        `Sweep of ${plan.jobs.length} runs (${plan.combinations.length} combination(s) × ${plan.spec.seeds.length} ` +
          `seed(s)): ran ${result.ran}, ${result.skipped} already done, ${failed} failed.`,
      );
      io.out(`Wrote ${result.files.join(', ')} to ${outDir}; open ${resolve(outDir, 'summary.html')}`);
      return 0;
    } finally {
      bar?.finish();
      await executor.close();
    }
  },
};

function makeExecutor(workers: number, queueUrl: string | undefined): RunExecutor {
  if (queueUrl !== undefined) return queueExecutor(queueUrl);
  return workers === 1 ? inlineExecutor() : threadExecutor(workers);
}

async function status(
  jobs: readonly { run: string }[],
  outDir: string,
  queueUrl: string | undefined,
  io: Io,
): Promise<number> {
  const journal = new Journal(outDir);
  const done = jobs.filter((job) => journal.done.has(job.run));
  const failed = done.filter((job) => journal.done.get(job.run)?.error !== undefined).length;
  io.out(`${jobs.length} runs: ${done.length} done (${failed} failed), ${jobs.length - done.length} to go.`);
  if (queueUrl !== undefined) {
    const counts = await queueStatus(queueUrl);
    io.out(
      `Queue ${queueUrl}: ${counts.waiting} waiting, ${counts.active} active, ${counts.completed} done, ` +
        `${counts.failed} failed.`,
    );
  }
  return 0;
}
