// Scenarios with `driver: qemu`: what cannot be real is refused before anything runs, each problem at its key;
// runScenario will not pretend to simulate them; with QEMU, one runs for real and its operator holds the switch-over.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/index.ts';
import { qemuAvailable } from '../../drivers/index.ts';
import { runScenario } from '../../scenario/index.ts';
import { loadScenario, parseScenario } from '../load-and-run.ts';
import { runnerFor } from '../registry.ts';
import { runRealScenario } from './real-run.ts';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/scenarios/', import.meta.url));
const parse = (text: string) => parseScenario(text, 'inline.yaml', { baseDir: fixtures });

/** The issues of refused `text` as [code, line, col, the 12 characters from line:col on]. */
function issuesOf(text: string): [string, number | undefined, number | undefined, string][] {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    const lines = text.split('\n');
    return error.issues.map((issue) => {
      const { line, col } = issue.location ?? {};
      const from = line === undefined || col === undefined ? '' : (lines[line - 1] ?? '').slice(col - 1, col + 11);
      return [issue.code, line, col, from];
    });
  }
  assert.fail('expected the scenario to be refused');
}

const skip = (await qemuAvailable()) ? false : 'qemu-system-x86_64 is not installed (bash lab/install-deps.sh)';

const REAL_HEAD = `version: 1
driver: qemu
platform: { hosts: [ { name: h0, speed: 1Gf }, { name: h1, speed: 1Gf } ] }
`;

test('a real scenario refuses, at their keys, what only the simulator can do', () => {
  const seen = issuesOf(`${REAL_HEAD}until: 10
vms:
  - { name: VM0, host: h0, ram: 1GiB, cores: 2, dirty: { model: flops } }
  - { name: VM1, host: h0, ram: 100MiB, dirty: { model: linear, rate: 1MiB/s, workingSet: 64MiB } }
actors:
  - name: a
    host: h0
    steps:
      - execute: 1e9
      - migrate: { vm: VM1, to: h1, streams: 2 }
      - migrate: { vm: VM1, to: h0, algorithm: mplm }
events:
  - { at: 1, turnOff: h1 }
`);
  assert.deepEqual(
    seen.map(([code, line, , text]) => [code, line, text]),
    [
      ['simulated-only', 4, '10'],
      ['simulated-only', 6, '2, dirty: { '],
      ['simulated-only', 6, '{ model: flo'],
      ['simulated-only', 7, '100MiB, dirt'],
      ['simulated-only', 12, 'execute: 1e9'],
      ['simulated-only', 13, '{ vm: VM1, t'], // no algorithm: SimGrid's pre-copy, which QEMU has not
      ['simulated-only', 13, '2 }'],
      ['simulated-only', 14, 'mplm }'],
      ['simulated-only', 16, '{ at: 1, tur'],
    ],
  );
});

test("a real scenario is not simulated: runScenario refuses it and names its runner, QEMU's", async () => {
  const scenario = parse(`${REAL_HEAD}vms: [ { name: VM0, host: h0, ram: 256MiB } ]
actors: [ { name: a, host: h0, steps: [ { migrate: { vm: VM0, to: h1, algorithm: precopy } } ] } ]
`);
  assert.equal(scenario.driver, 'qemu');
  await assert.rejects(runScenario(scenario), /is not simulated \(driver: qemu\): run it with its runner/);
  assert.equal(runnerFor(scenario.driver).title, 'QEMU');
});

test('a real scenario runs on QEMU: the operator holds the switch-over, then forces it; the report says it was real', {
  skip,
  timeout: 120_000,
}, async () => {
  const { report, endTime } = await runRealScenario(loadScenario(join(fixtures, 'good', 'real-qemu.yaml')));
  assert.equal(report.real?.driver, 'qemu');
  assert.deepEqual(report.stepErrors, []);
  const [migration] = report.migrations;
  assert.deepEqual(
    [migration?.vm, migration?.from, migration?.to, migration?.outcome],
    ['VM0', 'host0', 'host1', 'completed'],
  );
  const held = report.log
    .filter((line) => /operator (extend-live|end-live)/.test(line.message))
    .map((line) => line.time);
  assert.equal(held.length, 2, 'extendLive and switchover reached QEMU');
  assert.ok((migration?.end ?? 0) >= (held[1] ?? Number.POSITIVE_INFINITY), 'it completed after the switch-over');
  assert.ok((migration?.start ?? 0) > 1, 'its clock is the run’s: the guest booted first');
  assert.equal(report.vms[0]?.host, 'host1');
  assert.ok(report.log.some((line) => line.message === 'VM0 is on host1' && line.time <= endTime));
});

test('phased keys on a real run: command features only, no simulated controller; a simulated run refuses command', () => {
  const real = issuesOf(`${REAL_HEAD}vms: [ { name: VM0, host: h0, ram: 256MiB } ]
actors:
  - name: a
    host: h0
    steps:
      - migrate:
          vm: VM0
          to: h1
          algorithm: precopy
          protocol: phased
          controller: h0
          features: [ vdp-port, { name: command, label: port }, { name: command, label: port, commit: "true" } ]
`);
  assert.deepEqual(
    real.map(([code, line]) => [code, line]),
    [
      ['simulated-only', 14],
      ['simulated-only', 15],
      ['missing-key', 15],
      ['duplicate-name', 15],
    ],
  );
  const simulated = issuesOf(`version: 1
platform: ../../../examples/simgrid/platforms/small_platform.xml
vms: [ { name: VM0, host: Fafard, ram: 256MiB } ]
actors:
  - { name: a, host: Fafard, steps: [ { migrate: { vm: VM0, to: Tremblay, protocol: phased, features: [ { name: command, commit: "true" } ] } } ] }
`);
  assert.deepEqual(
    simulated.map(([code]) => code),
    ['real-only'],
  );
});

test('a real phased migration whose required port hook fails at the switch-over gate is cancelled: the VM stays home', {
  skip,
  timeout: 120_000,
}, async () => {
  const scenario =
    parse(`${REAL_HEAD}vms: [ { name: VM0, host: h0, ram: 256MiB, dirty: { model: linear, rate: 8MiB/s, workingSet: 32MiB } } ]
actors:
  - name: operator
    host: h0
    onError: stop
    steps:
      - migrate:
          vm: VM0
          to: h1
          algorithm: precopy
          maxBandwidth: 128MiB/s
          protocol: phased
          features:
            - { name: command, label: port, prepare: 'test "$LIVEMIG_TO" = h1', commit: 'echo no port on $LIVEMIG_TO >&2; exit 4', rollback: 'true' }
      - log: never
`);
  const { report } = await runRealScenario(scenario);
  assert.deepEqual(
    report.stepErrors.map((e) => e.code),
    ['finish-failed'],
  );
  assert.match(
    report.stepErrors[0]?.message ?? '',
    /feature port: commit hook .* exited with 4: no port on h1\. The VM runs on its source "h0"/,
  );
  assert.equal(report.migrations[0]?.outcome, 'aborted');
  assert.equal(report.vms[0]?.host, 'h0');
  const protocol = report.log.find((line) => line.message.startsWith('phased migration of VM0'))?.message ?? '';
  assert.match(protocol, /^phased migration of VM0 failed: begin ok .*, prepare ok .*, perform ok .*, finish failed/);
  const features = report.log.find((line) => line.message.startsWith('features of VM0'))?.message;
  assert.match(features ?? '', /^features of VM0: port failed \(commit: /);
  assert.ok(!report.log.some((line) => line.message === 'never'));
});
