// A QemuMigrationDriver that answers with recorded real runs instead of running QEMU, for the validation's tests:
// the calibration's measures and each case's real figures (every repeat), as `livemig validate-real` wrote them
// (validation.json: its `calibration.runs`, and its cases' `repeats` or, in older files, `real`).
import { LivemigError } from '../../../core/index.ts';
import type { MigrationRequest } from '../../driver/migration-driver.ts';
import type { QemuMigrationDriver } from '../../driver/qemu-driver.ts';
import type { RealMigrationResult } from '../../migration/result.ts';
import { type CalibrationMeasure, calibrationRequest, STOPPED_RATE_REQUEST } from '../calibrate.ts';
import type { ValidationCase } from '../cases.ts';
import type { Observation } from '../compare.ts';

export interface RecordedRun {
  calibration: CalibrationMeasure[];
  cases: { name: string; achievedRateBytesPerSec: number; real: Observation }[];
}

const MIB = 1024 * 1024;
const PAGE_BYTES = 4096;

/** A case's k-th real run is its k-th recorded one (cycling when fewer were recorded than asked for). */
export function replayDriver(recorded: RecordedRun, cases: readonly ValidationCase[]): QemuMigrationDriver {
  const same = (a: MigrationRequest, b: MigrationRequest) => JSON.stringify(a) === JSON.stringify(b);
  const served = new Map<string, number>();
  return {
    kind: 'qemu',
    migrate: async (request) => {
      const measure = recorded.calibration.find((m) =>
        m.dirtyRateBytesPerSec > 0
          ? same(request, STOPPED_RATE_REQUEST)
          : same(request, calibrationRequest(m.capBytesPerSec)),
      );
      if (measure !== undefined) return calibrationResult(measure, request);
      const name = cases.find((c) => same(c.request, request))?.name;
      const runs = recorded.cases.filter((c) => c.name === name);
      if (name !== undefined && runs.length > 0) {
        const k = served.get(name) ?? 0;
        served.set(name, k + 1);
        return caseResult(runs[k % runs.length] as RecordedRun['cases'][number], request);
      }
      throw new LivemigError('invalid-argument', `No recorded run for ${JSON.stringify(request)}.`);
    },
  };
}

/** The fields calibrate.ts reads. */
function calibrationResult(m: CalibrationMeasure, request: MigrationRequest): RealMigrationResult {
  return fake({
    outcome: 'completed',
    durationSec: m.setupSec + m.bulkSec,
    downtimeSec: m.downtimeSec,
    rounds: [{ stage: 1, index: 0, start: m.setupSec, end: m.setupSec + m.bulkSec, bytes: m.bulkBytes }],
    stats: {
      setupTimeSec: m.setupSec,
      precopyBytes: m.bulkBytes,
      sourceStopAtSec: m.setupSec + m.bulkSec,
      downtimeBytes: m.downtimeBytes,
      normalBytes: m.baseMemoryBytes + request.workingSetBytes,
    },
    guest: {
      workingSetMiB: request.workingSetBytes / MIB,
      dirtyRatePagesPerSec: m.dirtyRateBytesPerSec / PAGE_BYTES,
      achievedDirtyRatePagesPerSec: m.dirtyRateBytesPerSec / PAGE_BYTES,
    },
  });
}

/** The fields observeReal and validateReal read. */
function caseResult(run: RecordedRun['cases'][number], request: MigrationRequest): RealMigrationResult {
  const real = run.real;
  return fake({
    outcome: real.outcome,
    durationSec: real.totalSec,
    downtimeSec: real.downtimeSec,
    rounds: real.rounds,
    stats: {
      transferredBytes: real.bytes,
      dirtySyncCount: real.iterations,
      maxThrottlePercent: real.maxThrottlePercent,
      throttlePercent: real.maxThrottlePercent,
      postcopyBytes: real.postcopyBytes,
    },
    guest: {
      workingSetMiB: request.workingSetBytes / MIB,
      achievedDirtyRatePagesPerSec: run.achievedRateBytesPerSec / PAGE_BYTES,
    },
  });
}

function fake(fields: Record<string, unknown>): RealMigrationResult {
  return { ...fields, qemu: { versionText: 'QEMU emulator version 7.2.22 (recorded)', accel: 'tcg' } } as never;
}

/** The recording in a file: a RecordedRun, or a validation.json as `livemig validate-real` writes it. */
export function recordingOf(json: unknown): RecordedRun {
  const file = json as {
    calibration: CalibrationMeasure[] | { runs: CalibrationMeasure[] };
    cases: { name: string; achievedRateBytesPerSec: number; real: Observation; repeats?: Observation[] }[];
  };
  const calibration = Array.isArray(file.calibration) ? file.calibration : file.calibration.runs;
  const cases = file.cases.flatMap((c) =>
    (c.repeats ?? [c.real]).map((real) => ({ name: c.name, achievedRateBytesPerSec: c.achievedRateBytesPerSec, real })),
  );
  return { calibration, cases };
}
