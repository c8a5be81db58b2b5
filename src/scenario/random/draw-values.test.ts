import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportJson } from '../../report/index.ts';
import { runScenario } from '../run/run-scenario.ts';
import { issuesOf, parse } from '../testing/helpers.ts';

const RANDOM = (seed: number, extraVm = '') => `version: 1
seed: ${seed}
platform: platforms/two_hosts.xml
vms:${extraVm}
  - name: VM0
    host: host0
    ram: { normal: { mean: 1GiB, sd: 128MiB, min: 512MiB } }
    dirty: { model: rate, rate: { uniform: [10MiB/s, 50MiB/s] } }
actors:
  - name: migrator
    host: host0
    steps:
      - sleep: { exponential: 2s }
      - migrate: { vm: VM0, to: host1, algorithm: { choice: [precopy, postcopy, mplm] } }
`;

const drawsOf = (text: string) => parse(text).draws ?? [];

test('every distribution of a scenario is drawn from its seed and recorded with its path', () => {
  const draws = drawsOf(RANDOM(7));
  assert.deepEqual(
    draws.map((d) => d.path),
    ['vms.VM0.ram', 'vms.VM0.dirty.rate', 'actors.migrator.steps.0.sleep', 'actors.migrator.steps.1.migrate.algorithm'],
  );
  const scenario = parse(RANDOM(7));
  const vm = scenario.vms[0];
  assert.equal(vm?.ramBytes, draws[0]?.value);
  assert.ok((vm?.ramBytes ?? 0) >= 512 * 2 ** 20);
  const rate = draws[1]?.value as number;
  assert.ok(rate >= 10 * 2 ** 20 && rate < 50 * 2 ** 20, `rate ${rate} within the bounds`);
  assert.ok(['precopy', 'postcopy', 'mplm'].includes(draws[3]?.value as string));
});

test('the same seed gives the same draws and byte-identical reports; another seed gives other draws', async () => {
  assert.deepEqual(drawsOf(RANDOM(7)), drawsOf(RANDOM(7)));
  const a = reportJson((await runScenario(parse(RANDOM(7)))).report);
  const b = reportJson((await runScenario(parse(RANDOM(7)))).report);
  assert.equal(a, b);
  assert.match(a, /"draws": \[/);
  const other = drawsOf(RANDOM(8));
  assert.notDeepEqual(
    other.map((d) => d.value),
    drawsOf(RANDOM(7)).map((d) => d.value),
  );
});

test("adding a VM does not change the other values' draws", () => {
  const extra = `
  - name: VM9
    host: host1
    ram: { uniform: [1GiB, 2GiB] }`;
  const before = drawsOf(RANDOM(3));
  const after = drawsOf(RANDOM(3, extra)).filter((d) => !d.path.startsWith('vms.VM9'));
  assert.deepEqual(after, before);
});

test('a malformed distribution is refused at its file:line:col', () => {
  const text = RANDOM(1).replace('[10MiB/s, 50MiB/s]', '[10MiB/s, 5s]').replace('exponential: 2s', 'exponential: 0s');
  assert.deepEqual(issuesOf(text), [
    ['invalid-distribution', 8, 44, '[10MiB/s, 5s'],
    ['invalid-distribution', 13, 31, '0s }'],
  ]);
});

test('a drawn value is checked like a written one', () => {
  const text = RANDOM(1).replace('[precopy, postcopy, mplm]', '[warp-drive]');
  assert.deepEqual(issuesOf(text)[0]?.[0], 'invalid-value');
});

test('repeat with every draws Poisson arrivals during the run, each recorded with its date', async () => {
  const text = `version: 1
seed: 5
platform: platforms/two_hosts.xml
actors:
  - name: arrivals
    host: host0
    steps:
      - repeat: { times: 4, every: { exponential: 10s }, steps: [{ log: arrived }] }
`;
  const { report } = await runScenario(parse(text));
  const draws = report.draws ?? [];
  assert.deepEqual(
    draws.map((d) => d.path),
    [1, 2, 3, 4].map((i) => `actors.arrivals.steps.0.repeat.every#${i}`),
  );
  let date = 0;
  const arrivals = report.log.map((line) => line.time);
  draws.forEach((draw, i) => {
    date += draw.value as number;
    assert.ok(Math.abs((arrivals[i] ?? Number.NaN) - date) < 1e-9, `arrival ${i} at the sum of the gaps`);
  });
});

test('random host failures turn hosts off and on from their own streams, and need until', async () => {
  const text = `version: 1
seed: 2
until: 10h
platform: platforms/two_hosts.xml
failures: { hosts: [host1], mtbf: 2h, mttr: 10min }
`;
  const { report } = await runScenario(parse(text));
  const draws = report.draws ?? [];
  assert.ok(draws.length >= 2);
  assert.equal(draws[0]?.path, 'failures.host1.mtbf#1');
  const host1 = report.hosts.find((h) => h.name === 'host1');
  const firstOff = host1?.offPeriods?.[0];
  assert.ok(firstOff !== undefined && Math.abs(firstOff.start - (draws[0]?.value as number)) < 1e-9);
  assert.deepEqual(
    issuesOf(text.replace('until: 10h\n', '')).map(([code]) => code),
    ['missing-until'],
  );
});
