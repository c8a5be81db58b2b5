// The entry point of a worker thread of the pool: runs the jobs it is given (see thread-pool.ts).
import { type RunJob, type RunRecord, runJob } from './run-job.ts';

export default function runInWorker(job: RunJob): Promise<RunRecord> {
  return runJob(job);
}
