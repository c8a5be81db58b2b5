// The options of a real migration, checked all at once (every problem listed) and turned into plain settings.
import { InputError, type Issue, isLivemigError, parseBandwidth } from '../../core/index.ts';
import type { LabGuest } from '../lab/lab-guest.ts';
import type { AcceleratorRequest } from '../qemu/accelerator.ts';
import type { WallClock } from '../wall-clock.ts';
import type { SwitchoverHook } from './switchover.ts';

/** Guest write rate: pages/s (4 KiB pages), `'max'` (as fast as the vCPU can), or a text like `'10MiB/s'`. */
export type DirtyRate = number | 'max' | string;

export interface RealAutoConvergeOptions {
  /** `cpu-throttle-initial`, percent (QEMU default 20). */
  initialPercent?: number;
  /** `cpu-throttle-increment`, percent (QEMU default 10). */
  incrementPercent?: number;
  /** `max-cpu-throttle`, percent (QEMU default 99). */
  maxPercent?: number;
}

export interface RealMigrationOptions {
  /** Guest RAM in MiB (default 256; raised by 4 KiB under TCG with QEMU < 9.0, see docs/qemu.md). */
  ramMiB?: number;
  /** Memory the guest's dirtier allocates and rewrites, MiB (default 64). */
  workingSetMiB?: number;
  /** Default 2560 pages/s (10 MiB/s). */
  dirtyRate?: DirtyRate;
  /** `max-bandwidth`: bytes/s or a text like `'32MiB/s'`; 0 = unlimited. Default: QEMU's (128 MiB/s in 7.2). */
  maxBandwidth?: number | string;
  /** `downtime-limit` in seconds. Default: QEMU's (0.3 s). */
  downtimeLimitSec?: number;
  /** CPU throttling when the guest dirties faster than the link sends. */
  autoConverge?: boolean | RealAutoConvergeOptions;
  /** Enable `postcopy-ram` on both sides (switch with `startPostcopy()`, or by the two options below). */
  postcopy?: boolean;
  /** Switch to post-copy this long after `migrate` (implies `postcopy`). */
  postcopyAfterSec?: number;
  /** Switch to post-copy once this many pre-copy rounds are done (implies `postcopy`). */
  postcopyAfterRounds?: number;
  /** Asked at the switch-over point (the source is already paused); false cancels and the source runs on. */
  beforeSwitchover?: SwitchoverHook;
  cancelAfterSec?: number;
  /** `extendLive()` this long after `migrate` (if the migration is still live then). */
  extendLiveAtSec?: number;
  /** `endLive('now')` this long after `migrate`: switch over (post-copy when on), held or not. */
  endLiveAtSec?: number;
  /** SIGKILL the destination QEMU this long after `migrate` (a crashed destination). */
  killDestinationAfterSec?: number;
  /** Cancel the migration when it is not over this long after `migrate`. Default 120 s. */
  timeoutSec?: number;
  /** Wait after the guest's first report before migrating. Default 0. */
  warmUpSec?: number;
  /** Default 60 s (TCG boots in about 3 s). */
  bootTimeoutSec?: number;
  /** Default 0.1 s, as QEMU's own accounting window. */
  pollIntervalSec?: number;
  accel?: AcceleratorRequest;
  qemuBinary?: string;
  /** The guest to boot; default: `buildLabGuest()`. */
  guest?: LabGuest;
  /** Keep console and stderr logs here; by default they are removed with the private temp dir. */
  logDir?: string;
  /** Parent of the private temp dir holding the QMP sockets (default: the OS temp dir). */
  tempRoot?: string;
  /** Names in the record (defaults `lab-guest`, `source`, `destination`). */
  vmName?: string;
  sourceName?: string;
  destinationName?: string;
  clock?: WallClock;
}

export interface MigrationSettings {
  ramBytes: number;
  workingSetMiB: number;
  /** The guest's rate argument: pages/s, or -1 for as fast as possible. */
  guestRate: number;
  maxBandwidthBytesPerSec: number | undefined;
  downtimeLimitSec: number | undefined;
  autoConverge: RealAutoConvergeOptions | undefined;
  postcopy: boolean;
  postcopyAfterSec: number | undefined;
  postcopyAfterRounds: number | undefined;
  cancelAfterSec: number | undefined;
  extendLiveAtSec: number | undefined;
  endLiveAtSec: number | undefined;
  killDestinationAfterSec: number | undefined;
  timeoutSec: number;
  warmUpSec: number;
  bootTimeoutSec: number;
  pollIntervalSec: number;
}

const MIB = 1024 * 1024;
const PAGES_PER_MIB = 256;
/** Room the kernel and initramfs need besides the working set. */
/** RAM the lab guest keeps for itself besides the working set its workload dirties. */
export const GUEST_OVERHEAD_MIB = 96;
/** QEMU's MAX_MIGRATE_DOWNTIME: 2000 s. */
export const MAX_DOWNTIME_LIMIT_SEC = 2000;

/** `'max'` → -1; `'10MiB/s'` → 2560; `'2560pages/s'` or 2560 → 2560. Undefined when it cannot be read. */
export function parseDirtyRate(rate: DirtyRate): number | undefined {
  if (rate === 'max') return -1;
  if (typeof rate === 'number') return Number.isInteger(rate) && rate >= 0 ? rate : undefined;
  const pages = /^\s*(\d+)\s*pages\/s\s*$/.exec(rate);
  if (pages !== null) return Number(pages[1]);
  try {
    const bytesPerSec = parseBandwidth(rate, { unitless: 'reject' });
    return Math.round((bytesPerSec / MIB) * PAGES_PER_MIB);
  } catch (error) {
    if (isLivemigError(error)) return undefined;
    throw error;
  }
}

