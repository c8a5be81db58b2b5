// Runs a sweep's jobs through a BullMQ queue in Redis: each run is a job whose id is the run id (so a run is queued
// once, and a finished one is not run again), carrying the scenario and its files; `livemig worker` processes take
// them. The sweep waits for each job's result and records it in its journal.
import { type Job, Queue, QueueEvents } from 'bullmq';
import { LivemigError } from '../../core/index.ts';
import type { RunExecutor } from '../executors.ts';
import type { RunJob, RunRecord } from '../run-job.ts';
import { bundleFiles, type FileBundle } from './bundle.ts';
import { QUEUE_NAME, redisConnection } from './connection.ts';

/** What a queue job carries. */
export interface QueuedRun {
  job: RunJob;
  files: FileBundle;
}

export function queueExecutor(url: string): RunExecutor {
  const connection = redisConnection(url);
  const queue = new Queue<QueuedRun, RunRecord>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  // Every run waits on these at once.
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  return {
    concurrency: Number.POSITIVE_INFINITY,
    async run(job: RunJob): Promise<RunRecord> {
      let queued: Job<QueuedRun, RunRecord> | undefined = await queue.getJob(job.run);
      if (queued !== undefined && (await queued.isFailed())) await queued.retry();
      if (queued === undefined) {
        queued = await queue.add(
          'run',
          { job, files: bundleFiles(job) },
          { jobId: job.run, attempts: 3, removeOnComplete: false, removeOnFail: false },
        );
      }
      try {
        const result: unknown = await queued.waitUntilFinished(events);
        return (typeof result === 'string' ? JSON.parse(result) : result) as RunRecord;
      } catch (error) {
        throw new LivemigError('internal', `Run ${job.run} failed on the queue: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
    async close() {
      await events.close();
      await queue.close();
    },
  };
}

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

/** How many runs of the queue are waiting, active, done and failed. */
export async function queueStatus(url: string): Promise<QueueCounts> {
  const queue = new Queue(QUEUE_NAME, { connection: redisConnection(url) });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
    return {
      waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  } finally {
    await queue.close();
  }
}
