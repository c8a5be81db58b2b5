// `livemig worker redis://HOST:PORT [--concurrency N]`: takes sweep runs from the Redis queue until stopped
// (Ctrl-C or SIGTERM finishes the current runs first).
import { InputError, redisConnection, startQueueWorker } from '../../index.ts';
import { type FlagSpecs, numberFlag, type ParsedArgs, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';

const FLAGS: FlagSpecs = {
  concurrency: {
    value: true,
    short: 'c',
    valueName: 'N',
    description: 'runs at once, on worker threads (default: the number of cores)',
  },
  quiet: { value: false, short: 'q', description: 'no line per run' },
  'lock-duration': {
    value: true,
    valueName: 'S',
    description: "seconds a run's lock lasts unrenewed (default 10): a killed worker's runs return after it",
  },
};

export const workerCommand: Command = {
  arguments: 'redis://HOST:PORT',
  flags: FLAGS,
  notes: [
    'Runs until stopped; Ctrl-C or SIGTERM lets the current runs finish. A worker killed mid-run loses nothing: its',
    'runs go back to the queue after their lock expires (docs/campaigns.md).',
  ],
  examples: ['npx livemig worker redis://127.0.0.1:6379 --concurrency 2'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
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
