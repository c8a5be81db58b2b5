// MPLM's table in the HTML report: one row per epoch of each MPLM migration, from the epochs the algorithm leaves in
// its record's `details.mplmEpochs` (state, pages dirtied, the dirty and non-dirty sets, what was sent).
import { readableBytes, readableTime } from '../../../core/index.ts';
import type { AlgorithmTable, MigrationDetails } from '../report-tables.ts';

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

const col = (label: string, numeric = false) => (numeric ? { label, numeric } : { label });

export function mplmEpochTable(migrations: readonly MigrationDetails[]): AlgorithmTable {
  const cell = (value: unknown, format: (n: number) => string) => (typeof value === 'number' ? format(value) : '');
  const rows = migrations.flatMap((m) => {
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
