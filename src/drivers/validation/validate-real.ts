// `livemig validate-real`: the machine is calibrated with runs that are none of the cases, then every case runs on real
// QEMU (three times for the full matrix) and once in the simulator — the public `precopy` or `hybrid` algorithm with
// the request's options, the writer at its asked rate × the share of it the calibration's writer reached — and the
// two are compared figure by figure, on these held-out cases only.

import { loadavg } from 'node:os';
import { hostMachine, isLivemigError, LivemigError } from '../../core/index.ts';
import { PAGE_SIZE_BYTES } from '../../vm/index.ts';
import type { MigrationRequest } from '../driver/migration-driver.ts';
import type { QemuMigrationDriver } from '../driver/qemu-driver.ts';
import { qemuDriver } from '../driver/qemu-driver.ts';
import { migrateOptions, simulatedDriver } from '../driver/simulated-driver.ts';
import { headStartSec, type SimulatedMachine, setupSecFor } from '../driver/simulated-machine.ts';
import type { RealMigrationResult } from '../migration/result.ts';
import { systemClock, type WallClock } from '../wall-clock.ts';
import {
  CALIBRATION_CAPS,
  type Calibration,
  type CalibrationRun,
  calibrate,
  calibrationRequests,
  QUICK_CALIBRATION_CAPS,
} from './calibrate.ts';
import { fullMatrix, quickMatrix, REPEATS, type ValidationCase } from './cases.ts';
import {
  type CaseComparison,
  compareRepeats,
  medianAbsoluteError,
  type Observation,
  observePredicted,
  observeReal,
} from './compare.ts';

/** Targets of the median |error| over the held-out cases. */
export const TARGETS = { totalSec: 0.1, downtimeSec: 0.25, bytes: 0.1, postcopyBytes: 0.1 } as const;

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  os: string;
  qemu: string;
  accel: string;
  /** 1-minute load average at the start and at the end of the run. */
  loadAverage: [number, number];
}

export interface ValidationReport {
  /** ISO date-time of the start. */
  date: string;
  command: string;
  machine: MachineInfo;
  calibration: Calibration;
  /** How runs were split: the calibration runs the machine was measured on, the held-out cases the errors are
   * measured on (no case's request is a calibration run's), and the real runs per case. */
  split: { calibration: string[]; heldOut: string[]; repeats: number };
  /** Real runs started again because the guest did not boot (a TCG guest on a loaded machine may panic early). */
  retriedRuns: number;
  cases: CaseComparison[];
  /** Median |relative error| over the held-out cases that have the figure (total time and downtime: where both
   * completed; post-copy bytes: where the real runs sent some). */
  medians: { totalSec: number; downtimeSec: number; bytes: number; iterations: number; postcopyBytes: number };
  /** The target of the total time's median (`targets.totalSec`), kept for readers of older reports. */
  target: number;
  targets: typeof TARGETS;
  wallSec: number;
}

export type ValidationProgress =
  | { kind: 'calibration'; run: CalibrationRun; done: number; total: number }
  | { kind: 'case'; comparison: CaseComparison; done: number; total: number };

export interface ValidateRealOptions {
  quick?: boolean;
  /** Instead of the matrix. */
  cases?: ValidationCase[];
  driver?: QemuMigrationDriver;
  onProgress?: (progress: ValidationProgress) => void;
  clock?: WallClock;
  /** How the run was asked for, for the report (default `livemig validate-real`). */
  command?: string;
  /** Real runs per case (default 3, 1 with `quick`). */
  repeats?: number;
  /** Caps of the idle calibration runs (default: none, 48 and 96 MiB/s, which no case uses; quick: none and 96). */
  calibrationCaps?: readonly number[];
}

export async function validateReal(options: ValidateRealOptions = {}): Promise<ValidationReport> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.nowSec();
  const date = new Date(clock.epochMs()).toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const cases = options.cases ?? (options.quick === true ? quickMatrix() : fullMatrix());
  const repeats = options.repeats ?? (options.quick === true ? 1 : REPEATS);
  let retriedRuns = 0;
  const driver = retrying(options.driver ?? qemuDriver(), () => retriedRuns++);
  const progress = options.onProgress ?? (() => {});
  const caps = options.calibrationCaps ?? (options.quick === true ? QUICK_CALIBRATION_CAPS : CALIBRATION_CAPS);
  const heldOut = checkHeldOut(cases, calibrationRequests(caps));
  let calibrated = 0;
  const calibration = await calibrate(driver, caps, (run) =>
    progress({ kind: 'calibration', run, done: ++calibrated, total: caps.length + 1 }),
  );
  const simulator = simulatedDriver(calibration.machine);
  const comparisons: CaseComparison[] = [];
  const seen: { last?: RealMigrationResult } = {};
  for (const c of cases) {
    const comparison = await compareCase(c, { driver, simulator, calibration, repeats, seen });
    comparisons.push(comparison);
    progress({ kind: 'case', comparison, done: comparisons.length, total: cases.length });
  }
  const last = seen.last;
  return {
    date,
    command: options.command ?? `livemig validate-real${options.quick === true ? ' --quick' : ''}`,
    machine: machineInfo(last, [loadAtStart, loadavg()[0] ?? 0]),
    calibration,
    split: {
      calibration: calibrationRequests(caps).map(describeCalibration),
      heldOut,
      repeats,
    },
    retriedRuns,
    cases: comparisons,
    medians: {
      totalSec: medianAbsoluteError(comparisons, 'totalSec'),
      downtimeSec: medianAbsoluteError(comparisons, 'downtimeSec'),
      bytes: medianAbsoluteError(comparisons, 'bytes'),
      iterations: medianAbsoluteError(comparisons, 'iterations'),
      postcopyBytes: medianAbsoluteError(comparisons, 'postcopyBytes'),
    },
    target: TARGETS.totalSec,
    targets: TARGETS,
    wallSec: clock.nowSec() - startedAt,
  };
}

