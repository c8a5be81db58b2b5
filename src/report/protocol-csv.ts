// The CSVs of phased migrations (written only when a run has some): jobs.csv (one line per migration: outcome, the
// phase that failed, libvirt-like job statistics), phases.csv (one line per phase), messages.csv (one line per
// control-plane message). Same conventions as migrations.csv: `%.9f` times, empty cells for absent values.
import { formatFixed } from '../core/index.ts';
import { csvText as text } from './escape.ts';
import type { ProtocolReport } from './protocol-report.ts';
import type { MigrationReport, RunReport } from './run-report.ts';

export const JOB_COLUMNS = [
  'migration',
  'vm',
  'controller',
  'outcome',
  'failed_phase',
  'reason',
  'time_elapsed_sec',
  'downtime_sec',
  'copy_downtime_sec',
  'handover_sec',
  'setup_time_sec',
  'data_total_bytes',
  'data_processed_bytes',
  'data_remaining_bytes',
  'memory_dirty_rate_pages_per_sec',
  'memory_iterations',
  'memory_bytes_per_sec',
  'messages',
  'message_bytes',
] as const;

export const PHASE_COLUMNS = [
  'migration',
  'vm',
  'phase',
  'cancelled',
  'start_sec',
  'end_sec',
  'duration_sec',
  'ok',
] as const;

export const MESSAGE_COLUMNS = [
  'migration',
  'vm',
  'kind',
  'from',
  'to',
  'from_host',
  'to_host',
  'bytes',
  'sent_sec',
  'received_sec',
  'lost',
] as const;

type Phased = MigrationReport & { protocol: ProtocolReport };

function phased(report: RunReport): Phased[] {
  return report.migrations.filter((m): m is Phased => m.protocol !== undefined);
}

export function hasPhasedMigrations(report: RunReport): boolean {
  return phased(report).length > 0;
}

export function jobsCsv(report: RunReport): string {
  const rows = phased(report).map(({ id, vm, protocol: p }) => {
    const s = p.jobStats ?? {};
    return [
      String(id),
      text(vm),
      text(p.controller),
      p.outcome,
      p.failedPhase ?? '',
      p.reason ?? '',
      ...['timeElapsedSec', 'downtimeSec', 'copyDowntimeSec', 'handoverSec', 'setupTimeSec'].map((k) => fixed(s[k])),
      ...['dataTotalBytes', 'dataProcessedBytes', 'dataRemainingBytes'].map((k) => whole(s[k])),
      fixed(s.memoryDirtyRatePagesPerSec),
      whole(s.memoryIterations),
      fixed(s.memoryBytesPerSec),
      whole(s.messages),
      whole(s.messageBytes),
    ];
  });
  return csv(JOB_COLUMNS, rows);
}

export function phasesCsv(report: RunReport): string {
  const rows = phased(report).flatMap(({ id, vm, protocol }) =>
    protocol.phases.map((p) => [
      String(id),
      text(vm),
      p.phase,
      String(p.cancelled),
      fixed(p.start),
      fixed(p.end),
      fixed(p.end === undefined ? undefined : p.end - p.start),
      p.ok === undefined ? '' : String(p.ok),
    ]),
  );
  return csv(PHASE_COLUMNS, rows);
}

export function messagesCsv(report: RunReport): string {
  const rows = phased(report).flatMap(({ id, vm, protocol }) =>
    protocol.messages.map((m) => [
      String(id),
      text(vm),
      m.kind,
      text(m.from),
      text(m.to),
      text(m.fromHost),
      text(m.toHost),
      whole(m.bytes),
      fixed(m.sent),
      fixed(m.received),
      String(m.lost),
    ]),
  );
  return csv(MESSAGE_COLUMNS, rows);
}

function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => `${row.join(',')}\n`).join('');
}

function fixed(value: number | undefined): string {
  return value === undefined ? '' : formatFixed(value, 9);
}

function whole(value: number | undefined): string {
  return value === undefined ? '' : formatFixed(value, Number.isInteger(value) ? 0 : 9);
}
