// docs/scenarios.md stays true: its complete example is the fixture that the tests load and run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadScenario } from './load-scenario.ts';
import { runScenario } from './run/run-scenario.ts';
import { fixtures } from './testing/helpers.ts';

const docs = readFileSync(fileURLToPath(new URL('../../docs/scenarios.md', import.meta.url)), 'utf8');
const complete = join(fixtures, 'good', 'complete.yaml');

test('the complete example of docs/scenarios.md is test/fixtures/scenarios/good/complete.yaml', () => {
  const section = docs.slice(docs.indexOf('## A complete example'));
  const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.equal(example, readFileSync(complete, 'utf8'));
});

test('the complete example runs: two migrations, every result received, nothing failed', async () => {
  const { report } = await runScenario(loadScenario(complete));
  assert.deepEqual(
    report.migrations.map((m) => [m.vm, m.from, m.to, m.outcome]),
    [
      ['VM0', 'host0', 'host1', 'completed'],
      ['VM0', 'host1', 'host0', 'completed'],
    ],
  );
  assert.deepEqual(report.stepErrors, []);
  assert.ok(report.log.some((line) => line.message === 'all results received'));
  assert.equal(report.scenario?.name, 'complete-example');
});