interface CaseRun {
  driver: QemuMigrationDriver;
  simulator: ReturnType<typeof simulatedDriver>;
  calibration: Calibration;
  repeats: number;
  /** The last real run (its QEMU and accelerator go in the report). */
  seen: { last?: RealMigrationResult };
}

/** One held-out case: its real runs, then the simulator's prediction at the calibrated write rate, compared. */
async function compareCase(c: ValidationCase, run: CaseRun): Promise<CaseComparison> {
  const runs: Observation[] = [];
  const achieved: number[] = [];
  for (let r = 0; r < run.repeats; r++) {
    const real = await run.driver.migrate(c.request);
    run.seen.last = real;
    runs.push(observeReal(real));
    const pages = real.guest.achievedDirtyRatePagesPerSec;
    if (pages !== undefined) achieved.push(pages * PAGE_SIZE_BYTES);
  }
  const asked = c.request.dirtyRateBytesPerSec === 'max' ? Number.NaN : c.request.dirtyRateBytesPerSec;
  const request = { ...c.request, dirtyRateBytesPerSec: asked * run.calibration.guestWriteRatio };
  const predicted = await run.simulator.migrate(request);
  const identity = {
    name: c.name,
    description: c.description,
    requestedRateBytesPerSec: asked,
    achievedRateBytesPerSec: achieved.length === 0 ? asked : median(achieved),
  };
  const comparison = compareRepeats(identity, runs, observePredicted(predicted));
  comparison.model = publicModel(run.calibration.machine, request);
  return comparison;
}

/** Attempts of a real run whose guest fails to boot before it migrates (a driver failure, nothing measured). */
export const REAL_RUN_ATTEMPTS = 3;

/** The driver, starting a run again (up to REAL_RUN_ATTEMPTS in all) when the driver itself fails. */
function retrying(driver: QemuMigrationDriver, onRetry: () => void): QemuMigrationDriver {
  return {
    ...driver,
    migrate: async (request) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await driver.migrate(request);
        } catch (error) {
          if (!isLivemigError(error, 'driver-failure') || attempt >= REAL_RUN_ATTEMPTS) throw error;
          onRetry();
        }
      }
    },
  };
}

/** The held-out cases' names; a case whose request is a calibration run's is refused (it would be in-sample). */
function checkHeldOut(cases: readonly ValidationCase[], calibration: readonly MigrationRequest[]): string[] {
  const key = (request: MigrationRequest) => JSON.stringify(request);
  const calibrationKeys = new Set(calibration.map(key));
  const inSample = cases.filter((c) => calibrationKeys.has(key(c.request))).map((c) => c.name);
  if (inSample.length > 0) {
    throw new LivemigError(
      'invalid-argument',
      `Validation cases ${inSample.join(', ')} are calibration runs: their errors would not be held out. Change their requests.`,
    );
  }
  return cases.map((c) => c.name);
}

/** The public algorithm and options the simulator predicts a request with (hooks left out). */
function publicModel(machine: SimulatedMachine, request: MigrationRequest): NonNullable<CaseComparison['model']> {
  const cap = request.maxBandwidthBytesPerSec ?? 128 * 2 ** 20;
  const setupSec = Math.max(0, setupSecFor(machine, request.ramBytes) - headStartSec(machine, cap));
  const { algorithm, ...options } = migrateOptions(machine, request, undefined, setupSec);
  const plain = Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== 'function'));
  return { algorithm: typeof algorithm === 'string' ? algorithm : 'custom', options: plain };
}

function describeCalibration(request: MigrationRequest): string {
  const cap = request.maxBandwidthBytesPerSec ?? 0;
  const rate = request.dirtyRateBytesPerSec;
  const guest = rate === 0 ? 'idle guest' : `a ${typeof rate === 'number' ? rate / 2 ** 20 : rate} MiB/s writer`;
  return `${guest}, ${cap === 0 ? 'no cap' : `${cap / 2 ** 20} MiB/s`}, downtime-limit ${(request.downtimeLimitSec ?? 0.3) * 1000} ms`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function machineInfo(result: RealMigrationResult | undefined, loadAverage: [number, number]): MachineInfo {
  return {
    ...hostMachine(),
    qemu: result?.qemu.versionText.split('\n')[0] ?? 'unknown',
    accel: result?.qemu.accel ?? 'unknown',
    loadAverage,
  };
}