export function resolveMigrationOptions(options: RealMigrationOptions): MigrationSettings {
  const issues: Issue[] = [];
  const problem = (path: string, message: string) => issues.push({ code: 'invalid-option', path, message });
  const positive = (path: string, value: number | undefined, fallback: number): number => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      problem(path, `must be a positive number, got ${value}`);
    return value ?? fallback;
  };
  const optional = (path: string, value: number | undefined): number | undefined => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      problem(path, `must be a number ≥ 0, got ${value}`);
    return value;
  };
  const ramMiB = positive('ramMiB', options.ramMiB, 256);
  const workingSetMiB = positive('workingSetMiB', options.workingSetMiB, 64);
  if (!Number.isInteger(ramMiB) || !Number.isInteger(workingSetMiB))
    problem('ramMiB', 'ramMiB and workingSetMiB must be whole MiB');
  if (workingSetMiB + GUEST_OVERHEAD_MIB > ramMiB) {
    problem(
      'workingSetMiB',
      `${workingSetMiB} MiB leaves too little of ${ramMiB} MiB RAM (keep ${GUEST_OVERHEAD_MIB} MiB for the guest)`,
    );
  }
  const guestRate = parseDirtyRate(options.dirtyRate ?? 2560);
  if (guestRate === undefined)
    problem('dirtyRate', `"${String(options.dirtyRate)}" is not pages/s, 'max', or a rate like '10MiB/s'`);
  const maxBandwidthBytesPerSec = bandwidth(options.maxBandwidth, problem);
  const downtimeLimitSec = optional('downtimeLimitSec', options.downtimeLimitSec);
  if (downtimeLimitSec !== undefined && downtimeLimitSec > MAX_DOWNTIME_LIMIT_SEC) {
    problem('downtimeLimitSec', `QEMU accepts at most ${MAX_DOWNTIME_LIMIT_SEC} s, got ${downtimeLimitSec}`);
  }
  const autoConverge = autoConvergeSettings(options.autoConverge, problem);
  const postcopyAfterRounds = optional('postcopyAfterRounds', options.postcopyAfterRounds);
  if (postcopyAfterRounds !== undefined && !Number.isInteger(postcopyAfterRounds))
    problem('postcopyAfterRounds', 'must be a whole number');
  const postcopyAfterSec = optional('postcopyAfterSec', options.postcopyAfterSec);
  const settings: MigrationSettings = {
    ramBytes: ramMiB * MIB,
    workingSetMiB,
    guestRate: guestRate ?? 0,
    maxBandwidthBytesPerSec,
    downtimeLimitSec,
    autoConverge,
    postcopy: options.postcopy === true || postcopyAfterSec !== undefined || postcopyAfterRounds !== undefined,
    postcopyAfterSec,
    postcopyAfterRounds,
    cancelAfterSec: optional('cancelAfterSec', options.cancelAfterSec),
    extendLiveAtSec: optional('extendLiveAtSec', options.extendLiveAtSec),
    endLiveAtSec: optional('endLiveAtSec', options.endLiveAtSec),
    killDestinationAfterSec: optional('killDestinationAfterSec', options.killDestinationAfterSec),
    timeoutSec: positive('timeoutSec', options.timeoutSec, 120),
    warmUpSec: optional('warmUpSec', options.warmUpSec) ?? 0,
    bootTimeoutSec: positive('bootTimeoutSec', options.bootTimeoutSec, 60),
    pollIntervalSec: positive('pollIntervalSec', options.pollIntervalSec, 0.1),
  };
  if (issues.length > 0) throw new InputError('Invalid options for a real QEMU migration:', issues);
  return settings;
}

/** QEMU's cpu-throttle settings: whole percents in 1..99 (true: QEMU's own). */
function autoConvergeSettings(
  value: RealMigrationOptions['autoConverge'],
  problem: (path: string, message: string) => void,
): RealAutoConvergeOptions | undefined {
  const settings = value === true ? {} : value === false ? undefined : value;
  for (const [name, percent] of Object.entries(settings ?? {})) {
    if (!(Number.isInteger(percent) && percent >= 1 && percent <= 99))
      problem(`autoConverge.${name}`, `must be a whole percent in 1..99, got ${percent}`);
  }
  return settings;
}

function bandwidth(
  value: number | string | undefined,
  problem: (path: string, message: string) => void,
): number | undefined {
  if (value === undefined) return undefined;
  if (value === Number.POSITIVE_INFINITY) return 0; // QEMU's 0 means unlimited
  try {
    const bytesPerSec = parseBandwidth(value, { unitless: 'accept' });
    if (Number.isFinite(bytesPerSec) && bytesPerSec >= 0) return Math.round(bytesPerSec);
    problem('maxBandwidth', `must be ≥ 0 bytes/s, got ${value}`);
  } catch (error) {
    if (!isLivemigError(error)) throw error;
    problem('maxBandwidth', `"${value}" is not a bandwidth (bytes/s, or a text like '32MiB/s'): ${error.message}`);
  }
  return undefined;
}
