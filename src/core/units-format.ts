// Short human-readable quantities (`1.25GBps`, `1GiB`, `50us`, `98.095Mf`) that the parsers of units.ts read back.

const DECIMAL = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

/** Flop per second with a decimal prefix: `formatFlops(98.095e6)` is `98.095Mf`. */
export function formatFlops(flops: number, digits = 6): string {
  return withPrefix(flops, 1000, DECIMAL, 'f', digits);
}

/** Bytes per second, in decimal or binary prefixes, whichever is shorter: `1.25GBps`, `125MiBps`. */
export function formatBandwidth(bytesPerSec: number, digits = 6): string {
  return shorter(
    withPrefix(bytesPerSec, 1000, DECIMAL, 'Bps', digits),
    withPrefix(bytesPerSec, 1024, BINARY, 'Bps', digits),
  );
}

/** Bytes, in decimal or binary prefixes, whichever is shorter: `1GiB`, `100MB`, `1.5kB`. */
export function formatBytes(bytes: number, digits = 6): string {
  return shorter(withPrefix(bytes, 1000, DECIMAL, 'B', digits), withPrefix(bytes, 1024, BINARY, 'B', digits));
}

/** Seconds in s, ms, us, ns or ps: `50us`, `1.976ms`, `132.766s`. */
export function formatSeconds(seconds: number, digits = 6): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const magnitude = Math.abs(seconds);
  if (magnitude === 0 || magnitude >= 1) return `${trim(seconds, digits)}s`;
  if (magnitude >= 1e-3) return `${trim(seconds * 1e3, digits)}ms`;
  if (magnitude >= 1e-6) return `${trim(seconds * 1e6, digits)}us`;
  if (magnitude >= 1e-9) return `${trim(seconds * 1e9, digits)}ns`;
  return `${trim(seconds * 1e12, digits)}ps`;
}

function withPrefix(value: number, base: number, prefixes: readonly string[], unit: string, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  let index = 0;
  let scaled = value;
  while (index < prefixes.length - 1 && Math.abs(scaled) >= base) {
    scaled /= base;
    index++;
  }
  return `${trim(scaled, digits)}${prefixes[index] ?? ''}${unit}`;
}

function trim(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)));
}

function shorter(decimal: string, binary: string): string {
  return binary.length < decimal.length ? binary : decimal;
}
