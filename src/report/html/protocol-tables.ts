// The tables of phased migrations in the HTML report (only when a run has some): the libvirt-like job statistics
// with the phase that failed, the phases, and the features with the downtime each added.
import { readableBytes, readableNumber, readableSeconds, readableTime } from '../../core/index.ts';
import type { ProtocolReport } from '../protocol-report.ts';
import type { MigrationReport, RunReport } from '../run-report.ts';
import { prose, type TableSpec } from './report-tables.ts';

type Phased = MigrationReport & { protocol: ProtocolReport };

const col = (label: string, numeric = false) => (numeric ? { label, numeric } : { label });
const time = (value: number | undefined) => (value === undefined ? '' : readableTime(value));
const duration = (value: number | undefined) => (value === undefined ? '' : readableSeconds(value));
const bytes = (value: number | undefined) => (value === undefined ? '' : readableBytes(value));

export function protocolTables(report: RunReport): TableSpec[] {
  const phased = report.migrations.filter((m): m is Phased => m.protocol !== undefined);
  if (phased.length === 0) return [];
  return [jobTable(phased), phaseTable(phased), featureTable(phased)];
}

function jobTable(phased: Phased[]): TableSpec {
  return {
    id: 'jobs',
    title: 'Phased migrations: job statistics',
    columns: [
      col('#', true),
      col('VM'),
      col('controller'),
      col('outcome'),
      col('failed phase'),
      prose('reason'),
      col('elapsed', true),
      col('downtime', true),
      col('copy', true),
      col('hand-over', true),
      col('processed', true),
      col('remaining', true),
      col('dirty pages/s', true),
      col('iterations', true),
      col('messages', true),
    ],
    rows: phased.map(({ id, vm, protocol: p }) => {
      const s = p.jobStats ?? {};
      return [
        String(id),
        vm,
        p.controller,
        p.outcome,
        p.failedPhase ?? '',
        p.reason ?? '',
        duration(s.timeElapsedSec),
        duration(s.downtimeSec),
        duration(s.copyDowntimeSec),
        duration(s.handoverSec),
        bytes(s.dataProcessedBytes),
        bytes(s.dataRemainingBytes),
        s.memoryDirtyRatePagesPerSec === undefined ? '' : readableNumber(s.memoryDirtyRatePagesPerSec),
        s.memoryIterations === undefined ? '' : String(s.memoryIterations),
        s.messages === undefined ? '' : String(s.messages),
      ];
    }),
    note: 'Downtime runs from the pause on the source to the resume; the hand-over is its part after the last byte arrived.',
    empty: 'No phased migration in this run.',
  };
}

function phaseTable(phased: Phased[]): TableSpec {
  return {
    id: 'phases',
    title: 'Phases',
    columns: [col('migration', true), col('VM'), col('phase'), col('start', true), col('duration', true), col('ok')],
    rows: phased.flatMap(({ id, vm, protocol }) =>
      protocol.phases.map((p) => [
        String(id),
        vm,
        `${p.phase}${p.cancelled ? ' (cancelled)' : ''}`,
        time(p.start),
        duration(p.end === undefined ? undefined : p.end - p.start),
        p.ok === undefined ? '' : p.ok ? 'yes' : 'no',
      ]),
    ),
    empty: 'No phase.',
  };
}

function featureTable(phased: Phased[]): TableSpec {
  return {
    id: 'features',
    title: 'Features',
    columns: [
      col('migration', true),
      col('VM'),
      col('feature'),
      col('required'),
      col('outcome'),
      col('extra downtime', true),
      prose('details'),
    ],
    rows: phased.flatMap(({ id, vm, protocol }) =>
      protocol.features.map((f) => [
        String(id),
        vm,
        f.name,
        f.required ? 'yes' : 'no',
        f.outcome,
        duration(f.extraDowntimeSec),
        Object.entries(f.details)
          .map(([k, v]) => `${k}=${typeof v === 'number' ? readableNumber(v) : v}`)
          .join(' '),
      ]),
    ),
    empty: 'No feature.',
  };
}
