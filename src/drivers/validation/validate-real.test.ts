// The validation without QEMU: the real runs of the matrix recorded on 2026-11-22 (testing/recorded-2026-11-22.json,
// written by `livemig validate-real`) replayed against today's simulator. A change of the model that moves its
// predictions away from reality fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fullMatrix, quickMatrix } from './cases.ts';
import { type RecordedRun, replayDriver } from './testing/replay-driver.ts';
import { validateReal } from './validate-real.ts';

const recorded = JSON.parse(
  readFileSync(new URL('./testing/recorded-2026-11-22.json', import.meta.url), 'utf8'),
) as RecordedRun;

test('replayed against the recorded real runs, the predicted total times are within 10 % of reality (median)', async () => {
  const cases = fullMatrix();
  const report = await validateReal({ cases, driver: replayDriver(recorded, cases) });
  assert.equal(report.cases.length, 15);
  assert.ok(report.medians.totalSec <= report.target, `median error ${report.medians.totalSec}`);
  assert.ok(report.medians.bytes <= 0.05, `median bytes error ${report.medians.bytes}`);
  for (const c of report.cases) assert.equal(c.predicted.outcome, c.real.outcome, `${c.name}: outcomes differ`);
});

test('the writer that cannot keep up never converges, in the simulator as on QEMU, and auto-converge throttles alike', async () => {
  const cases = fullMatrix();
  const report = await validateReal({ cases, driver: replayDriver(recorded, cases) });
  const nc = report.cases.find((c) => c.name === 'nc');
  const ac = report.cases.find((c) => c.name === 'nc-ac');
  assert.deepEqual([nc?.predicted.outcome, ac?.predicted.outcome], ['aborted', 'aborted']);
  assert.equal(ac?.predicted.maxThrottlePercent, ac?.real.maxThrottlePercent);
});

test('--quick needs three calibration runs (no cap, 128 MiB/s, the stopped rate) and runs its three cases', async () => {
  const cases = quickMatrix();
  const seen: string[] = [];
  const report = await validateReal({
    quick: true,
    driver: replayDriver(recorded, cases),
    onProgress: (progress) => seen.push(progress.kind),
  });
  assert.deepEqual(seen, ['calibration', 'calibration', 'calibration', 'case', 'case', 'case']);
  assert.equal(report.command, 'livemig validate-real --quick');
  assert.deepEqual(
    report.calibration.runs.map((run) => run.capBytesPerSec / 2 ** 20),
    [0, 128, 64],
  );
});
