// A driver is one entry of the runners' registry: a runner registered beside livemig's own is checked when a scenario
// is loaded and runs it, through the public API alone; a driver with no runner is refused with the names there are.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  InputError,
  parseScenario,
  RUNNERS,
  type Runner,
  reportJson,
  runnerFor,
  runnerRegistry,
  runOnDriver,
  SCENARIO_DRIVERS,
  type Scenario,
  simulatorRunner,
  writeReport,
} from '../src/index.ts';

const fixtures = fileURLToPath(new URL('fixtures/scenarios/', import.meta.url));
const SCENARIO = `version: 1
platform: platforms/two_hosts.xml
vms: [ { name: VM0, host: host0, ram: 1GiB }, { name: VM1, host: host0, ram: 1GiB, cores: 2 } ]
actors:
  - { name: migrator, host: host0, steps: [ { sleep: 1 }, { migrate: { vm: VM0, to: host1 } } ] }
`;

/** A driver that plays every migrate step as done at once, and takes single-core VMs only. */
function instantRunner(played: string[]): Runner {
  return {
    driver: 'instant',
    title: 'Instant',
    simulated: false,
    check: (scenario) =>
      scenario.vms
        .filter((vm) => vm.cores !== 1)
        .map((vm) => ({
          code: 'simulated-only',
          path: vm.where.path,
          message: `VM "${vm.name}" has cores.`,
          ...(vm.where.location === undefined ? {} : { location: vm.where.location }),
        })),
    run: async (scenario: Scenario) => {
      played.push(scenario.file);
      const vms = scenario.vms.map((vm) => ({ name: vm.name, host: vm.host, state: 'running' }));
      const real = { driver: 'instant', startedAt: '2026-01-01T00:00:00.000Z', bench: 'bench 1', mode: 'instant' };
      return {
        report: {
          endTime: 0,
          migrations: [],
          vms,
          hosts: [],
          log: [],
          real,
          stepErrors: [],
          timeline: [],
          usage: { links: [], hosts: [] },
        },
      };
    },
  };
}

test('every driver a scenario file may name has a runner, and every runner a driver name', () => {
  assert.deepEqual([...RUNNERS.keys()].sort(), [...SCENARIO_DRIVERS].sort());
  assert.equal(runnerFor('simulator'), simulatorRunner);
  assert.throws(
    () => runnerFor('qmeu'),
    /No runner for driver "qmeu"; did you mean "qemu"\? Drivers: simulator, qemu\./,
  );
});

test('a runner registered beside the others runs the scenario of its driver, and its report names it', async () => {
  const played: string[] = [];
  const runners = runnerRegistry([...RUNNERS.values(), instantRunner(played)]);
  const simulated = parseScenario(SCENARIO.replace(', cores: 2', ''), 'inline.yaml', { baseDir: fixtures, runners });
  const { report } = await runOnDriver({ ...simulated, driver: 'instant' }, { runners });
  assert.deepEqual(played, ['inline.yaml']);
  assert.match(
    reportJson(report),
    /"driver": "instant",\n {4}"startedAt": "[^"]+",\n {4}"bench": "bench 1",\n {4}"mode"/,
  );
  const dir = mkdtempSync(join(tmpdir(), 'livemig-runner-'));
  try {
    writeReport(report, dir, { driverTitle: runnerFor('instant', runners).title });
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /real Instant run \(bench 1, instant\) started 2026/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(runOnDriver({ ...simulated, driver: 'instant' }), /No runner for driver "instant"/);
});

test("loading checks a scenario with its driver's runner, with every other issue", () => {
  const picky: Runner = {
    ...simulatorRunner,
    check: (scenario, root) => [...simulatorRunner.check(scenario, root), ...instantRunner([]).check(scenario, root)],
  };
  const runners = runnerRegistry([picky, ...[...RUNNERS.values()].filter((r) => r.driver !== 'simulator')]);
  assert.throws(
    () => parseScenario(SCENARIO, 'inline.yaml', { baseDir: fixtures, runners }),
    (error: unknown) => error instanceof InputError && /inline\.yaml:3:.*VM "VM1" has cores/.test(error.message),
  );
  assert.equal(parseScenario(SCENARIO, 'inline.yaml', { baseDir: fixtures }).vms[1]?.cores, 2);
  const noQemu = runnerRegistry([simulatorRunner]);
  assert.throws(
    () => parseScenario(`driver: qemu\n${SCENARIO}`, 'inline.yaml', { baseDir: fixtures, runners: noQemu }),
    /inline\.yaml:1:9.*No runner is registered for driver "qemu"/,
  );
  assert.throws(() => runnerRegistry([simulatorRunner, simulatorRunner]), /Two runners for driver "simulator"/);
});
