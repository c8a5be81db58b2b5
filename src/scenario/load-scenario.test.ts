// Validation of scenario files: each kind of bad input is reported with its code at the exact line:col, and the
// text at that position shows it is the offending node. The base scenario is valid; each test breaks one thing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScenario, parseScenario, scenarioFromObject } from './load-scenario.ts';
import { BASE, fixtures, inputErrorOf, issuesOf, parse } from './testing/helpers.ts';

const hintOf = (text: string, code: string, fileName?: string): string => {
  const error = inputErrorOf(() => parse(text, fileName));
  return error.issues.find((issue) => issue.code === code)?.hint ?? '';
};

test('the base scenario of these tests is valid and resolves units to numbers', () => {
  const scenario = parse(BASE);
  assert.equal(scenario.vms[0]?.ramBytes, 1024 ** 3);
  assert.equal(scenario.network, 'LV08');
  assert.deepEqual(scenario.vms[0]?.where, { path: 'vms[0]', location: { file: 'inline.yaml', line: 4, col: 5 } });
});

test('an unknown key is reported at the key, with the closest known key', () => {
  const text = BASE.replace('    ram: 1GiB', '    ram: 1GiB\n    crores: 2');
  assert.deepEqual(issuesOf(text), [['unknown-key', 7, 5, 'crores: 2']]);
  assert.match(hintOf(text, 'unknown-key'), /Did you mean "cores"\?/);
});

test('a missing required key is reported at the map that lacks it, with an example to add', () => {
  const text = BASE.replace('    host: host0\n    ram', '    ram');
  assert.deepEqual(issuesOf(text), [['missing-key', 4, 5, 'name: VM0']]);
  assert.match(hintOf(text, 'missing-key'), /Add "host: host0"/);
});

test('wrong types are reported at the value, every one of them at once', () => {
  const text = BASE.replace('ram: 1GiB', 'ram: [1]').replace('sleep: 1', 'sleep: true');
  assert.deepEqual(issuesOf(text), [
    ['invalid-type', 6, 10, '[1]'],
    ['invalid-type', 11, 16, 'true'],
  ]);
});

test('a memory size without a unit is refused, as a string or a number, with a hint that writes it', () => {
  assert.deepEqual(issuesOf(BASE.replace('ram: 1GiB', 'ram: "1024"')), [['missing-unit', 6, 10, '"1024"']]);
  assert.match(hintOf(BASE.replace('ram: 1GiB', 'ram: "1024"'), 'missing-unit'), /^Write 1GiB or 1024MiB/);
  assert.deepEqual(issuesOf(BASE.replace('ram: 1GiB', 'ram: 2048')), [['missing-unit', 6, 10, '2048']]);
});

test('negative sizes, unknown units and out-of-range fractions are refused at the value', () => {
  assert.deepEqual(issuesOf(BASE.replace('ram: 1GiB', 'ram: -2GiB')), [['negative-value', 6, 10, '-2GiB']]);
  const badUnit = BASE.replace('ram: 1GiB', 'ram: 1GiBs');
  assert.deepEqual(issuesOf(badUnit), [['unknown-unit', 6, 10, '1GiBs']]);
  assert.match(hintOf(badUnit, 'unknown-unit'), /Did you mean .*"GiB"/);
  const text = BASE.replace('ram: 1GiB', 'ram: 1GiB\n    migration: { maxBandwidth: 100MiB, dirtyIntensity: 130% }');
  assert.deepEqual(issuesOf(text), [
    ['unknown-unit', 7, 32, '100MiB, dirt'],
    ['out-of-range', 7, 56, '130% }'],
  ]);
});

test('every unknown host or VM is reported where it is named: VM host, actor host, migrate, steps, events', () => {
  const text =
    BASE.replace('host: host0\n    ram', 'host: hst0\n    ram').replace(
      '{ vm: VM0, to: host1 }',
      '{ vm: VM1, to: host7 }',
    ) +
    '  - name: w\n    host: VM2\n    steps: [{ start: VM3 }]\nevents:\n  - { at: 1, turnOff: host9 }\n  - { at: 2, suspend: VM4 }\n';
  assert.deepEqual(issuesOf(text, 'inline.yaml', 5), [
    ['unknown-name', 5, 11, 'hst0'],
    ['unknown-name', 12, 24, 'VM1, '],
    ['unknown-name', 12, 33, 'host7'],
    ['unknown-name', 14, 11, 'VM2'],
    ['unknown-name', 15, 22, 'VM3 }'],
    ['unknown-name', 17, 23, 'host9'],
    ['unknown-name', 18, 23, 'VM4 }'],
  ]);
  assert.match(hintOf(text, 'unknown-name'), /Did you mean "host0"\?/);
});

