// The validation without QEMU: real runs recorded by `livemig validate-real` (testing/recorded-*.json) replayed
// against today's simulator, which predicts with the public algorithms. A change of the model that moves its
// predictions away from reality fails here; so does a matrix whose cases are calibration runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LivemigError } from '../../core/index.ts';
import { calibrationRequest } from './calibrate.ts';
import { fullMatrix, quickMatrix, type ValidationCase } from './cases.ts';
import { recordingOf, replayDriver } from './testing/replay-driver.ts';
import { validateReal } from './validate-real.ts';

const MIB = 1024 * 1024;
/** The matrix of 2026-11-22: one real run per case, calibrated with idle runs at no cap, 32 and 128 MiB/s. */
const recorded = recordingOf(
  JSON.parse(readFileSync(new URL('./testing/recorded-2026-11-22.json', import.meta.url), 'utf8')),
);
const recordedCases = (): ValidationCase[] =>
  fullMatrix().filter((c) => recorded.cases.some((run) => run.name === c.name));
const replay = (cases: ValidationCase[]) =>
  validateReal({
    cases,
    driver: replayDriver(recorded, cases),
    repeats: 1,
    calibrationCaps: [0, 32 * MIB, 128 * MIB],
  });

test('replayed against recorded real runs, the public models predict total time and bytes within 10 % (median)', async () => {
  const report = await replay(recordedCases());
  assert.equal(report.cases.length, 15);
  assert.ok(report.medians.totalSec <= report.targets.totalSec, `median error ${report.medians.totalSec}`);
  assert.ok(report.medians.bytes <= report.targets.bytes, `median bytes error ${report.medians.bytes}`);
  for (const c of report.cases) assert.equal(c.predicted.outcome, c.real.outcome, `${c.name}: outcomes differ`);
  // The predictor is the public algorithm: precopy, or hybrid where the request asks for post-copy.
  assert.deepEqual(
    [...new Set(report.cases.map((c) => `${c.name.startsWith('nc-pc') ? 'pc' : 'pre'}:${c.model?.algorithm}`))],
    ['pre:precopy', 'pc:hybrid'],
  );
});

/** The full matrix of 2026-12-06 (3 real runs per case, calibrated at no cap, 48 and 96 MiB/s), on a loaded machine. */
const loaded = recordingOf(
  JSON.parse(readFileSync(new URL('./testing/recorded-2026-12-06.json', import.meta.url), 'utf8')),
);

test('replayed against the held-out matrix of 2026-12-06, bytes and post-copy bytes are within 10 % (median)', async () => {
  const cases = fullMatrix();
  const report = await validateReal({ cases, driver: replayDriver(loaded, cases) });
  assert.equal(report.cases.length, 19);
  assert.equal(report.split.repeats, 3);
  assert.ok(report.cases.every((c) => c.repeats?.length === 3));
  assert.ok(report.medians.bytes <= report.targets.bytes, `bytes ${report.medians.bytes}`);
  assert.ok(report.medians.postcopyBytes <= report.targets.postcopyBytes, `post-copy ${report.medians.postcopyBytes}`);
  // What docs/validation.md reports for this loaded machine: total time 17.5 %, downtime 64.9 % (both missed).
  assert.ok(Math.abs(report.medians.totalSec - 0.175) < 0.005, `total ${report.medians.totalSec}`);
  assert.ok(Math.abs(report.medians.downtimeSec - 0.649) < 0.005, `downtime ${report.medians.downtimeSec}`);
});

test('the writer that cannot keep up never converges, in the simulator as on QEMU, and auto-converge throttles alike', async () => {
  const report = await replay(recordedCases());
  const nc = report.cases.find((c) => c.name === 'nc');
  const ac = report.cases.find((c) => c.name === 'nc-ac');
  assert.deepEqual([nc?.predicted.outcome, ac?.predicted.outcome], ['aborted', 'aborted']);
  assert.equal(ac?.predicted.maxThrottlePercent, ac?.real.maxThrottlePercent);
});

