import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLivemigError } from '../../src/index.ts';
import { run, scenario } from './cloud-interrupt-migration.ts';
import { compareLines, expectedLines } from './harness.ts';

test('cloud-interrupt-migration prints what SimGrid 3.32 prints (cloud-interrupt-migration.out)', async () => {
  const problems = compareLines(await run(), expectedLines('cloud-interrupt-migration.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('the interrupted migration rejects its caller with migration-aborted, and the VM runs again after start', async () => {
  const { firstOutcome, stateAfterShutdown, stateAfterRestart, afterSecondMigration, sim } = await scenario();
  // SimGrid kills the first caller; livemig tells it, at the date of the shutdown, why its migration ended.
  assert.ok(firstOutcome !== undefined, 'the first caller got no error');
  assert.ok(isLivemigError(firstOutcome.error, 'migration-aborted'), String(firstOutcome.error));
  assert.equal(firstOutcome.at, 2);
  assert.equal(stateAfterShutdown, 'destroyed');
  assert.equal(stateAfterRestart, 'running');
  assert.deepEqual(afterSecondMigration, { state: 'running', pm: 'Tremblay' });
  const [first, second] = sim.migrations;
  assert.deepEqual([first?.outcome, first?.start, first?.end], ['aborted', 0, 2]);
  assert.deepEqual([second?.outcome, second?.from, second?.to, second?.start], ['completed', 'Fafard', 'Tremblay', 10]);
  // 132.765801 s: SimGrid's duration of this migration (cloud-interrupt-migration.out, [142.765801]).
  assert.ok(Math.abs((second?.durationSec ?? 0) - 132.765801) < 1e-6, String(second?.durationSec));
});
