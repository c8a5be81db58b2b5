// The HTML report's table of migration statistics: one row per migration in the shape of query-migrate (status
// history, times, bytes per phase, dirty syncs and rate, throttle), for the migrations that record them.
import { readableBytes, readableNumber, readableSeconds, readableTime } from '../../core/index.ts';
import type { MigrationReport, RunReport } from '../run-report.ts';
import { prose, type TableSpec } from './report-tables.ts';

const col = (label: string, numeric = false) => (numeric ? { label, numeric } : { label });

function num(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const seconds = (value: number | undefined) => (value === undefined ? '' : readableSeconds(value));
const bytes = (value: number | undefined) => (value === undefined ? '' : readableBytes(value));
const count = (value: number | undefined) => (value === undefined ? '' : readableNumber(value));

/** "setup 0 → active 0 → device 12.3 → completed 12.5": each status with the time it began. */
function statusHistory(stats: Record<string, unknown> | undefined): string {
  const history = stats?.statusHistory;
  if (!Array.isArray(history)) return '';
  return history
    .map((entry) => {
      const { status, time } = (entry ?? {}) as { status?: unknown; time?: unknown };
      return typeof time === 'number' ? `${String(status)} ${readableTime(time)}` : String(status);
    })
    .join(' → ');
}

export function migrationStatsTable(report: RunReport): TableSpec {
  const rows = report.migrations
    .filter((m) => m.stats !== undefined)
    .map((m: MigrationReport) => {
      const s = m.stats;
      const throttle = num(s, 'throttlePercent');
      return [
        String(m.id),
        m.vm,
        statusHistory(s),
        seconds(num(s, 'totalTimeSec')),
        seconds(num(s, 'setupTimeSec')),
        seconds(num(s, 'downtimeSec')),
        seconds(num(s, 'expectedDowntimeSec')),
        bytes(num(s, 'transferredBytes')),
        bytes(num(s, 'remainingBytes')),
        bytes(num(s, 'totalBytes')),
        bytes(num(s, 'precopyBytes')),
        bytes(num(s, 'downtimeBytes')),
        bytes(num(s, 'postcopyBytes')),
        count(num(s, 'postcopyRequests')),
        count(num(s, 'dirtySyncCount')),
        count(num(s, 'dirtyPagesRate')),
        throttle === undefined ? '' : `${readableNumber(throttle)} %`,
      ];
    });
  return {
    id: 'migration-stats',
    title: 'Migration statistics (as query-migrate)',
    columns: [
      col('migration', true),
      col('VM'),
      prose('status history (status, time)'),
      col('total', true),
      col('setup', true),
      col('downtime', true),
      col('expected downtime', true),
      col('transferred', true),
      col('remaining', true),
      col('total', true),
      col('pre-copy', true),
      col('during downtime', true),
      col('post-copy', true),
      col('page requests', true),
      col('dirty syncs', true),
      col('dirty pages/s', true),
      col('throttle', true),
    ],
    rows,
    note: 'Dirty pages/s is the rate over the last sync period; pages are 4 KiB.',
    empty: 'No migration statistics in this run.',
  };
}