test('the writers are predicted at their asked rate × the share the calibration run’s writer reached', async () => {
  const report = await replay(recordedCases());
  // The recorded stopped-rate run asked 16 MiB/s and its writer reached 16,263,168 B/s.
  assert.ok(Math.abs(report.calibration.guestWriteRatio - 16_263_168 / (16 * MIB)) < 1e-12);
  const busy = report.cases.find((c) => c.name === 'r24-c128-d30');
  assert.equal(busy?.model?.options.memoryLayout, 'top');
});

test('each case runs three times for real by default, and its figures are the median with the range', async () => {
  const cases = recordedCases().filter((c) => c.name === 'r8-c32-d30');
  const report = await validateReal({
    cases,
    driver: replayDriver(recorded, cases),
    calibrationCaps: [0, 32 * MIB, 128 * MIB],
  });
  assert.equal(report.split.repeats, 3);
  assert.equal(report.cases[0]?.repeats?.length, 3);
  assert.deepEqual(report.split.heldOut, ['r8-c32-d30']);
});

test('a real run whose guest does not boot is started again, and the report counts it', async () => {
  const cases = recordedCases().filter((c) => c.name === 'r0-c128-d30');
  const replayed = replayDriver(recorded, cases);
  let failures = 1;
  const flaky = {
    ...replayed,
    migrate: async (request: Parameters<typeof replayed.migrate>[0]) => {
      if (failures-- > 0)
        throw new LivemigError('driver-failure', 'The source console closed before its first report.');
      return replayed.migrate(request);
    },
  };
  const report = await validateReal({ cases, driver: flaky, repeats: 1, calibrationCaps: [0, 32 * MIB, 128 * MIB] });
  assert.equal(report.retriedRuns, 1);
  assert.equal(report.cases.length, 1);
});

test('no case of the matrix is a calibration run, and a case that is one is refused', async () => {
  const requests = [0, 48, 96].map((cap) => JSON.stringify(calibrationRequest(cap * MIB)));
  for (const c of [...fullMatrix(), ...quickMatrix()]) assert.ok(!requests.includes(JSON.stringify(c.request)), c.name);
  const inSample: ValidationCase = { name: 'cal', description: 'a calibration run', request: calibrationRequest(0) };
  await assert.rejects(
    validateReal({ cases: [inSample], driver: replayDriver(recorded, [inSample]) }),
    /Validation cases cal are calibration runs/,
  );
});

test('the full matrix covers idle and busy guests, caps, limits, sizes, auto-converge, post-copy and hybrid', () => {
  const cases = fullMatrix();
  const requests = cases.map((c) => c.request);
  assert.ok(cases.length >= 18);
  assert.ok(requests.some((r) => r.dirtyRateBytesPerSec === 0) && requests.some((r) => r.dirtyRateBytesPerSec !== 0));
  assert.ok(new Set(requests.map((r) => r.maxBandwidthBytesPerSec)).size >= 3);
  assert.ok(new Set(requests.map((r) => r.downtimeLimitSec)).size >= 2);
  assert.ok(new Set(requests.map((r) => r.ramBytes)).size >= 2);
  assert.ok(requests.some((r) => r.autoConverge === true));
  assert.ok(requests.some((r) => r.postcopyAfterSec !== undefined));
  assert.ok(requests.some((r) => r.postcopyAfterRounds !== undefined));
});

test('--quick runs its three cases once each, after three calibration runs none of which is a case', async () => {
  const cases = quickMatrix();
  const seen: string[] = [];
  const report = await validateReal({
    quick: true,
    driver: replayDriver(recorded, cases),
    calibrationCaps: [0, 128 * MIB],
    onProgress: (progress) => seen.push(progress.kind),
  });
  assert.deepEqual(seen, ['calibration', 'calibration', 'calibration', 'case', 'case', 'case']);
  assert.equal(report.command, 'livemig validate-real --quick');
  assert.equal(report.split.repeats, 1);
  assert.deepEqual(
    report.calibration.runs.map((run) => run.capBytesPerSec / MIB),
    [0, 128, 64],
  );
});
