// Keys that changed spelling (docs/scenarios.md, "Key names"): the old spelling still reads, with a warning at the
// key that names the new one, and gives the same scenario and the same run; the new spelling warns of nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Scenario } from './model.ts';
import { runScenario } from './run/run-scenario.ts';
import { compiledSchema, inputErrorOf, parse, simgridPlatforms } from './testing/helpers.ts';

const scenarioText = (keys: {
  speed: string;
  downtime: string;
  rounds: string;
  switchover: string;
  postcopy: string;
}) =>
  `version: 1
platform: ${simgridPlatforms}small_platform.xml
vms:
  - { name: VM0, host: Fafard, ram: 1GiB, migration: { ${keys.speed}: 100MiB/s, ${keys.downtime}: 30ms } }
  - { name: VM1, host: Fafard, ram: 512MiB }
actors:
  - name: app
    host: VM1
    steps: [ { execute: 5e9 } ]
  - name: operator
    host: Fafard
    steps:
      - migrate: { vm: VM0, to: Tremblay }
      - migrate: { vm: VM1, to: Jupiter, algorithm: hybrid, ${keys.rounds}: 2 }
  - name: operator-2
    host: Fafard
    steps:
      - sleep: 400
      - ${keys.postcopy}: VM1
events:
  - { at: 300, ${keys.switchover}: VM1 }
`;

const OLD = scenarioText({
  speed: 'speed',
  downtime: 'maxDowntime',
  rounds: 'precopyRounds',
  switchover: 'switchOver',
  postcopy: 'startPostCopy',
});
const NEW = scenarioText({
  speed: 'maxBandwidth',
  downtime: 'downtimeLimit',
  rounds: 'postcopyAfterRounds',
  switchover: 'switchover',
  postcopy: 'startPostcopy',
});

/** The scenario without what depends on how it was written (positions, warnings); the platform as its size. */
function meaning(scenario: Scenario): unknown {
  return JSON.parse(
    JSON.stringify({ ...scenario, platform: scenario.platform.hosts.length, warnings: [] }, (key, value) =>
      key === 'where' ? undefined : value,
    ),
  );
}

test('an old spelling is read as the new one, with a warning at its key that names the new spelling', () => {
  const old = parse(OLD);
  const seen = old.warnings.map((w) => [w.code, w.location?.line, w.location?.col, w.path]);
  assert.deepEqual(seen, [
    ['renamed-key', 4, 56, 'vms[0].migration.speed'],
    ['renamed-key', 4, 73, 'vms[0].migration.maxDowntime'],
    ['renamed-key', 14, 61, 'actors[1].steps[1].migrate.precopyRounds'],
    ['renamed-key', 19, 9, 'actors[2].steps[1].startPostCopy'],
    ['renamed-key', 21, 16, 'events[0].switchOver'],
  ]);
  const lines = OLD.split('\n');
  for (const warning of old.warnings) {
    const { line = 0, col = 0 } = warning.location ?? {};
    const key = warning.path.slice(warning.path.lastIndexOf('.') + 1);
    assert.equal(lines[line - 1]?.slice(col - 1, col - 1 + key.length), key, 'the location points at the old key');
  }
  assert.match(old.warnings[0]?.message ?? '', /"speed" is the old spelling of "maxBandwidth"/);
  assert.match(old.warnings[4]?.hint ?? '', /Write "switchover: …" instead/);
  assert.deepEqual(meaning(old), meaning(parse(NEW)));
});

test('the new spellings give no warning, and a hybrid migration reads its rounds', () => {
  const scenario = parse(NEW);
  assert.deepEqual(scenario.warnings, []);
  const migrate = scenario.actors[1]?.steps[1];
  assert.equal(migrate?.kind, 'migrate');
  assert.equal((migrate as { options: Record<string, unknown> }).options.precopyRounds, 2);
  assert.equal(scenario.vms[0]?.migration?.migrationSpeedBytesPerSec, 100 * 2 ** 20);
  assert.equal(scenario.events[0]?.action.kind, 'switchover');
});

test('old and new spellings run to the same report', async () => {
  const old = (await runScenario(parse(OLD))).report;
  const current = (await runScenario(parse(NEW))).report;
  assert.ok(current.migrations.length >= 2);
  assert.equal(JSON.stringify(old), JSON.stringify(current));
});

test('both spellings of one key in a map are refused', () => {
  const both = NEW.replace('downtimeLimit: 30ms', 'downtimeLimit: 30ms, maxDowntime: 20ms');
  const error = inputErrorOf(() => parse(both));
  assert.deepEqual(
    error.issues.map((i) => [i.code, i.path]),
    [['duplicate-key', 'vms[0].migration.maxDowntime']],
  );
});

test('the JSON Schema accepts the old spellings, marked deprecated', () => {
  const validate = compiledSchema();
  const document = {
    version: 1,
    platform: 'p.xml',
    vms: [{ name: 'VM0', host: 'h', migration: { speed: '1GiB/s' } }],
    events: [{ at: 1, switchOver: 'VM0' }],
  };
  assert.equal(validate(document), true, JSON.stringify(validate.errors));
  const schemaText = JSON.stringify(compiledSchema().schema);
  assert.match(schemaText, /"switchOver":\{[^}]*"deprecated":true/);
});
