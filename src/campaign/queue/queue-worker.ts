// A queue worker (`livemig worker redis://…`): takes runs from the queue and computes them on worker threads, so that
// its event loop stays free to renew the jobs' locks. A worker killed mid-run holds a lock that expires: BullMQ's
// stalled-job check gives the run back to the queue, and another worker runs it.
import { Worker } from 'bullmq';
import { threadExecutor } from '../executors.ts';
import type { RunRecord } from '../run-job.ts';
import { unpack } from './bundle.ts';
import { QUEUE_NAME, redisConnection } from './connection.ts';
import type { QueuedRun } from './queue-executor.ts';

export interface QueueWorkerOptions {
  /** Runs at once (default: the number of cores). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal, ms (default 10 s): a killed worker's runs return after this. */
  lockDurationMs?: number;
  onRun?: (run: string, state: 'started' | 'finished') => void;
}

export interface QueueWorker {
  /** Stops taking runs and waits for the current ones. */
  close(): Promise<void>;
}

export function startQueueWorker(url: string, options: QueueWorkerOptions = {}): QueueWorker {
  const executor = threadExecutor(options.concurrency);
  const lockDuration = options.lockDurationMs ?? 10_000;
  const worker = new Worker<QueuedRun, RunRecord>(
    QUEUE_NAME,
    async (queued) => {
      const { job, cleanUp } = unpack(queued.data.job, queued.data.files);
      options.onRun?.(job.run, 'started');
      try {
        const record = await executor.run(job);
        options.onRun?.(job.run, 'finished');
        return record;
      } finally {
        cleanUp();
      }
    },
    {
      connection: redisConnection(url),
      concurrency: executor.concurrency,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: 5,
    },
  );
  return {
    async close() {
      await worker.close();
      await executor.close();
    },
  };
}
