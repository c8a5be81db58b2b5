// The HTML report's tables of migration statistics: one row per migration in the shape of QEMU's query-migrate
// (status history, times, bytes per phase, dirty syncs and rate, throttle), and MPLM's per-epoch report.
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

interface EpochRow {
  epoch?: unknown;
  time?: unknown;
  state?: unknown;
  dirtiedPages?: unknown;
  dirtySetPages?: unknown;
  nonDirtySetPages?: unknown;
  pendingBytes?: unknown;
  sentNonDirtyPages?: unknown;
  sentDirtyPages?: unknown;
}

export function mplmEpochTable(report: RunReport): TableSpec {
  const cell = (value: unknown, format: (n: number) => string) => (typeof value === 'number' ? format(value) : '');
  const rows = report.migrations.flatMap((m) => {
    const epochs = m.details?.mplmEpochs;
    if (!Array.isArray(epochs)) return [];
    return (epochs as EpochRow[]).map((e) => [
      String(m.id),
      m.vm,
      cell(e.epoch, String),
      cell(e.time, readableTime),
      typeof e.state === 'string' ? e.state : '',
      cell(e.dirtiedPages, String),
      cell(e.dirtySetPages, String),
      cell(e.nonDirtySetPages, String),
      cell(e.pendingBytes, readableBytes),
      cell(e.sentNonDirtyPages, String),
      cell(e.sentDirtyPages, String),
    ]);
  });
  return {
    id: 'mplm-epochs',
    title: 'MPLM epochs',
    columns: [
      col('migration', true),
      col('VM'),
      col('epoch', true),
      col('time', true),
      col('state'),
      col('pages dirtied', true),
      col('dirty set (pages)', true),
      col('non-dirty set (pages)', true),
      col('pending', true),
      col('non-dirty pages sent', true),
      col('dirty pages sent', true),
    ],
    rows,
    note: 'States as in qemu-mplm: S1/S2 live, S3 held live by the operator (extend-live), S4 the switch-over.',
    empty: 'No MPLM migration in this run.',
  };
}
