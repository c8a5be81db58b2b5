// Numbers for people (terminal tables, report.html, plots), one rule everywhere: bytes and byte rates in binary
// prefixes (`16 GiB`, `119 MiB/s`), three significant digits, durations in s/ms/µs, dates on the clock to the
// millisecond, energy in J/kJ/MJ, a space before the unit. Machine formats (JSON, CSV) keep plain SI numbers.

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const FLOP_RATES = ['flop/s', 'kflop/s', 'Mflop/s', 'Gflop/s', 'Tflop/s', 'Pflop/s', 'Eflop/s'];
const ENERGY = ['J', 'kJ', 'MJ'];

/** Bytes with a binary prefix and three significant digits: `16 GiB`, `9.59 GiB`, `512 B`. */
export function readableBytes(bytes: number): string {
  return scaled(bytes, 1024, BINARY);
}

/** Bytes per second with a binary prefix: `119 MiB/s`, `1 GiB/s`. */
export function readableByteRate(bytesPerSec: number): string {
  return scaled(
    bytesPerSec,
    1024,
    BINARY.map((unit) => `${unit}/s`),
  );
}

/** A duration in s, ms or µs with three significant digits: `72.2 s`, `1.95 ms`, `154 ms`, `12.5 µs`. */
export function readableSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return nonFinite(seconds);
  const magnitude = Math.abs(seconds);
  if (magnitude === 0 || significant(magnitude) >= 1) return `${digits(seconds)} s`;
  if (significant(magnitude * 1e3) >= 1) return `${digits(seconds * 1e3)} ms`;
  return `${digits(seconds * 1e6)} µs`;
}

/** A date on the run's clock (seconds from its start), to the millisecond: `132.766 s`, `5.000 s`. */
export function readableTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return nonFinite(seconds);
  const text = seconds.toFixed(3);
  return `${text === '-0.000' ? '0.000' : text} s`;
}

/** Energy in J, kJ or MJ: `23.8 kJ`, `450 J`. */
export function readableEnergy(joules: number): string {
  return scaled(joules, 1000, ENERGY);
}

/** A processor speed with a decimal prefix, as flops are counted: `98.1 Mflop/s`, `1 Gflop/s`. */
export function readableFlopRate(flopsPerSec: number): string {
  return scaled(flopsPerSec, 1000, FLOP_RATES);
}

/** A plain quantity (pages per second, a count that may be fractional) with three significant digits. */
export function readableNumber(value: number): string {
  return Number.isFinite(value) ? digits(value) : nonFinite(value);
}

/** A fraction as a percentage: `readablePercent(0.125)` is `12.5 %`. */
export function readablePercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${digits(fraction * 100)} %` : nonFinite(fraction);
}

/**
 * Three significant digits, never a trailing zero or an exponent: 9.594 → `9.59`, 16 → `16`, 0.001952 →
 * `0.00195`; from 100 on, whole numbers (`652`, `1023`).
 */
function digits(value: number): string {
  const rounded = significant(value);
  if (Math.abs(rounded) >= 100) return String(Math.round(rounded));
  const text = rounded.toFixed(Math.max(0, 2 - Math.floor(Math.log10(Math.abs(rounded) || 1))));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** The value rounded to three significant digits (whole numbers from 100 on). */
function significant(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}

/** The value in the largest unit that keeps it at 1 or more once rounded (`1023.9 MiB` is `1 GiB`). */
function scaled(value: number, base: number, units: readonly string[]): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  let index = 0;
  let amount = value;
  while (index < units.length - 1 && Math.abs(significant(amount)) >= base) {
    amount /= base;
    index++;
  }
  return `${digits(amount)} ${units[index] ?? ''}`;
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return '-';
  return value > 0 ? '∞' : '-∞';
}
