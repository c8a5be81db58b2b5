// Utilization traces: CloudSim's PlanetLab format (one percentage per line, one line per interval) or CSV
// `time,utilization` lines (seconds, percent; a header line is skipped). A trace is a step function, capped at 100 %;
// past its end it starts again from its beginning.
import { LivemigError } from '../core/index.ts';

export interface UtilizationTrace {
  /** Start dates (s) of the steps, increasing, the first 0. */
  times: number[];
  /** Utilization of each step, 0..1. */
  values: number[];
  /** Length of the trace (s): after it, it repeats. */
  periodSec: number;
}

/** Reads a trace file's text: a CSV when lines hold a comma, else PlanetLab (one % a line, `intervalSec` apart).
 * Throws an `invalid-input` error naming the line. */
export function parseUtilizationTrace(text: string, intervalSec: number, where: string): UtilizationTrace {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const rows = lines
    .map((line, i) => ({ line, number: i + 1 }))
    .filter((r) => r.line !== '' && !r.line.startsWith('#'));
  if (rows.length === 0) throw bad(`${where} has no utilization value`, 'Write one percentage per line, e.g. 42.');
  const csv = rows.some((r) => r.line.includes(','));
  const times: number[] = [];
  const values: number[] = [];
  for (const { line, number } of rows) {
    const fields = csv ? line.split(',').map((f) => f.trim()) : [line];
    if (csv && number === rows[0]?.number && Number.isNaN(Number(fields[0]))) continue; // a header line
    if (csv && fields.length !== 2) {
      throw bad(`${where}:${number}: "${line}" is not "time,utilization"`, 'Write lines such as 300,42.');
    }
    const time = csv ? Number(fields[0]) : times.length * intervalSec;
    const percent = Number(fields[csv ? 1 : 0]);
    if (!Number.isFinite(time) || !Number.isFinite(percent) || percent < 0) {
      throw bad(`${where}:${number}: "${line}" is not a utilization`, 'Give a percentage ≥ 0 (e.g. 42 or 42.5).');
    }
    if (times.length > 0 && time <= (times[times.length - 1] as number)) {
      throw bad(`${where}:${number}: time ${time} does not increase`, 'List the points in increasing time order.');
    }
    times.push(time);
    values.push(Math.min(percent, 100) / 100);
  }
  if (times.length === 0) throw bad(`${where} has no utilization value`, 'Write lines such as 300,42.');
  if (times[0] !== 0) {
    times.unshift(0);
    values.unshift(values[0] as number);
  }
  const last = times[times.length - 1] as number;
  const step = times.length > 1 ? last - (times[times.length - 2] as number) : intervalSec;
  return { times, values, periodSec: last + (csv ? step : intervalSec) };
}

/** The utilization at date `t` (s). */
export function utilizationAt(trace: UtilizationTrace, t: number): number {
  const x = trace.periodSec > 0 ? t % trace.periodSec : 0;
  const { times, values } = trace;
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((times[mid] as number) <= x + 1e-9) low = mid;
    else high = mid - 1;
  }
  return values[low] as number;
}

/** A trace from utilizations (0..1) `intervalSec` apart. */
export function traceFromValues(values: readonly number[], intervalSec: number): UtilizationTrace {
  return {
    times: values.map((_, i) => i * intervalSec),
    values: [...values],
    periodSec: values.length * intervalSec,
  };
}

function bad(message: string, hint: string): LivemigError {
  return new LivemigError('invalid-input', `${message}. ${hint}`);
}
