// migrations.csv and rounds.csv: a header row, one migration or round per line, times and rates as `%.9f`, whole
// byte counts as integers, absent values as empty cells, text quoted as RFC 4180 says when it must be.
import { formatFixed } from '../core/index.ts';
import { csvText as text } from './escape.ts';
import type { RunReport } from './run-report.ts';

export const MIGRATION_COLUMNS = [
  'id',
  'vm',
  'from',
  'to',
  'algorithm',
  'outcome',
  'start_sec',
  'end_sec',
  'duration_sec',
  'downtime_sec',
  'bytes_sent',
  'rounds',
  'error',
] as const;

export const ROUND_COLUMNS = [
  'migration',
  'vm',
  'stage',
  'index',
  'start_sec',
  'end_sec',
  'duration_sec',
  'bytes',
  'bandwidth_bytes_per_sec',
  'threshold_bytes',
] as const;

export function migrationsCsv(report: RunReport): string {
  const rows = report.migrations.map((m) => [
    String(m.id),
    text(m.vm),
    text(m.from),
    text(m.to),
    text(m.algorithm),
    m.outcome,
    fixed(m.start),
    fixed(m.end),
    fixed(m.durationSec),
    fixed(m.downtimeSec),
    bytes(m.bytesSent),
    String(m.rounds.length),
    text(m.error ?? ''),
  ]);
  return csv(MIGRATION_COLUMNS, rows);
}

export function roundsCsv(report: RunReport): string {
  const rows = report.migrations.flatMap((m) =>
    m.rounds.map((r) => [
      String(m.id),
      text(m.vm),
      String(r.stage),
      r.index === undefined ? '' : String(r.index),
      fixed(r.start),
      fixed(r.end),
      fixed(r.end - r.start),
      bytes(r.bytes),
      fixed(r.bandwidth),
      bytes(r.threshold),
    ]),
  );
  return csv(ROUND_COLUMNS, rows);
}

function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => `${row.join(',')}\n`).join('');
}

/** `%.9f`, or an empty cell when absent. */
function fixed(value: number | undefined): string {
  return value === undefined ? '' : formatFixed(value, 9);
}

/** Whole byte counts as integers; anything else as `%.9f`. */
function bytes(value: number | undefined): string {
  if (value === undefined) return '';
  return formatFixed(value, Number.isInteger(value) ? 0 : 9);
}
