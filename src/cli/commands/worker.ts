// `livemig worker redis://HOST:PORT [--concurrency N]`: takes sweep runs from the Redis queue until stopped
// (Ctrl-C or SIGTERM finishes the current runs first).
import { InputError, redisConnection, startQueueWorker } from '../../index.ts';
import { type FlagSpec, numberFlag, parseArgs, usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';

const FLAGS: Record<string, FlagSpec> = {
  concurrency: { value: true, description: 'runs at once (default: the number of cores)' },
  quiet: { value: false, description: 'no line per run' },
  'lock-duration': { value: true, description: "seconds a run's lock lasts without renewal (default 10)" },
};

export const workerCommand: Command = {
  name: 'worker',
  summary: 'take sweep runs from a Redis queue (livemig sweep --queue) and compute them',
  usage: [
    'Usage: livemig worker redis://HOST:PORT [--concurrency N] [--lock-duration S] [--quiet]',
    '',
    '  --concurrency N  runs at once, on worker threads (default: the number of cores)',
    '  --quiet          no line per run',
    "  --lock-duration S  seconds a run's lock lasts unrenewed (default 10): a killed worker's runs return after it",
    '',
    'Runs until stopped; Ctrl-C or SIGTERM lets the current runs finish. A worker killed mid-run loses nothing: its',
    'runs go back to the queue after their lock expires (docs/campaigns.md).',
  ].join('\n'),
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, FLAGS, 'worker');
    const [url, ...extra] = args.positionals;
    if (url === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig worker":', [
        usageIssue('give the Redis address', 'livemig worker redis://127.0.0.1:6379'),
      ]);
    }
    redisConnection(url);
    const concurrency = numberFlag(args, 'concurrency');
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
      throw new InputError('Bad arguments for "livemig worker":', [
        usageIssue(`--concurrency must be a whole number ≥ 1, not ${concurrency}`, 'e.g. --concurrency 2'),
      ]);
    }
    const quiet = args.flags.has('quiet');
    const lockSec = numberFlag(args, 'lock-duration');
    const worker = startQueueWorker(url, {
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(lockSec === undefined ? {} : { lockDurationMs: Math.max(1000, lockSec * 1000) }),
      onRun: (run, state) => {
        if (!quiet) io.out(`${state === 'started' ? 'run' : 'done'} ${run}`);
      },
    });
    io.out(`livemig worker: taking runs from ${url}`);
    await new Promise<void>((resolveStop) => {
      const stop = () => resolveStop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await worker.close();
    return 0;
  },
};
