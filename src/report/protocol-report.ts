// A phased migration's protocol record in the shape of report.json (`migrations[].protocol`): the controller, the
// outcome and the phase that failed, the phases, every control-plane message, the features and the job statistics.
import type { ProtocolRecord } from '../control/index.ts';

export interface ProtocolReport {
  controller: string;
  outcome: 'running' | 'completed' | 'failed';
  failedPhase?: string;
  reason?: string;
  error?: string;
  start: number;
  end?: number;
  warnings: string[];
  phases: { phase: string; cancelled: boolean; start: number; end?: number; ok?: boolean }[];
  messages: {
    kind: string;
    from: string;
    to: string;
    fromHost: string;
    toHost: string;
    bytes: number;
    sent: number;
    received?: number;
    lost: boolean;
  }[];
  features: {
    name: string;
    required: boolean;
    outcome: string;
    extraDowntimeSec: number;
    steps: { step: string; start: number; end: number; ok: boolean; error?: string }[];
    details: Record<string, number | string | boolean>;
  }[];
  jobStats?: Record<string, number>;
}

/** Key orders of report.json. */
export const PROTOCOL_KEYS = {
  protocol: [
    'controller',
    'outcome',
    'failedPhase',
    'reason',
    'error',
    'start',
    'end',
    'warnings',
    'phases',
    'messages',
    'features',
    'jobStats',
  ],
  phases: ['phase', 'cancelled', 'start', 'end', 'ok'],
  messages: ['kind', 'from', 'to', 'fromHost', 'toHost', 'bytes', 'sent', 'received', 'lost'],
  features: ['name', 'required', 'outcome', 'extraDowntimeSec', 'steps', 'details'],
  steps: ['step', 'start', 'end', 'ok', 'error'],
} as const;

const some = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

export function protocolReport(record: ProtocolRecord): ProtocolReport {
  return {
    controller: record.controller,
    outcome: record.outcome,
    ...some('failedPhase', record.failedPhase),
    ...some('reason', record.reason),
    ...some('error', record.error),
    start: record.start,
    ...some('end', record.end),
    warnings: [...record.warnings],
    phases: record.phases.map((p) => ({
      phase: p.phase,
      cancelled: p.cancelled,
      start: p.start,
      ...some('end', p.end),
      ...some('ok', p.ok),
    })),
    messages: record.messages.map((m) => ({
      kind: m.kind,
      from: m.from,
      to: m.to,
      fromHost: m.fromHost,
      toHost: m.toHost,
      bytes: m.bytes,
      sent: m.sent,
      ...some('received', m.received),
      lost: m.lost,
    })),
    features: record.features.map((f) => ({
      name: f.name,
      required: f.required,
      outcome: f.outcome,
      extraDowntimeSec: f.extraDowntimeSec,
      steps: f.steps.map((s) => ({ step: s.step, start: s.start, end: s.end, ok: s.ok, ...some('error', s.error) })),
      details: { ...f.details },
    })),
    ...some('jobStats', jobStatsReport(record)),
  };
}

function jobStatsReport(record: ProtocolRecord): Record<string, number> | undefined {
  const stats = record.jobStats;
  if (stats === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(stats)) if (value !== undefined) out[key] = value;
  return out;
}