test('duplicate names, a VM named like a host and a VM placed on a VM are refused', () => {
  const text =
    BASE.replace(
      'vms:\n',
      'vms:\n  - { name: VM0, host: host1 }\n  - { name: host1, host: host1 }\n  - { name: VMx, host: VM0 }\n',
    ) + '  - { name: migrator, host: host1, steps: [] }\n';
  assert.deepEqual(issuesOf(text, 'inline.yaml', 5), [
    ['name-clash', 5, 13, 'host1'],
    ['vm-on-vm', 6, 24, 'VM0 }'],
    ['duplicate-name', 7, 11, 'VM0'],
    ['duplicate-name', 16, 13, 'migra'],
  ]);
});

test('a migration to a host that is not one (a VM) or that has no route from the VM is refused at "to"', () => {
  assert.deepEqual(issuesOf(BASE.replace('to: host1', 'to: VM0')), [['not-a-host', 12, 33, 'VM0 }']]);
  assert.deepEqual(issuesOf(BASE.replace('to: host1', 'to: host2')), [['no-route', 12, 33, 'host2 }']]);
});

test('malformed YAML and JSON are reported with the parser position', () => {
  assert.deepEqual(issuesOf('version: 1\n  platform: x\n'), [['invalid-yaml', 1, 10, '1']]);
  assert.deepEqual(issuesOf('a: 1\na: 2\n'), [['invalid-yaml', 2, 1, 'a: 2']]);
  const json = '{\n  "version": 1,\n  "platform": "platforms/two_hosts.xml",\n}\n';
  assert.deepEqual(issuesOf(json, 'inline.json'), [['invalid-json', 4, 1, '}']]);
});

test('JSON scenarios are located like YAML ones', () => {
  const json =
    '{\n  "version": 1,\n  "platform": "platforms/two_hosts.xml",\n  "vms": [{"name": "VM0", "host": "host0", "ram": "1024"}]\n}\n';
  assert.deepEqual(issuesOf(json, 'inline.json'), [['missing-unit', 4, 51, '"1024"}]']]);
});

test('a platform that does not load contributes its own issues, located in the platform file', () => {
  const text = BASE.replace('platforms/two_hosts.xml', '../platforms/bad/unknown-link.xml');
  const error = inputErrorOf(() => parse(text));
  assert.deepEqual(
    error.issues.map((issue) => [
      issue.code,
      issue.location?.file.endsWith('unknown-link.xml'),
      issue.location?.line,
      issue.location?.col,
    ]),
    [['unknown-link', true, 8, 17]],
  );
  assert.deepEqual(issuesOf(BASE.replace('two_hosts.xml', 'nope.xml')), [
    ['platform-not-found', 2, 11, 'platforms/no'],
  ]);
});

test('the issues of an inline platform are located in the scenario file', () => {
  const text = BASE.replace(
    'platform: platforms/two_hosts.xml',
    'platform:\n  hosts:\n    - { name: host0, speed: 1Gf }\n    - { name: host1, speed: 1Gff }\n' +
      '  links: [{ name: l, bandwidth: 1GBps }]\n  routes: [{ src: host0, dst: host1, links: [l] }]',
  );
  assert.deepEqual(issuesOf(text), [['unknown-unit', 5, 29, '1Gff }']]);
  assert.equal(inputErrorOf(() => parse(text)).issues[0]?.path, 'platform.hosts[1].speed');
});

test('VMs started at time 0 must fit in the memory of a host that forbids over-commitment', () => {
  const text = BASE.replace(
    'vms:\n',
    'hosts:\n  - { name: host0, ram: 1GiB }\nvms:\n  - { name: VMa, host: host0, ram: 512MiB }\n',
  );
  assert.deepEqual(issuesOf(text), [['memory-overcommit', 7, 5, 'name: VM0']]);
  assert.doesNotThrow(() => parse(text.replace('ram: 1GiB }', 'ram: 1GiB, overcommit: true }')));
});

test('a step must say what it does, with one key only', () => {
  const text = BASE.replace('- sleep: 1', '- { sleep: 1, log: x }\n      - {}\n      - 5');
  assert.deepEqual(issuesOf(text), [
    ['several-kinds', 11, 21, 'log: x }'],
    ['missing-kind', 12, 9, '{}'],
    ['invalid-type', 13, 9, '5'],
  ]);
});

