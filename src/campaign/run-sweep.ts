// Runs a sweep: skips the runs its journal already holds, computes the others on an executor (this thread, worker
// threads or a queue), records each as it ends, then writes runs.csv, summary.csv and summary.html from the journal,
// so the tables do not depend on how, or in how many goes, the runs were computed.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from '../report/index.ts';
import type { RunExecutor } from './executors.ts';
import { Journal } from './journal.ts';
import type { SweepPlan } from './plan.ts';
import type { RunRecord } from './run-job.ts';
import { summaryPage } from './summary-page.ts';
import { runsCsv, summaryCsv, summaryRows } from './sweep-tables.ts';

export interface SweepProgress {
  done: number;
  total: number;
  /** Runs found done in the journal at the start. */
  skipped: number;
  /** Runs that ended with an error. */
  failed: number;
}

export interface SweepOptions {
  outDir: string;
  executor: RunExecutor;
  /** Write each run's report folder under `outDir/runs/<run>/`. */
  keepReports?: boolean;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepResult {
  records: RunRecord[];
  /** Files written, relative to outDir. */
  files: string[];
  ran: number;
  skipped: number;
}

export async function runSweep(plan: SweepPlan, options: SweepOptions): Promise<SweepResult> {
  mkdirSync(options.outDir, { recursive: true });
  const journal = new Journal(options.outDir);
  const pending = plan.jobs.filter((job) => !journal.done.has(job.run));
  const progress: SweepProgress = {
    done: plan.jobs.length - pending.length,
    total: plan.jobs.length,
    skipped: plan.jobs.length - pending.length,
    failed: 0,
  };
  options.onProgress?.({ ...progress });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const job = pending[next++];
      if (job === undefined) return;
      const record = await options.executor.run(job);
      if (record.report !== undefined && options.keepReports === true) {
        writeReport(record.report, join(options.outDir, 'runs', record.run));
      }
      journal.append(record);
      progress.done += 1;
      if (record.error !== undefined) progress.failed += 1;
      options.onProgress?.({ ...progress });
    }
  };
  const lanes = Math.max(1, Math.min(options.executor.concurrency, pending.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  const records = plan.jobs.map((job) => journal.done.get(job.run)).filter((r): r is RunRecord => r !== undefined);
  const files = writeTables(plan, records, options.outDir);
  return { records, files, ran: pending.length, skipped: progress.skipped };
}

/** runs.csv, summary.csv and summary.html, each written whole (to a temporary name, then renamed). */
export function writeTables(plan: SweepPlan, records: readonly RunRecord[], outDir: string): string[] {
  const keys = plan.spec.grid.map((key) => key.path);
  const rows = summaryRows(plan, records);
  const outputs: [string, string][] = [
    ['runs.csv', runsCsv(keys, records)],
    ['summary.csv', summaryCsv(keys, rows)],
    ['summary.html', summaryPage(plan, rows, records.length)],
  ];
  for (const [name, text] of outputs) {
    const path = join(outDir, name);
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  }
  return outputs.map(([name]) => name);
}
