// The tables of the HTML report as plain text cells (formatted here, so that the page only lays them out):
// migrations, their query-migrate statistics, rounds, the algorithms' own tables (vm/migration's ALGORITHM_TABLES),
// VMs, hosts with energy, failed steps, the log.
import {
  readableByteRate,
  readableBytes,
  readableEnergy,
  readableFlopRate,
  readableSeconds,
  readableTime,
} from '../../core/index.ts';
import { ALGORITHM_TABLES } from '../../vm/index.ts';
import type { RunReport } from '../run-report.ts';
import { protocolTables } from './protocol-tables.ts';
import { migrationStatsTable } from './stats-tables.ts';

export interface TableSpec {
  id: string;
  title: string;
  /** `wrap`: a long text (a message) that may run over several lines; other cells (names, numbers) never wrap. */
  columns: { label: string; numeric?: boolean; wrap?: boolean }[];
  rows: string[][];
  /** Shown under the table (e.g. what was left out). */
  note?: string;
  /** Text shown instead of an empty table. */
  empty: string;
  /** The page section it goes in, when the section does not list it by id (an algorithm's table). */
  section?: string;
}

/** Most log lines put in the page; report.json has them all. */
export const PAGE_LOG_LINES = 5000;

const time = (value: number | undefined) => (value === undefined ? '' : readableTime(value));
const duration = (value: number | undefined) => (value === undefined ? '' : readableSeconds(value));
const bytes = (value: number | undefined) => (value === undefined ? '' : readableBytes(value));
const col = (label: string, numeric = false) => (numeric ? { label, numeric } : { label });
export const prose = (label: string) => ({ label, wrap: true });

export function reportTables(report: RunReport): TableSpec[] {
  const algorithmTables = ALGORITHM_TABLES.map((table) => table(report.migrations))
    .filter((table) => table.rows.length > 0)
    .map((table): TableSpec => ({ ...table, section: 'migrations' }));
  return [
    migrationTable(report),
    migrationStatsTable(report),
    roundTable(report),
    ...algorithmTables,
    ...protocolTables(report),
    vmTable(report),
    hostTable(report),
    errorTable(report),
    logTable(report),
  ];
}

function migrationTable(report: RunReport): TableSpec {
  return {
    id: 'migrations',
    title: 'Migrations',
    columns: [
      col('#', true),
      col('VM'),
      col('from'),
      col('to'),
      col('algorithm'),
      col('outcome'),
      col('start', true),
      col('end', true),
      col('duration', true),
      col('downtime', true),
      col('sent', true),
      col('rounds', true),
      prose('error'),
    ],
    rows: report.migrations.map((m) => [
      String(m.id),
      m.vm,
      m.from,
      m.to,
      m.algorithm,
      m.outcome,
      time(m.start),
      time(m.end),
      duration(m.durationSec),
      duration(m.downtimeSec),
      bytes(m.bytesSent),
      String(m.rounds.length),
      m.error ?? '',
    ]),
    empty: 'No migration in this run.',
  };
}

function roundTable(report: RunReport): TableSpec {
  return {
    id: 'rounds',
    title: 'Rounds',
    columns: [
      col('migration', true),
      col('VM'),
      col('stage', true),
      col('round', true),
      col('start', true),
      col('end', true),
      col('duration', true),
      col('sent', true),
      col('bandwidth', true),
      col('threshold', true),
    ],
    rows: report.migrations.flatMap((m) =>
      m.rounds.map((r) => [
        String(m.id),
        m.vm,
        String(r.stage),
        r.index === undefined ? '' : String(r.index + 1),
        time(r.start),
        time(r.end),
        duration(r.end - r.start),
        bytes(r.bytes),
        Number.isFinite(r.bandwidth) ? readableByteRate(r.bandwidth) : '',
        bytes(r.threshold),
      ]),
    ),
    empty: 'No round: no migration sent memory.',
  };
}

function vmTable(report: RunReport): TableSpec {
  const migrations = new Map<string, number>();
  for (const m of report.migrations) migrations.set(m.vm, (migrations.get(m.vm) ?? 0) + 1);
  return {
    id: 'vms',
    title: 'VMs',
    columns: [
      col('VM'),
      col('host at the end'),
      col('state at the end'),
      col('first host'),
      col('created', true),
      col('cores', true),
      col('RAM', true),
      col('migrations', true),
    ],
    rows: report.vms.map((vm) => [
      vm.name,
      vm.host,
      vm.state,
      vm.firstHost ?? '',
      time(vm.createdAt),
      vm.cores === undefined ? '' : String(vm.cores),
      bytes(vm.ramBytes),
      String(migrations.get(vm.name) ?? 0),
    ]),
    empty: 'No VM in this run.',
  };
}

function hostTable(report: RunReport): TableSpec {
  const vmsAtEnd = new Map<string, number>();
  for (const vm of report.vms) if (vm.state !== 'destroyed') vmsAtEnd.set(vm.host, (vmsAtEnd.get(vm.host) ?? 0) + 1);
  const total = report.hosts.reduce((sum, h) => sum + h.energyJ, 0);
  return {
    id: 'hosts',
    title: 'Hosts',
    columns: [
      col('host'),
      col('cores', true),
      col('core speed', true),
      col('on at the end'),
      col('off periods', true),
      col('VMs at the end', true),
      col('energy', true),
    ],
    rows: report.hosts.map((h) => [
      h.name,
      h.cores === undefined ? '' : String(h.cores),
      h.speedFlops === undefined ? '' : readableFlopRate(h.speedFlops),
      h.on === undefined ? '' : h.on ? 'yes' : 'no',
      String(h.offPeriods?.length ?? 0),
      String(vmsAtEnd.get(h.name) ?? 0),
      readableEnergy(h.energyJ),
    ]),
    note: `Total energy: ${readableEnergy(total)}.`,
    empty: 'No host.',
  };
}

function errorTable(report: RunReport): TableSpec {
  return {
    id: 'step-errors',
    title: 'Failed steps',
    columns: [col('time', true), col('actor'), col('host'), col('step'), col('code'), prose('message')],
    rows: report.stepErrors.map((e) => [time(e.time), e.actor, e.host, e.step, e.code, e.message]),
    empty: 'No step failed.',
  };
}

function logTable(report: RunReport): TableSpec {
  const lines = report.log.slice(0, PAGE_LOG_LINES);
  const notes = [];
  if (lines.length < report.log.length) {
    notes.push(`The first ${lines.length} of ${report.log.length} lines; report.json has them all.`);
  }
  if ((report.droppedLogLines ?? 0) > 0) {
    notes.push(`${report.droppedLogLines} later line(s) were not recorded (the recorder's maxLogLines).`);
  }
  return {
    id: 'log',
    title: 'Log',
    columns: [col('time', true), col('actor'), col('host'), prose('message')],
    rows: lines.map((l) => [time(l.time), l.actor, l.host, l.message]),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    empty: 'The actors logged nothing.',
  };
}
