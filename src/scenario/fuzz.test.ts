// Fuzzing: thousands of mutants of valid scenario files (lines deleted, duplicated, swapped, keys, numbers and units
// changed, indentation broken, garbage inserted). Loading either succeeds or throws an InputError with located
// issues — never another exception; an accepted mutant is accepted by the JSON Schema too, and runs (bounded in
// simulated time and steps) to its end or to a typed LivemigError.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { InputError, isLivemigError, LivemigError } from '../core/index.ts';
import { parseScenario, scenarioFromObject } from './load-scenario.ts';
import type { Scenario } from './model.ts';
import { runScenario } from './run/run-scenario.ts';
import { compiledSchema, fixtures } from './testing/helpers.ts';

const YAML_BASE = `version: 1
name: fuzz
platform: platforms/two_hosts.xml
network: LV08
seed: 7
until: 40
hosts:
  - { name: host1, ram: 2GiB, overcommit: false }
vms:
  - name: VM0
    host: host0
    cores: 2
    ram: 100MiB
    bound: 800Mf
    migration: { maxBandwidth: 50MiB/s, dirtyIntensity: 0.5, workingSet: 90%, downtimeLimit: 30ms }
  - { name: VM1, host: host1, ram: 64MiB, start: false }
actors:
  - name: worker
    host: VM0
    onError: stop
    steps:
      - execute: { flops: 2Gf, priority: 2, bound: 1Gf }
      - repeat: { times: 3, steps: [ { sleep: 500ms }, { execute: 1e8 } ] }
  - name: migrator
    host: host0
    steps:
      - sleep: 1
      - migrate: { vm: VM0, to: host1, algorithm: precopy, maxBandwidth: 100MiB/s }
      - send: { mailbox: box, bytes: 1MB, rate: 10MB/s }
      - log: "done"
  - name: listener
    host: host1
    daemon: true
    steps:
      - receive: { mailbox: box, timeout: 30 }
      - start: VM1
      - setBound: { vm: VM1, bound: 1Gf }
events:
  - { at: 3, suspend: VM1 }
  - { at: 4, turnOff: host2 }
  - { at: 5, turnOn: host2 }
`;

const JSON_BASE = JSON.stringify(parseYaml(YAML_BASE), null, 2);

const KEYS = [
  'name',
  'host',
  'ram',
  'vms',
  'actors',
  'steps',
  'migrate',
  'to',
  'vm',
  'at',
  'execute',
  'sleep',
  'repeat',
  'times',
  'until',
  'platform',
  'version',
  'bound',
  'cores',
  'start',
  'hosts',
  'events',
  'speed',
  'exectue',
];
const NUMBERS = ['0', '-1', '1e308', '1e-9', '.5', '3', '99999999', 'NaN', '.inf', '1.5', '4294967296', '2e3'];
const UNITS = ['GiB', 'MB', 'b', 'Gf', 'ms', 'MiB/s', 'Bps', '%', 'xyz', '', ' GiB', 'h', 'Gbps'];
const GARBAGE = [
  ':',
  '{',
  '}',
  '[',
  ']',
  '- ',
  '&a ',
  '*a',
  '!!str ',
  '"',
  "'",
  '#',
  '|',
  '>',
  '\t',
  ',',
  '? ',
  '@',
  ' - x: [1, {',
  'null',
  '~',
  '---',
  'key: value',
  '%YAML 1.2',
];

type Op = [kind: number, a: number, b: number, c: number];

