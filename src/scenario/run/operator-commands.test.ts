// MPLM's operator commands from a scenario file: extendLive given before the migrate step (or at the same date)
// holds the migration that starts next (seed 003: "it is safe to issue the command before or when the migration is
// launched"), and the live phase ends only after endLive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../testing/helpers.ts';
import { runScenario } from './run-scenario.ts';

const scenario = (steps: string) => `version: 1
platform: platforms/two_hosts.xml
vms:
  - { name: VM0, host: host0, ram: 1GiB, dirty: { model: rate, rate: 60MiB/s, workingSet: 256MiB } }
actors:
  - name: operator
    host: host0
    steps:
${steps}
events:
  - { at: 45, endLive: VM0 }
`;

test('an extendLive step before the migrate step holds the MPLM migration that starts next until endLive', async () => {
  const held = parse(
    scenario(`      - extendLive: VM0
      - migrate: { vm: VM0, to: host1, algorithm: mplm }`),
  );
  const { report } = await runScenario(held);
  assert.deepEqual(report.stepErrors, [], 'extendLive before migrate is not a failed step');
  const migration = report.migrations[0];
  assert.equal(migration?.outcome, 'completed');
  assert.ok((migration?.end ?? 0) >= 45, `ended at ${migration?.end}`);
  const states = ((migration?.details?.mplmEpochs ?? []) as { state: string }[]).map((e) => e.state);
  assert.ok(states.includes('S3'), 'the live phase was extended (S3)');
});
