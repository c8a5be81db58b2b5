// The cases `livemig validate-real` runs, each once on real QEMU and once in the simulator: dirty rates × bandwidth
// caps × downtime limits, and a writer faster than its link with and without auto-converge and with post-copy.
import type { MigrationRequest } from '../driver/migration-driver.ts';

export interface ValidationCase {
  /** Short and unique: `r8-c32-d30`, `nc-ac`. */
  name: string;
  /** What it shows, for the table's legend. */
  description: string;
  request: MigrationRequest;
}

const MIB = 1024 * 1024;
/** The lab guest of every case: 256 MiB of RAM, a 64 MiB working set (boots in about 4 s under TCG). */
export const GUEST = { ramBytes: 256 * MIB, workingSetBytes: 64 * MIB };
/** The caps of the matrix, bytes/s (QEMU's max-bandwidth; 0 = none). */
export const MATRIX_CAPS = [32 * MIB, 128 * MIB];
const RATES_MIB = [0, 8, 24];
const DOWNTIME_LIMITS_MS = [30, 300];
/** Not-converging cases are cancelled after this long (auto-converge has then throttled for about 15 s). */
const NOT_CONVERGING_TIMEOUT_SEC = 20;

function gridCase(rateMiB: number, capMiB: number, downtimeMs: number): ValidationCase {
  return {
    name: `r${rateMiB}-c${capMiB}-d${downtimeMs}`,
    description: `${rateMiB} MiB/s of writes, max-bandwidth ${capMiB} MiB/s, downtime-limit ${downtimeMs} ms`,
    request: {
      ...GUEST,
      dirtyRateBytesPerSec: rateMiB * MIB,
      maxBandwidthBytesPerSec: capMiB * MIB,
      downtimeLimitSec: downtimeMs / 1000,
      timeoutSec: 60,
    },
  };
}

const tooFast = { ...GUEST, dirtyRateBytesPerSec: 50 * MIB, maxBandwidthBytesPerSec: 32 * MIB, downtimeLimitSec: 0.03 };

export const NOT_CONVERGING: ValidationCase[] = [
  {
    name: 'nc',
    description: `50 MiB/s of writes against 32 MiB/s, 30 ms: never converges, cancelled at ${NOT_CONVERGING_TIMEOUT_SEC} s`,
    request: { ...tooFast, timeoutSec: NOT_CONVERGING_TIMEOUT_SEC },
  },
  {
    name: 'nc-ac',
    description: 'the same with auto-converge: the throttle grows, but a writer paced by the clock is not slowed',
    request: { ...tooFast, autoConverge: true, timeoutSec: NOT_CONVERGING_TIMEOUT_SEC },
  },
  {
    name: 'nc-pc',
    description: 'the same, switched to post-copy 2 s after migrate',
    request: { ...tooFast, postcopyAfterSec: 2, timeoutSec: 60 },
  },
];

/** 12 grid cases and the 3 not-converging ones. */
export function fullMatrix(): ValidationCase[] {
  const grid = RATES_MIB.flatMap((rate) =>
    MATRIX_CAPS.flatMap((cap) => DOWNTIME_LIMITS_MS.map((limit) => gridCase(rate, cap / MIB, limit))),
  );
  return [...grid, ...NOT_CONVERGING];
}

/** Three short cases at 128 MiB/s (about 30 s with their calibration). */
export function quickMatrix(): ValidationCase[] {
  return [gridCase(8, 128, 30), gridCase(24, 128, 300), gridCase(0, 128, 300)];
}

/** The caps the cases use, for the calibration (0 always: it measures the path with no cap). */
export function capsOf(cases: readonly ValidationCase[]): number[] {
  const caps = new Set<number>([0]);
  for (const c of cases) caps.add(c.request.maxBandwidthBytesPerSec ?? 128 * MIB);
  return [...caps].sort((a, b) => a - b);
}
