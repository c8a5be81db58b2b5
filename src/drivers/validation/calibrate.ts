// Measuring the machine once, for the simulator, with runs that are none of the cases (held out: compare.ts): an idle
// lab guest (nothing written after its working set is filled) migrated with no cap and under two caps no case uses,
// with a downtime limit no case uses, then one run with a writer whose stop-and-copy carries tens of MB. From the idle
// runs: the throughput of the path with no cap while the guest runs, QEMU's setup time (per byte of RAM: its first
// dirty-bitmap sync walks every page), the guest's non-zero memory outside the working set, the device state, the
// fixed cost of the switch-over, and the head start QEMU's rate limiter gives a capped pass (the median over the two
// caps, used for any cap); from the last run, the throughput once the vCPU is stopped and the share of its asked
// write rate the guest's writer reaches. Every constant is a median (or one run's) over these runs only.
import { LivemigError } from '../../core/index.ts';
import type { MigrationRequest } from '../driver/migration-driver.ts';
import type { QemuMigrationDriver } from '../driver/qemu-driver.ts';
import type { SimulatedMachine } from '../driver/simulated-machine.ts';
import type { RealMigrationResult } from '../migration/result.ts';
import { GUEST } from './cases.ts';

const MIB = 1024 * 1024;
/** The caps of the idle calibration runs: none, and two that no case of the matrix uses. */
export const CALIBRATION_CAPS = [0, 48 * MIB, 96 * MIB];
/** `--quick`'s: none, and one. */
export const QUICK_CALIBRATION_CAPS = [0, 96 * MIB];

export interface CalibrationRun {
  capBytesPerSec: number;
  request: MigrationRequest;
  result: RealMigrationResult;
}

export interface CalibrationMeasure {
  capBytesPerSec: number;
  /** 0 for the idle runs; the writer of the stopped-rate run (the rate it reached). */
  dirtyRateBytesPerSec: number;
  /** The rate the writer was asked for (recordings older than this field: the stopped-rate run's 16 MiB/s). */
  requestedRateBytesPerSec?: number;
  /** The guest's RAM (older recordings: the lab guest's 256 MiB). */
  ramBytes?: number;
  /** The live phase (an idle guest's is its bulk pass): bytes and seconds. */
  bulkBytes: number;
  bulkSec: number;
  setupSec: number;
  downtimeSec: number;
  downtimeBytes: number;
  /** Pages sent whole, less the working set. */
  baseMemoryBytes: number;
}

export interface Calibration {
  machine: SimulatedMachine;
  /** The share of its asked rate the guest's writer reached in the calibration run with a writer: the cases' writers
   * are predicted at their asked rate × this (under TCG on a loaded machine the writer falls a few % short). */
  guestWriteRatio: number;
  /** Per run: what the machine was computed from. */
  runs: CalibrationMeasure[];
}

/** An idle run: 100 ms of downtime limit, which no case has (the idle cases are the closest to it). */
export function calibrationRequest(capBytesPerSec: number): MigrationRequest {
  return {
    ...GUEST,
    dirtyRateBytesPerSec: 0,
    maxBandwidthBytesPerSec: capBytesPerSec,
    downtimeLimitSec: 0.1,
    timeoutSec: 60,
  };
}

/** The stopped-rate run: 16 MiB/s of writes at 64 MiB/s (no case's cap) with a 1 s downtime limit: the VM stops
 * after the bulk pass with about 30 MiB dirty, sent with the vCPU stopped (about 15 ms). */
export const STOPPED_RATE_REQUEST: MigrationRequest = {
  ...GUEST,
  dirtyRateBytesPerSec: 16 * 1024 * 1024,
  maxBandwidthBytesPerSec: 64 * 1024 * 1024,
  downtimeLimitSec: 1,
  timeoutSec: 60,
};

/** The requests of the calibration runs, in their order. */
export function calibrationRequests(caps: readonly number[] = CALIBRATION_CAPS): MigrationRequest[] {
  return [...caps.map(calibrationRequest), STOPPED_RATE_REQUEST];
}

/** Runs the calibration migrations one after the other (the first with no cap). */
export async function calibrate(
  driver: QemuMigrationDriver,
  caps: readonly number[] = CALIBRATION_CAPS,
  onRun: (run: CalibrationRun) => void = () => {},
): Promise<Calibration> {
  const runs: CalibrationRun[] = [];
  const requests = calibrationRequests(caps);
  for (const request of requests) {
    let result = await driver.migrate(request);
    // A run that failed for the machine's sake (a guest too slow to answer its memory check on a loaded machine)
    // measures nothing: it is run again, up to three times in all.
    for (let attempt = 1; result.outcome !== 'completed' && attempt < 3; attempt++)
      result = await driver.migrate(request);
    if (result.outcome !== 'completed') {
      const message = `A calibration run (${describe(request)}) did not complete: ${result.error ?? result.outcome}.`;
      throw new LivemigError('driver-failure', message);
    }
    const run = { capBytesPerSec: request.maxBandwidthBytesPerSec ?? 0, request, result };
    runs.push(run);
    onRun(run);
  }
  return machineFromRuns(runs);
}

