// The sweep's tables: runs.csv (one row per run and migration, sorted by run id) and summary.csv (per combination
// and metric: n, mean, sd, 95 % confidence interval, min, median, max). Numbers print as JavaScript prints them.

import { csvText } from '../report/index.ts';
import type { SweepPlan } from './plan.ts';
import { compareRuns } from './plan.ts';
import type { MigrationRow, RunRecord } from './run-job.ts';
import { type SampleSummary, summarise } from './statistics.ts';
import type { SweepMetric } from './sweep-file.ts';

export const RUN_COLUMNS = [
  'vm',
  'algorithm',
  'outcome',
  'duration_sec',
  'downtime_sec',
  'bytes_sent',
  'rounds',
  'error',
] as const;
export const SUMMARY_COLUMNS = ['metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high', 'min', 'median', 'max'] as const;

/** runs.csv: `run`, `seed`, one column per grid key, then RUN_COLUMNS. A run without migrations has one row. */
export function runsCsv(gridKeys: readonly string[], records: readonly RunRecord[]): string {
  const lines = [['run', 'seed', ...gridKeys, ...RUN_COLUMNS].map(cell).join(',')];
  for (const record of [...records].sort(compareRuns)) {
    const head = [record.run, record.seed, ...record.values];
    const rows: (MigrationRow | undefined)[] = record.migrations.length === 0 ? [undefined] : record.migrations;
    for (const m of rows) {
      const tail =
        m === undefined
          ? ['', '', record.error === undefined ? 'no-migration' : 'run-failed', '', '', '', '', record.error]
          : [m.vm, m.algorithm, m.outcome, m.durationSec, m.downtimeSec, m.bytesSent, m.rounds, m.error];
      lines.push([...head, ...tail].map(cell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface SummaryRow {
  values: unknown[];
  metric: SweepMetric;
  summary: SampleSummary;
}

/** The summary of every combination (in grid order) and metric, over every migration of its runs. */
export function summaryRows(plan: SweepPlan, records: readonly RunRecord[]): SummaryRow[] {
  const byCombination = new Map<string, RunRecord[]>();
  for (const record of records) {
    const key = JSON.stringify(record.values);
    const runs = byCombination.get(key);
    if (runs === undefined) byCombination.set(key, [record]);
    else runs.push(record);
  }
  const rows: SummaryRow[] = [];
  for (const combination of plan.combinations) {
    const values = combination.map((c) => c.value);
    const runs = byCombination.get(JSON.stringify(values)) ?? [];
    for (const metric of plan.spec.metrics) {
      const sample = runs.flatMap((r) => r.migrations.map((m) => metricOf(m, metric)));
      const summary = summarise(sample.filter((v): v is number => v !== undefined && Number.isFinite(v)));
      if (summary !== undefined) rows.push({ values, metric, summary });
    }
  }
  return rows;
}

export function summaryCsv(gridKeys: readonly string[], rows: readonly SummaryRow[]): string {
  const lines = [[...gridKeys, ...SUMMARY_COLUMNS].map(cell).join(',')];
  for (const { values, metric, summary: s } of rows) {
    const figures = [s.n, s.mean, s.sd, s.ci95Low, s.ci95High, s.min, s.median, s.max];
    lines.push([...values, metric, ...figures].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function metricOf(row: MigrationRow, metric: SweepMetric): number | undefined {
  return metric === 'rounds' ? row.rounds : row[metric];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return csvText(text);
}
