// Public face of the campaign layer: sweeps over grid values and seeds, run in this thread, on worker threads or
// through a Redis queue, with resumable journals, runs.csv, summary.csv and summary.html; and comparisons.

export { type ComparedRow, type Comparison, compareFolders, compareReports } from './compare/compare.ts';
export { comparePage } from './compare/compare-page.ts';
export { inlineExecutor, type RunExecutor, threadExecutor } from './executors.ts';
export { setAtPath } from './grid-path.ts';
export { JOURNAL_FILE, Journal } from './journal.ts';
export { combinationId, type PlanOptions, planSweep, type SweepPlan } from './plan.ts';
export { QUEUE_NAME, redisConnection } from './queue/connection.ts';
export { type QueueCounts, type QueuedRun, queueExecutor, queueStatus } from './queue/queue-executor.ts';
export { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from './queue/queue-worker.ts';
export { type GridValue, jobScenario, type MigrationRow, type RunJob, type RunRecord, runJob } from './run-job.ts';
export { runSweep, type SweepOptions, type SweepProgress, type SweepResult, writeTables } from './run-sweep.ts';
export { type SampleSummary, studentTCdf, studentTQuantile, summarise } from './statistics.ts';
export {
  DEFAULT_METRICS,
  type GridKey,
  loadSweep,
  SWEEP_METRICS,
  type SweepMetric,
  type SweepSpec,
} from './sweep-file.ts';
export { RUN_COLUMNS, runsCsv, SUMMARY_COLUMNS, type SummaryRow, summaryCsv, summaryRows } from './sweep-tables.ts';