test('a working set larger than the RAM is refused; percentages are of the RAM', () => {
  const text = BASE.replace('ram: 1GiB', 'ram: 1GiB\n    migration: { workingSet: 2GiB }');
  assert.deepEqual(issuesOf(text), [['working-set-too-large', 7, 30, '2GiB }']]);
  const scenario = parse(BASE.replace('ram: 1GiB', 'ram: 1GiB\n    migration: { workingSet: 50% }'));
  assert.equal(scenario.vms[0]?.migration?.workingSetBytes, 1024 ** 3 / 2);
});

test('an empty document, a wrong version and a wrong network model are refused with what to write', () => {
  assert.deepEqual(issuesOf(''), [['missing-value', 1, 1, '']]);
  const text = BASE.replace('version: 1', 'version: 2\nnetwork: LV07');
  assert.deepEqual(issuesOf(text), [
    ['invalid-value', 1, 10, '2'],
    ['invalid-value', 2, 10, 'LV07'],
  ]);
  assert.match(hintOf(text, 'invalid-value'), /Use 1/);
});

test('a migration block takes createMigratableVm defaults for the keys it leaves out', () => {
  const scenario = parse(BASE.replace('ram: 1GiB', 'ram: 1GiB\n    migration: { maxBandwidth: 100MiB/s }'));
  assert.deepEqual(scenario.vms[0]?.migration, {
    migrationSpeedBytesPerSec: 100 * 1024 * 1024,
    dirtyIntensity: 0,
    workingSetBytes: Math.trunc(1024 ** 3 * 0.9),
    maxDowntimeSec: 0.03,
  });
  assert.equal(parse(BASE).vms[0]?.migration, undefined);
});

test('files load by path with the platform relative to the scenario; objects validate without positions', () => {
  const scenario = loadScenario(join(fixtures, 'good', 'basic.yaml'));
  assert.equal(scenario.platform.hosts.length, 3);
  assert.equal(scenario.actors[1]?.steps[1]?.kind, 'migrate');
  const error = inputErrorOf(() =>
    scenarioFromObject({ version: 1, platform: 'x.xml', vms: 3 }, { baseDir: fixtures }),
  );
  assert.deepEqual(
    error.issues.map((issue) => [issue.code, issue.path, issue.location]),
    [
      ['invalid-type', 'vms', undefined],
      ['platform-not-found', 'platform', undefined],
    ],
  );
  const missing = inputErrorOf(() => loadScenario(join(fixtures, 'nope.yaml')));
  assert.equal(missing.issues[0]?.code, 'unreadable-file');
  assert.throws(() => parseScenario('{"version": 1}', 'x.json'), /Missing key "platform"/);
});

test('the many-problems fixture lists every problem of the file at once, in file order', () => {
  const error = inputErrorOf(() => loadScenario(join(fixtures, 'bad', 'many-problems.yaml')));
  const lines = error.issues.map((issue) => issue.location?.line ?? 0);
  assert.deepEqual(
    lines,
    [...lines].sort((a, b) => a - b),
  );
  assert.ok(error.issues.length >= 20, `only ${error.issues.length} issues`);
  assert.match(error.message, /^Invalid scenario .*many-problems.yaml: \d+ problems\./);
});

test('the memory of a host given twice is refused at the second entry', () => {
  const text = BASE.replace('vms:\n', 'hosts:\n  - { name: host0, ram: 8GiB }\n  - { name: host0, ram: 4GiB }\nvms:\n');
  assert.deepEqual(issuesOf(text), [['duplicate-name', 5, 5, '{ name: host']]);
});

test('aliases that expand a small text into millions of nodes are refused, not expanded', () => {
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    laughs.push(
      `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
        .fill(`*${'abcdefghi'[i - 1]}`)
        .join(', ')}]`,
    );
  const codes = issuesOf(`${laughs.join('\n')}\n`).map(([code]) => code);
  assert.deepEqual(codes, ['too-large']);
});

test('a pstate the host lacks, a wait for a background execution never started, and a transfer time without the constant network are refused', () => {
  const text = `${BASE.replace('version: 1', 'version: 1\nconstantTransferTime: 2s')}      - setPstate: { host: host0, pstate: 3 }
      - execute: { flops: 1e9, background: job }
      - wait: jobb
events:
  - { at: 1, setPstate: { host: host1, pstate: 0 } }
`;
  assert.deepEqual(issuesOf(text, 'inline.yaml', 8), [
    ['key-not-used', 2, 23, '2s'],
    ['out-of-range', 14, 43, '3 }'],
    ['unknown-name', 16, 15, 'jobb'],
  ]);
});
