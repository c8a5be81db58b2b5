// The cases `livemig validate-real` runs, each on real QEMU (three times, for the spread) and once in the simulator:
// idle and busy guests × bandwidth caps × downtime limits, an uncapped one, a larger guest, and writers faster than
// their link with auto-converge, post-copy after a time and hybrid after the first pass. No case uses a calibration
// run's request (calibrate.ts): the errors are measured on held-out cases only.
import type { MigrationRequest } from '../driver/migration-driver.ts';

export interface ValidationCase {
  /** Short and unique: `r8-c32-d30`, `nc-ac`. */
  name: string;
  /** What it shows, for the table's legend. */
  description: string;
  request: MigrationRequest;
}

const MIB = 1024 * 1024;
/** The lab guest of most cases: 256 MiB of RAM, a 64 MiB working set (boots in about 4 s under TCG). */
export const GUEST = { ramBytes: 256 * MIB, workingSetBytes: 64 * MIB };
/** The larger guest: 512 MiB of RAM, a 128 MiB working set. */
export const LARGE_GUEST = { ramBytes: 512 * MIB, workingSetBytes: 128 * MIB };
/** The caps of the matrix, bytes/s (QEMU's max-bandwidth; 0 = none). */
export const MATRIX_CAPS = [32 * MIB, 128 * MIB];
const RATES_MIB = [0, 8, 24];
const DOWNTIME_LIMITS_MS = [30, 300];
/** Not-converging cases are cancelled after this long (auto-converge has then throttled for about 15 s). */
const NOT_CONVERGING_TIMEOUT_SEC = 20;
/** Real runs of each case (the table gives their median and spread). */
export const REPEATS = 3;

function gridCase(rateMiB: number, capMiB: number, downtimeMs: number, guest = GUEST, suffix = ''): ValidationCase {
  const cap = capMiB === 0 ? 'no max-bandwidth' : `max-bandwidth ${capMiB} MiB/s`;
  const size =
    guest === GUEST ? '' : `, a ${guest.ramBytes / MIB} MiB guest (${guest.workingSetBytes / MIB} MiB written)`;
  return {
    name: `r${rateMiB}-c${capMiB}-d${downtimeMs}${suffix}`,
    description: `${rateMiB} MiB/s of writes, ${cap}, downtime-limit ${downtimeMs} ms${size}`,
    request: {
      ...guest,
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
    description: 'the same, switched to post-copy 2 s after migrate (simulated as `hybrid` with `postcopyAfterSec`)',
    request: { ...tooFast, postcopyAfterSec: 2, timeoutSec: 60 },
  },
  {
    name: 'nc-hy',
    description: 'the same, switched to post-copy after the first pass (`hybrid`, `precopyRounds: 1`)',
    request: { ...tooFast, postcopyAfterRounds: 1, timeoutSec: 60 },
  },
];

/** The grid (12 cases), an uncapped busy case, the larger guest idle and busy, and the 4 not-converging cases. */
export function fullMatrix(): ValidationCase[] {
  const grid = RATES_MIB.flatMap((rate) =>
    MATRIX_CAPS.flatMap((cap) => DOWNTIME_LIMITS_MS.map((limit) => gridCase(rate, cap / MIB, limit))),
  );
  const more = [
    gridCase(24, 0, 30),
    gridCase(0, 128, 300, LARGE_GUEST, '-m512'),
    gridCase(24, 128, 30, LARGE_GUEST, '-m512'),
  ];
  return [...grid, ...more, ...NOT_CONVERGING];
}

/** Three short cases at 128 MiB/s, once each (about 40 s with their calibration). */
export function quickMatrix(): ValidationCase[] {
  return [gridCase(8, 128, 30), gridCase(24, 128, 300), gridCase(0, 128, 300)];
}
