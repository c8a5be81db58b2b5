// Running scenarios: SimGrid's numbers through a scenario file, failed steps recorded (the actor goes on, or stops),
// events outside actors, messages, daemons, `until`, progress, the endless-loop guard, and byte-identical reports.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScenario } from '../load-scenario.ts';
import { fixtures, parse } from '../testing/helpers.ts';
import { runScenario } from './run-scenario.ts';

const SCENARIO = `version: 1
platform: platforms/two_hosts.xml
vms:
  - { name: VM0, host: host0, ram: 100MB }
  - { name: VM1, host: host0, ram: 100MB, start: false }
actors:
  - name: a
    host: host0
    steps:
      - migrate: { vm: VM1, to: host1 }
      - log: after a failed migration
      - receive: { mailbox: nobody, timeout: 2 }
      - send: { mailbox: box, bytes: 1MB }
      - repeat: { times: 3, steps: [ { execute: 1Gf }, { log: tick } ] }
      - migrate: { vm: VM0, to: host1 }
  - name: b
    host: host1
    onError: stop
    steps:
      - receive: box
      - log: got it
      - start: VM0
      - log: never written
  - name: d
    host: host1
    daemon: true
    steps:
      - repeat: { times: 1000000, steps: [ { sleep: 1 } ] }
events:
  - { at: 1, start: VM0 }
  - { at: 5, log: five }
`;

test('SimGrid cloud-migration: a 1e9-byte VM migrated Fafard → Tremblay takes 132.765801 s', async () => {
  // examples/simgrid/expected/s4u-cloud-migration.out: "[132.765801] … VM0 migrated: Fafard->Tremblay in 132.766 s".
  const { report } = await runScenario(loadScenario(join(fixtures, 'good', 'cloud-migration.yaml')));
  const [migration] = report.migrations;
  assert.equal(report.migrations.length, 1);
  assert.equal(migration?.outcome, 'completed');
  assert.ok(Math.abs((migration?.durationSec ?? 0) - 132.765801) < 1e-6, String(migration?.durationSec));
  assert.deepEqual(
    report.log.map((line) => line.message),
    ['Test: Migrate a VM with 1000 Mbytes RAM', 'VM0 migrated'],
  );
  assert.deepEqual(report.scenario, {
    file: join(fixtures, 'good', 'cloud-migration.yaml'),
    seed: 0,
    network: 'LV08',
    name: 'cloud-migration',
  });
});

test('a failed step is recorded and the actor goes on; with onError: stop the actor ends there', async () => {
  const { report } = await runScenario(parse(SCENARIO));
  assert.deepEqual(
    report.stepErrors.map((e) => [e.time, e.actor, e.step, e.code]),
    [
      [0, 'a', 'actors[0].steps[0]: migrate VM1 to host1', 'vm-failure'],
      [1, 'maestro', 'events[0]: start VM0', 'vm-failure'],
      [2, 'a', 'actors[0].steps[2]: receive nobody', 'timeout'],
      [report.stepErrors[3]?.time, 'b', 'actors[1].steps[2]: start VM0', 'vm-failure'],
    ],
  );
  const messages = report.log.map((line) => `${line.actor}: ${line.message}`);
  assert.deepEqual(messages, [
    'a: after a failed migration',
    'b: got it',
    'a: tick',
    'a: tick',
    'maestro: five',
    'a: tick',
  ]);
});

test('messages, executions, migrations and daemons take the times the models give', async () => {
  const { report, result } = await runScenario(parse(SCENARIO));
  // 1 MB over link01 (125 MBps, 100 us), LV08: 13.01 × 100 us + 1e6 / (0.97 × 125e6 / 1.05) s after the 2 s timeout.
  const received = report.log.find((line) => line.message === 'got it')?.time ?? 0;
  assert.ok(Math.abs(received - (2 + 13.01 * 1e-4 + 1e6 / ((0.97 * 125e6) / 1.05))) < 1e-9, String(received));
  const ticks = report.log.filter((line) => line.message === 'tick').map((line) => line.time - received);
  assert.deepEqual(
    ticks.map((t) => Math.round(t * 1e9) / 1e9),
    [1, 2, 3],
    'three executions of 1 Gflop on a 1 Gf host',
  );
  assert.equal(report.migrations.at(-1)?.outcome, 'completed');
  assert.equal(result.reason, 'finished', 'the daemon is killed when only daemons are left');
  assert.equal(result.endTime, report.migrations.at(-1)?.end);
});

test('a host turned off by an event fails the migration to it, and the report says so', async () => {
  const text = `version: 1
platform: platforms/two_hosts.xml
vms: [{ name: VM0, host: host0, ram: 1GiB }]
actors:
  - { name: m, host: host0, steps: [ { migrate: { vm: VM0, to: host1 } }, { log: after } ] }
events:
  - { at: 3, turnOff: host1 }
  - { at: 4, turnOn: host1 }
`;
  const { report } = await runScenario(parse(text));
  assert.equal(report.migrations[0]?.outcome, 'failed');
  assert.deepEqual(
    report.stepErrors.map((e) => [e.time, e.code]),
    [[3, 'migration-failed']],
  );
  assert.deepEqual(
    report.log.map((line) => [line.time, line.message]),
    [[3, 'after']],
  );
});

test('until stops the run (the scenario key, or the option that overrides it) and progress is told', async () => {
  const seen: number[] = [];
  const outcome = await runScenario(parse(`${SCENARIO}until: 4\n`), { onProgress: (p) => seen.push(p.time) });
  assert.deepEqual([outcome.result.reason, outcome.result.endTime], ['until', 4]);
  assert.equal(seen.at(-1), 4);
  const early = await runScenario(parse(`${SCENARIO}until: 4\n`), { until: 1.5 });
  assert.equal(early.report.endTime, 1.5);
});

test('an actor that lets no time pass for too many steps is stopped as an endless loop', async () => {
  const text = `version: 1
platform: platforms/two_hosts.xml
actors:
  - { name: loop, host: host0, steps: [ { repeat: { times: 100000, steps: [ { turnOn: host1 } ] } }, { log: never } ] }
`;
  const { report } = await runScenario(parse(text), { maxStepsAtOneDate: 1000 });
  assert.deepEqual(
    report.stepErrors.map((e) => [e.actor, e.code]),
    [['loop', 'invalid-state']],
  );
  assert.match(report.stepErrors[0]?.message ?? '', /endless loop/);
  assert.deepEqual(report.log, []);
});

test('the same scenario gives a byte-identical report', async () => {
  const scenario = loadScenario(join(fixtures, 'good', 'basic.yaml'));
  const first = JSON.stringify((await runScenario(scenario)).report);
  const second = JSON.stringify((await runScenario(loadScenario(join(fixtures, 'good', 'basic.yaml')))).report);
  assert.equal(first, second);
  assert.ok(first.length > 1000);
});
