// report.json text: keys in a fixed order whoever built the report (contract keys first, any others after in
// alphabetical order, a real run's driver facts in the driver's order), numbers as JavaScript prints them (shortest exact form; NaN and ±Infinity become null).
import { CONSOLIDATION_INTERVAL_KEYS } from './consolidation-csv.ts';
import { PROTOCOL_KEYS } from './protocol-report.ts';
import type { RunReport } from './run-report.ts';

/** `keys` first, in order; the others sorted, or in the order they were built (`rest: 'as-built'`). */
type Shape = { keys: readonly string[]; children?: Readonly<Record<string, Shape>>; rest?: 'sorted' | 'as-built' };

const ROUND: Shape = { keys: ['stage', 'index', 'start', 'end', 'bytes', 'bandwidth', 'threshold'] };
const PROTOCOL: Shape = {
  keys: PROTOCOL_KEYS.protocol,
  children: {
    phases: { keys: PROTOCOL_KEYS.phases },
    messages: { keys: PROTOCOL_KEYS.messages },
    features: { keys: PROTOCOL_KEYS.features, children: { steps: { keys: PROTOCOL_KEYS.steps } } },
  },
};
const MIGRATION: Shape = {
  keys: [
    'id',
    'vm',
    'from',
    'to',
    'algorithm',
    'outcome',
    'start',
    'end',
    'durationSec',
    'downtimeSec',
    'bytesSent',
    'error',
    'rounds',
    'stats',
    'details',
    'protocol',
  ],
  children: { rounds: ROUND, protocol: PROTOCOL },
};
const CONSOLIDATION: Shape = {
  keys: ['energyJoules', 'slatah', 'pdm', 'slav', 'esv', 'migrations', 'intervals'],
  children: { intervals: { keys: CONSOLIDATION_INTERVAL_KEYS } },
};
const SERIES: Shape = { keys: ['name', 'capacity', 'merged', 'points'] };
const PERIOD: Shape = { keys: ['start', 'end'] };

const REPORT: Shape = {
  keys: [
    'formatVersion',
    'endTime',
    'scenario',
    'draws',
    'real',
    'migrations',
    'vms',
    'hosts',
    'stepErrors',
    'timeline',
    'usage',
    'log',
    'droppedLogLines',
    'consolidation',
  ],
  children: {
    scenario: { keys: ['name', 'file', 'seed', 'network'] },
    draws: { keys: ['path', 'value', 'time'] },
    // The driver's own facts follow in the order it gives them.
    real: { keys: ['driver', 'startedAt'], rest: 'as-built' },
    migrations: MIGRATION,
    vms: { keys: ['name', 'host', 'state', 'cores', 'ramBytes', 'firstHost', 'createdAt'] },
    hosts: {
      keys: ['name', 'energyJ', 'cores', 'speedFlops', 'on', 'offPeriods'],
      children: { offPeriods: PERIOD },
    },
    stepErrors: { keys: ['time', 'actor', 'host', 'step', 'code', 'message'] },
    timeline: { keys: ['vm', 'host', 'state', 'start', 'end'] },
    usage: { keys: ['links', 'hosts'], children: { links: SERIES, hosts: SERIES } },
    log: { keys: ['time', 'pid', 'actor', 'host', 'message'] },
    consolidation: CONSOLIDATION,
  },
};

/** The report as JSON text, two-space indented, with each `[time, value]` point on one line. */
export function reportJson(report: RunReport): string {
  const text = JSON.stringify(ordered(report, REPORT), null, 2);
  return `${text.replace(/\[\n\s*(-?[\d.eE+-]+|null),\n\s*(-?[\d.eE+-]+|null)\n\s*\]/g, '[$1, $2]')}\n`;
}

function ordered(value: unknown, shape: Shape | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, shape));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known = new Set(shape?.keys ?? []);
  const first = shape?.keys.filter((key) => key in record) ?? [];
  const others = Object.keys(record).filter((key) => !known.has(key));
  const keys = [...first, ...(shape?.rest === 'as-built' ? others : others.sort())];
  const result: Record<string, unknown> = {};
  for (const key of keys) result[key] = ordered(record[key], shape?.children?.[key]);
  return result;
}