function mutate(text: string, ops: readonly Op[]): string {
  let lines = text.split('\n');
  for (const [kind, a, b, c] of ops) {
    const i = a % lines.length;
    const line = lines[i] ?? '';
    switch (kind) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, line);
        break;
      case 2: {
        const j = b % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', line];
        break;
      }
      case 3:
        lines[i] = line.replace(/[A-Za-z]+(?=":|:)/, KEYS[b % KEYS.length] ?? '');
        break;
      case 4: {
        let seen = 0;
        const target = c % 3;
        lines[i] = line.replace(/\d+(\.\d+)?(e[+-]?\d+)?/g, (match) =>
          seen++ === target ? (NUMBERS[b % NUMBERS.length] ?? match) : match,
        );
        break;
      }
      case 5:
        lines[i] = line.replace(/(\d)([A-Za-z/%]+)/, `$1${UNITS[b % UNITS.length]}`);
        break;
      case 6:
        lines[i] = b % 3 === 0 ? line.replace(/^ {1,2}/, '') : `${b % 3 === 1 ? ' ' : '\t'}${line}`;
        break;
      default: {
        const garbage = GARBAGE[b % GARBAGE.length] ?? '';
        const at = c % (line.length + 1);
        if (c % 5 === 0) lines.splice(i, 0, garbage);
        else lines[i] = line.slice(0, at) + garbage + line.slice(at);
      }
    }
    if (lines.length === 0) lines = [''];
  }
  return lines.join('\n');
}

const opArbitrary = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.nat(), fc.nat(), fc.nat());
const validate = compiledSchema();

/** Loads a mutant; returns the scenario, or undefined after checking that the refusal is a proper InputError. */
function load(text: string, fileName: string): Scenario | undefined {
  try {
    return parseScenario(text, fileName, { baseDir: fixtures });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    assert.ok(error.issues.length > 0, 'an InputError lists at least one issue');
    for (const issue of error.issues) {
      assert.ok(issue.code !== '' && issue.message !== '', JSON.stringify(issue));
      if (issue.location?.file === fileName) assert.ok(issue.location.line >= 1 && issue.location.col >= 1);
    }
    return undefined;
  }
}

async function boundedRun(scenario: Scenario): Promise<void> {
  const budget = (progress: { steps: number }) => {
    if (progress.steps > 3000) throw new LivemigError('cancelled', 'The fuzz budget of 3000 steps is spent.');
  };
  try {
    await runScenario(scenario, { until: 60, onProgress: budget, progressEverySteps: 50, maxStepsAtOneDate: 2000 });
  } catch (error) {
    assert.ok(isLivemigError(error), `a run ends with a LivemigError, not ${String(error)}`);
  }
}

for (const [format, base, fileName, runs] of [
  ['YAML', YAML_BASE, 'fuzz.yaml', 2500],
  ['JSON', JSON_BASE, 'fuzz.json', 700],
] as const) {
  test(`mutated ${format} scenarios load or fail with an InputError, and the accepted ones run`, async () => {
    assert.ok(load(base, fileName) !== undefined, 'the base scenario is valid');
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 4 }), async (ops) => {
        const text = mutate(base, ops);
        const scenario = load(text, fileName);
        if (scenario === undefined) return;
        accepted++;
        assert.ok(validate(parseYaml(text)), `the JSON Schema accepts what the validator accepts:\n${text}`);
        await boundedRun(scenario);
      }),
      { numRuns: runs, seed: 20250101 },
    );
    assert.ok(accepted > runs / 20, `only ${accepted} of ${runs} mutants were valid: the mutations are too harsh`);
  });
}

const PATHS = [
  'version',
  'platform',
  'vms',
  'vms.0',
  'vms.0.ram',
  'vms.0.migration',
  'vms.0.migration.workingSet',
  'actors.0.steps',
  'actors.1.steps.1',
  'actors.1.steps.1.migrate',
  'actors.2.steps.0.receive',
  'events.0',
  'hosts.0',
];

test('any JSON value put anywhere in a scenario object is either valid or refused with an InputError', () => {
  const base = parseYaml(YAML_BASE) as Record<string, unknown>;
  fc.assert(
    fc.property(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
      const copy = structuredClone(base);
      const keys = path.split('.');
      let parent: Record<string, unknown> = copy;
      for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      parent[keys.at(-1) ?? ''] = value;
      try {
        scenarioFromObject(copy, { baseDir: fixtures });
      } catch (error) {
        assert.ok(error instanceof InputError, String(error));
        assert.ok(error.issues.every((issue) => issue.path !== '' || issue.code === 'invalid-type'));
      }
    }),
    { numRuns: 800, seed: 20250102 },
  );
});
