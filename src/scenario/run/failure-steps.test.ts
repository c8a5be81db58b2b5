// Failures through scenario files: the `cancel` step (QEMU's migrate_cancel), links turned off and on by events,
// and the minimal scenarios of failures that once broke a run (each now ends with a report that tells the truth).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../testing/helpers.ts';
import { runScenario } from './run-scenario.ts';

/** Three hosts on one inline platform: h0 → h1 through l0 and l1; h2 reaches both through l2. */
const PLATFORM = `platform:
  hosts: [ {name: h0, speed: 1Gf}, {name: h1, speed: 1Gf}, {name: h2, speed: 1Gf} ]
  links: [ {name: l0, bandwidth: 1GBps, latency: 10us}, {name: l1, bandwidth: 1GBps, latency: 10us}, {name: l2, bandwidth: 1GBps, latency: 10us} ]
  routes: [ {src: h0, dst: h1, links: [l0, l1]}, {src: h0, dst: h2, links: [l0, l2]}, {src: h1, dst: h2, links: [l1, l2]} ]
`;

function scenario(body: string): string {
  return `version: 1\n${PLATFORM}${body}`;
}

test('a cancel step aborts the migration: the caller gets migration-aborted, the VM runs on its source', async () => {
  const { report, simulation: sim } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 4GiB}
actors:
  - {name: op, host: h2, steps: [ {migrate: {vm: vm0, to: h1, algorithm: precopy}}, {log: after} ]}
  - {name: admin, host: h2, steps: [ {sleep: 1}, {cancel: vm0}, {cancel: vm0} ]}
`),
    ),
  );
  assert.equal(report.migrations[0]?.outcome, 'aborted');
  assert.deepEqual(
    report.stepErrors.map((e) => [Math.round(e.time * 1e9) / 1e9, e.actor, e.code]),
    [
      [1, 'admin', 'invalid-state'],
      [1, 'op', 'migration-aborted'],
    ],
  );
  assert.equal(sim.vm('vm0').pm.name, 'h0');
  assert.equal(sim.vm('vm0').state, 'running');
  assert.deepEqual(
    report.log.map((l) => l.message),
    ['after'],
  );
});

test('cancelling a migration in post-copy is refused; the migration goes on and completes', async () => {
  const { report, simulation: sim } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 4GiB, dirty: {model: rate, rate: 100MiB/s, workingSet: 1GiB}}
actors:
  - {name: op, host: h2, steps: [ {migrate: {vm: vm0, to: h1, algorithm: postcopy}} ]}
events:
  - {at: 1, cancel: vm0}
`),
    ),
  );
  assert.equal(report.migrations[0]?.outcome, 'completed');
  assert.deepEqual(
    report.stepErrors.map((e) => [e.actor, e.code]),
    [['maestro', 'invalid-state']],
  );
  assert.equal(sim.vm('vm0').pm.name, 'h1');
});

test('a link turned off by an event fails the migration on its route; turned on again, the next one completes', async () => {
  const { report, simulation: sim } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 4GiB}
actors:
  - name: op
    host: h2
    steps:
      - migrate: {vm: vm0, to: h1, algorithm: precopy}
      - sleep: 5
      - migrate: {vm: vm0, to: h1, algorithm: precopy}
      - log: moved
events:
  - {at: 1, turnOffLink: l1}
  - {at: 3, turnOnLink: l1}
`),
    ),
  );
  assert.deepEqual(
    report.migrations.map((m) => m.outcome),
    ['failed', 'completed'],
  );
  assert.equal(sim.vm('vm0').pm.name, 'h1');
  assert.deepEqual(
    report.log.map((l) => l.message),
    ['moved'],
  );
});

test('an unknown link in a turnOffLink event is bad input with its location and a suggestion', () => {
  assert.throws(
    () =>
      parse(
        scenario(`vms: []
events:
  - {at: 1, turnOffLink: l7}
`),
      ),
    (error: Error & { issues?: { code: string; message: string; hint?: string }[] }) =>
      error.issues?.some((i) => i.code === 'unknown-name' && /l7/.test(i.message) && /"l\d"/.test(i.hint ?? '')) ===
      true,
  );
});

test('post-copy whose source fails during the push: a failed migration (VM lost) in the report, no crash', async () => {
  const { report, simulation: sim } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 8192MiB, dirty: {model: linear, rate: 150MiB/s, workingSet: 2048MiB}}
actors:
  - {name: op, host: h2, steps: [ {migrate: {vm: vm0, to: h1, algorithm: postcopy}}, {log: told} ]}
events:
  - {at: 3, turnOff: h0}
`),
    ),
  );
  assert.equal(report.migrations[0]?.outcome, 'failed');
  assert.match(report.migrations[0]?.error ?? '', /lost/);
  assert.equal(sim.vms.all.length, 0);
  assert.deepEqual(
    report.log.map((l) => l.message),
    ['told'],
  );
});

