// `compare A B`: what differs between two report folders (report.json: migrations, durations, downtimes, bytes,
// energy) or two sweep folders (summary.csv: the means of each combination and metric), as rows of a table.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/index.ts';
import type { RunReport } from '../../report/index.ts';

export type ComparedKind = 'reports' | 'sweeps';

/** One compared figure: its name, its value in A and in B, and whether they differ. */
export interface ComparedRow {
  item: string;
  figure: string;
  a: string;
  b: string;
  /** (B − A) / A for numbers, when A ≠ 0. */
  change: number | undefined;
  differs: boolean;
}

export interface Comparison {
  kind: ComparedKind;
  a: string;
  b: string;
  rows: ComparedRow[];
}

/** Compares two folders that both hold report.json, or both summary.csv. */
export function compareFolders(a: string, b: string): Comparison {
  const kind = kindOf(a);
  if (kind !== kindOf(b)) {
    throw compareError(`${a} and ${b} are not the same kind of folder (${kind} vs ${kindOf(b)}).`);
  }
  const rows = kind === 'reports' ? compareReports(readReport(a), readReport(b)) : compareSweeps(a, b);
  return { kind, a, b, rows };
}

function kindOf(dir: string): ComparedKind {
  if (existsSync(join(dir, 'report.json'))) return 'reports';
  if (existsSync(join(dir, 'summary.csv'))) return 'sweeps';
  throw compareError(`${dir} holds neither report.json (a run) nor summary.csv (a sweep).`);
}

function readReport(dir: string): RunReport {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
}

export function compareReports(a: RunReport, b: RunReport): ComparedRow[] {
  const rows: ComparedRow[] = [row('run', 'end time (s)', a.endTime, b.endTime)];
  rows.push(row('run', 'migrations', a.migrations.length, b.migrations.length));
  const count = Math.max(a.migrations.length, b.migrations.length);
  for (let i = 0; i < count; i++) {
    const ma = a.migrations[i];
    const mb = b.migrations[i];
    const item = `migration ${i + 1} (${ma?.vm ?? mb?.vm})`;
    rows.push(row(item, 'route', route(ma), route(mb)));
    rows.push(row(item, 'algorithm', ma?.algorithm, mb?.algorithm));
    rows.push(row(item, 'outcome', ma?.outcome, mb?.outcome));
    rows.push(row(item, 'duration (s)', ma?.durationSec, mb?.durationSec));
    rows.push(row(item, 'downtime (s)', ma?.downtimeSec, mb?.downtimeSec));
    rows.push(row(item, 'bytes sent', ma?.bytesSent, mb?.bytesSent));
    rows.push(row(item, 'rounds', ma?.rounds.length, mb?.rounds.length));
  }
  const hosts = [...new Set([...a.hosts, ...b.hosts].map((h) => h.name))];
  for (const host of hosts) {
    const energy = (r: RunReport) => r.hosts.find((h) => h.name === host)?.energyJ;
    rows.push(row(`host ${host}`, 'energy (J)', energy(a), energy(b)));
  }
  rows.push(row('run', 'failed steps', a.stepErrors.length, b.stepErrors.length));
  return rows;
}

function compareSweeps(a: string, b: string): ComparedRow[] {
  const [tableA, tableB] = [readSummary(a), readSummary(b)];
  const keys = [...new Set([...tableA.keys(), ...tableB.keys()])];
  return keys.flatMap((key) => {
    const [ra, rb] = [tableA.get(key), tableB.get(key)];
    return [row(key, 'n', ra?.n, rb?.n), row(key, 'mean', ra?.mean, rb?.mean), row(key, 'ci95', ra?.ci, rb?.ci)];
  });
}

/** summary.csv by "grid values · metric" (the CSV is ours: no quoted commas in grid values of numbers and names). */
function readSummary(dir: string): Map<string, { n: number; mean: number; ci: string }> {
  const [header, ...lines] = readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n');
  const columns = (header ?? '').split(',');
  const metric = columns.indexOf('metric');
  const table = new Map<string, { n: number; mean: number; ci: string }>();
  for (const line of lines) {
    const cells = line.split(',');
    const grid = columns.slice(0, metric).map((c, i) => `${c}=${cells[i]}`);
    const at = (name: string) => cells[columns.indexOf(name)] ?? '';
    const key = `${grid.join(', ')} · ${cells[metric]}`;
    table.set(key, {
      n: Number(at('n')),
      mean: Number(at('mean')),
      ci: `[${short(at('ci95_low'))}, ${short(at('ci95_high'))}]`,
    });
  }
  return table;
}

function route(m: RunReport['migrations'][number] | undefined): string | undefined {
  return m === undefined ? undefined : `${m.from} → ${m.to}`;
}

function row(item: string, figure: string, a: unknown, b: unknown): ComparedRow {
  const text = (v: unknown) => (v === undefined ? '-' : typeof v === 'number' ? short(String(v)) : String(v));
  const change = typeof a === 'number' && typeof b === 'number' && a !== 0 ? (b - a) / a : undefined;
  return { item, figure, a: text(a), b: text(b), change, differs: a !== b };
}

function short(text: string): string {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) && !Number.isInteger(n) ? String(Number(n.toPrecision(9))) : text;
}

function compareError(message: string): InputError {
  return new InputError('Cannot compare:', [
    { code: 'invalid-input', path: '', message, hint: 'Give two `livemig run` output folders, or two sweep folders.' },
  ]);
}
