// `livemig validate-real`: the machine is calibrated with idle runs, then every case runs once on real QEMU and once in
// the simulator (with the dirty rate the guest achieved, which TCG on a busy machine may keep below its target), and
// the two are compared figure by figure.

import { loadavg } from 'node:os';
import { hostMachine } from '../../core/index.ts';
import { PAGE_SIZE_BYTES } from '../../vm/index.ts';
import type { QemuMigrationDriver } from '../driver/qemu-driver.ts';
import { qemuDriver } from '../driver/qemu-driver.ts';
import { simulatedDriver } from '../driver/simulated-driver.ts';
import type { RealMigrationResult } from '../migration/result.ts';
import { systemClock, type WallClock } from '../wall-clock.ts';
import { type Calibration, type CalibrationRun, calibrate } from './calibrate.ts';
import { capsOf, fullMatrix, quickMatrix, type ValidationCase } from './cases.ts';
import { type CaseComparison, compareCase, medianAbsoluteError, observePredicted, observeReal } from './compare.ts';

export const TARGET_MEDIAN_TOTAL_TIME_ERROR = 0.1;

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
  cases: CaseComparison[];
  /** Median |relative error| over the cases that have the figure (total time: where both completed). */
  medians: { totalSec: number; downtimeSec: number; bytes: number; iterations: number };
  target: number;
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
}

export async function validateReal(options: ValidateRealOptions = {}): Promise<ValidationReport> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.nowSec();
  const date = new Date(clock.epochMs()).toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const cases = options.cases ?? (options.quick === true ? quickMatrix() : fullMatrix());
  const driver = options.driver ?? qemuDriver();
  const progress = options.onProgress ?? (() => {});
  const caps = capsOf(cases);
  let calibrated = 0;
  const calibration = await calibrate(driver, caps, (run) =>
    progress({ kind: 'calibration', run, done: ++calibrated, total: caps.length + 1 }),
  );
  const simulator = simulatedDriver(calibration.machine);
  const comparisons: CaseComparison[] = [];
  let last: RealMigrationResult | undefined;
  for (const c of cases) {
    const real = await driver.migrate(c.request);
    last = real;
    const requested = c.request.dirtyRateBytesPerSec === 'max' ? Number.NaN : c.request.dirtyRateBytesPerSec;
    const achievedPages = real.guest.achievedDirtyRatePagesPerSec;
    const achieved = achievedPages === undefined ? requested : achievedPages * PAGE_SIZE_BYTES;
    const predicted = await simulator.migrate({ ...c.request, dirtyRateBytesPerSec: achieved });
    const identity = { name: c.name, description: c.description };
    const rates = { requestedRateBytesPerSec: requested, achievedRateBytesPerSec: achieved };
    const comparison = compareCase({ ...identity, ...rates }, observeReal(real), observePredicted(predicted));
    comparisons.push(comparison);
    progress({ kind: 'case', comparison, done: comparisons.length, total: cases.length });
  }
  return {
    date,
    command: options.command ?? `livemig validate-real${options.quick === true ? ' --quick' : ''}`,
    machine: machineInfo(last, [loadAtStart, loadavg()[0] ?? 0]),
    calibration,
    cases: comparisons,
    medians: {
      totalSec: medianAbsoluteError(comparisons, 'totalSec'),
      downtimeSec: medianAbsoluteError(comparisons, 'downtimeSec'),
      bytes: medianAbsoluteError(comparisons, 'bytes'),
      iterations: medianAbsoluteError(comparisons, 'iterations'),
    },
    target: TARGET_MEDIAN_TOTAL_TIME_ERROR,
    wallSec: clock.nowSec() - startedAt,
  };
}

function machineInfo(result: RealMigrationResult | undefined, loadAverage: [number, number]): MachineInfo {
  return {
    ...hostMachine(),
    qemu: result?.qemu.versionText.split('\n')[0] ?? 'unknown',
    accel: result?.qemu.accel ?? 'unknown',
    loadAverage,
  };
}