test('the issuer on the source host: it does not act at the date its host goes off', async () => {
  const { report } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 1024MiB}
actors:
  - {name: op, host: h0, steps: [ {migrate: {vm: vm0, to: h1, algorithm: precopy}}, {log: after migrate} ]}
events:
  - {at: 0.5, turnOff: h0}
`),
    ),
  );
  assert.deepEqual(report.log, []);
  assert.deepEqual(report.stepErrors, []);
  assert.equal(report.migrations[0]?.outcome, 'failed');
});

test('a host turned off at t=0 by one actor while another starts the migration: the run ends', async () => {
  const { report } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 1024MiB}
actors:
  - {name: op, host: h2, steps: [ {migrate: {vm: vm0, to: h1}} ]}
  - {name: chaos, host: h1, steps: [ {turnOff: h0} ]}
`),
    ),
  );
  assert.equal(report.migrations[0]?.outcome, 'failed');
});

test('a VM started by an event on a host that is off is refused (a failed step), and never runs there', async () => {
  const { report, simulation: sim } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h1, ram: 256MiB}
events:
  - {at: 1, turnOff: h1}
  - {at: 2, start: vm0}
`),
    ),
  );
  assert.deepEqual(
    report.stepErrors.map((e) => [e.time, e.code]),
    [[2, 'host-failure']],
  );
  assert.notEqual(sim.vm('vm0').state, 'running');
});

test('stop-and-copy with a send cost: the migration completes with its bytes, or fails if the source dies first', async () => {
  for (const [issuer, fault] of [
    ['h0', ''],
    ['h2', ''],
    ['h0', 'events: [ {at: 4, turnOff: h0} ]'],
    ['h2', 'events: [ {at: 4, turnOff: h0} ]'],
  ]) {
    const { report, simulation: sim } = await runScenario(
      parse(
        scenario(`vms:
  - {name: vm0, host: h0, ram: 1024MiB}
actors:
  - {name: op, host: ${issuer}, steps: [ {migrate: {vm: vm0, to: h1, algorithm: stop-and-copy, sendCost: 5}} ]}
${fault}
`),
      ),
    );
    const record = report.migrations[0];
    const label = `issuer ${issuer} ${fault}`;
    assert.notEqual(record?.outcome, 'running', label);
    if (record?.outcome === 'completed') {
      assert.equal(record.bytesSent, 1024 * 2 ** 20, label);
      assert.equal(sim.vm('vm0').pm.name, 'h1', label);
    } else {
      assert.equal(fault === '' ? 'no fault' : 'failed', record?.outcome, label);
    }
  }
});

test('phased: a controller lost with the source does not claim that the source resumes the VM', async () => {
  const { report } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 64MiB}
actors:
  - {name: op, host: h2, steps: [ {migrate: {vm: vm0, to: h1, algorithm: precopy, protocol: phased}} ]}
events:
  - {at: 0.2, agentFault: {host: h1, mode: silent}}
  - {at: 3, turnOff: h0}
`),
    ),
  );
  const error = report.stepErrors[0]?.message ?? '';
  assert.doesNotMatch(error, /the source then resumes/);
  assert.match(error, /source "h0" is off/);
});

test('a cancel during the copy of a phased migration rolls it back: the VM runs on its source', async () => {
  const { report, simulation: sim } = await runScenario(
    parse(
      scenario(`vms:
  - {name: vm0, host: h0, ram: 4GiB}
actors:
  - {name: op, host: h2, steps: [ {migrate: {vm: vm0, to: h1, algorithm: precopy, protocol: phased}} ]}
events:
  - {at: 1, cancel: vm0}
`),
    ),
  );
  assert.equal(report.migrations[0]?.outcome, 'failed');
  assert.deepEqual(
    report.stepErrors.map((e) => [e.actor, e.code]),
    [['op', 'perform-failed']],
  );
  assert.match(report.stepErrors[0]?.message ?? '', /cancelled by the operator/);
  assert.equal(sim.vm('vm0').pm.name, 'h0');
  assert.equal(sim.vm('vm0').state, 'running');
  assert.equal(sim.vm('vm0').pausedForMigration, false);
});

test('an extendLive that nothing ends is refused when the run starts, unless the run is bounded', async () => {
  const text = scenario(`vms:
  - {name: vm0, host: h0, ram: 1GiB, dirty: {model: rate, rate: 10MiB/s, workingSet: 256MiB}}
actors:
  - {name: op, host: h2, steps: [ {migrate: {vm: vm0, to: h1, algorithm: mplm}} ]}
events:
  - {at: 0.1, extendLive: vm0}
`);
  await assert.rejects(runScenario(parse(text)), (error: Error & { issues?: { code: string }[] }) => {
    assert.equal(error.issues?.[0]?.code, 'unbounded-run');
    return true;
  });
  const { result } = await runScenario(parse(text), { until: 5 });
  assert.equal(result.reason, 'until');
});