function describe(request: MigrationRequest): string {
  const cap = request.maxBandwidthBytesPerSec ?? 0;
  const rate = request.dirtyRateBytesPerSec === 0 ? 'idle guest' : 'a 16 MiB/s writer';
  return `${rate}, ${cap === 0 ? 'no cap' : `cap ${cap} B/s`}`;
}

/** The machine the calibration runs describe; one run must have no cap. */
export function machineFromRuns(runs: readonly CalibrationRun[]): Calibration {
  return machineFromMeasures(runs.map(measure));
}

/** The live phase from QEMU's own counters: precopy-bytes (sent before the VM stopped) over the time from the end
 * of setup to the source's STOP event (polls are 100 ms apart: bytes read off them would be that coarse). */
function measure({ capBytesPerSec, request, result }: CalibrationRun): CalibrationMeasure {
  const setupSec = result.stats.setupTimeSec ?? 0;
  const stopAt = result.stats.sourceStopAtSec;
  if (stopAt === undefined) throw new LivemigError('driver-failure', 'A calibration run has no STOP event.');
  return {
    capBytesPerSec,
    dirtyRateBytesPerSec: Math.round((result.guest.achievedDirtyRatePagesPerSec ?? 0) * 4096),
    requestedRateBytesPerSec: request.dirtyRateBytesPerSec === 'max' ? 0 : request.dirtyRateBytesPerSec,
    ramBytes: request.ramBytes,
    bulkBytes: result.stats.precopyBytes,
    bulkSec: stopAt - setupSec,
    setupSec,
    downtimeSec: result.downtimeSec ?? 0,
    downtimeBytes: result.stats.downtimeBytes,
    baseMemoryBytes: result.stats.normalBytes - result.guest.workingSetMiB * 1024 * 1024,
  };
}

/** The machine, from measures (recorded ones too); one must have no cap. */
export function machineFromMeasures(measured: readonly CalibrationMeasure[]): Calibration {
  const idle = measured.filter((run) => run.dirtyRateBytesPerSec === 0);
  const free = idle.find((run) => run.capBytesPerSec === 0);
  const stopped = measured.find((run) => run.dirtyRateBytesPerSec > 0);
  if (free === undefined || stopped === undefined) {
    throw new LivemigError('invalid-argument', 'The calibration needs an idle run with no cap and a stopped-rate run.');
  }
  const linkBandwidthBytesPerSec = free.bulkBytes / free.bulkSec;
  // The idle runs' downtimes are the switch-over's fixed cost (their few hundred kB take a fraction of a ms); the
  // stopped-rate run's downtime less that cost is its bytes' transfer time.
  const fixedSec = median(idle.map((run) => run.downtimeSec));
  const stoppedBandwidthBytesPerSec = stopped.downtimeBytes / Math.max(1e-3, stopped.downtimeSec - fixedSec);
  const machine: SimulatedMachine = {
    linkBandwidthBytesPerSec,
    stoppedBandwidthBytesPerSec,
    setupSec: median(idle.map((run) => run.setupSec)),
    setupRamBytes: median(idle.map((run) => run.ramBytes ?? GUEST.ramBytes)),
    baseMemoryBytes: Math.round(median(idle.map((run) => run.baseMemoryBytes))),
    deviceStateBytes: Math.round(median(idle.map((run) => run.downtimeBytes))),
    switchoverSec: Math.max(
      0,
      median(idle.map((run) => run.downtimeSec - run.downtimeBytes / stoppedBandwidthBytesPerSec)),
    ),
    capEfficiency: 1,
    caps: [],
  };
  // A capped bulk pass takes bulkBytes / (efficiency × cap) − headStart seconds: with two caps or more, a least-
  // squares line through (bulkBytes / cap, bulkSec) gives both (a CPU-starved migration thread falls short of its
  // cap: efficiency < 1); with one, the efficiency stays 1 and the head start is that run's.
  const capped = idle.filter((run) => run.capBytesPerSec > 0);
  const efficiency = capped.length >= 2 ? fitEfficiency(capped) : 1;
  machine.capEfficiency = efficiency;
  machine.caps = capped.map((run) => ({
    capBytesPerSec: run.capBytesPerSec,
    headStartSec: run.bulkBytes / (efficiency * run.capBytesPerSec) - run.bulkSec,
  }));
  const asked = stopped.requestedRateBytesPerSec ?? STOPPED_RATE_REQUEST.dirtyRateBytesPerSec;
  const guestWriteRatio = typeof asked === 'number' && asked > 0 ? stopped.dirtyRateBytesPerSec / asked : 1;
  return { machine, guestWriteRatio, runs: [...measured] };
}

/** The slope of bulkSec against bulkBytes / cap (least squares), as an efficiency 1 / slope; 1 when the caps give no
 * plausible slope. */
function fitEfficiency(runs: readonly CalibrationMeasure[]): number {
  const xs = runs.map((run) => run.bulkBytes / run.capBytesPerSec);
  const ys = runs.map((run) => run.bulkSec);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += ((xs[i] as number) - mx) ** 2;
    sxy += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const efficiency = slope > 0 ? 1 / slope : Number.NaN;
  // Outside [0.5, 1.05] the line says more about a machine whose load changed between the runs than about the
  // limiter: keep the cap as it is (the head starts then absorb the difference, run by run).
  return efficiency >= 0.5 && efficiency <= 1.05 ? efficiency : 1;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
