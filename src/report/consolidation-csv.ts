// consolidation.csv: one line per consolidation interval (active and overloaded hosts, migrations, energy, CPU asked
// and not obtained), in the column order of report.json's `consolidation.intervals`; host and migration counts as
// integers, other figures as `%.9f` like migrations.csv.
import { formatFixed } from '../core/index.ts';
import type { RunReport } from './run-report.ts';

export const CONSOLIDATION_INTERVAL_KEYS = [
  'start',
  'end',
  'activeHosts',
  'overloadedHosts',
  'saturatedHosts',
  'migrationsStarted',
  'energyJoules',
  'meanUtilization',
  'requestedFlops',
  'shortfallFlops',
] as const;

const COUNTS = new Set<string>(['activeHosts', 'overloadedHosts', 'saturatedHosts', 'migrationsStarted']);

export function consolidationCsv(report: RunReport): string {
  const rows = report.consolidation?.intervals ?? [];
  const lines = rows.map((row) =>
    CONSOLIDATION_INTERVAL_KEYS.map((key) => formatFixed(row[key], COUNTS.has(key) ? 0 : 9)).join(','),
  );
  return `${[CONSOLIDATION_INTERVAL_KEYS.join(','), ...lines].join('\n')}\n`;
}
