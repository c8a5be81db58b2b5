// What the control-plane seeds ask beyond libvirt's phases: a `proceed` policy that waits n seconds before letting the
// migration go on without the dynamic state; bridges that act on VDP's M bit ("migrating to") by PULLing the state
// themselves, report a failed PULL and answer the destination's question about it; and a global fast mode in which
// optional features may fail without holding the switch-over.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type DynamicStateOptions, isLivemigError, parseScenario, runScenario } from '../src/index.ts';
import { MiB, runPhased } from './phased-fixture.ts';

const here = dirname(fileURLToPath(import.meta.url));

const STATE: DynamicStateOptions & { name: 'dynamic-state' } = {
  name: 'dynamic-state',
  sizeBytes: 32 * MiB,
  database: 'db',
  policy: 'proceed',
};

async function phased(options: Parameters<typeof runPhased>[0], setup?: Parameters<typeof runPhased>[1]) {
  const run = await runPhased({ algorithm: 'precopy', ...options }, setup);
  const protocol = run.sim.control.records[0];
  assert.ok(protocol !== undefined);
  const messages = (kind: string) => protocol.messages.filter((m) => m.kind === kind);
  return { run, protocol, messages };
}

test('proceed with waitSec waits that long for the state, then lets the migration go on without it', async () => {
  // The 32 MiB state lands about 0.29 s after Finish starts (0.581 s of transfers less the 0.293 s stop-and-copy,
  // test/dynamic-state.test.ts).
  const atOnce = await phased({ features: ['vdp-port', STATE] });
  const patient = await phased({ features: ['vdp-port', { ...STATE, waitSec: 5 }] });
  const hurried = await phased({ features: ['vdp-port', { ...STATE, waitSec: 0.1 }] });
  const feature = (run: typeof atOnce) => run.protocol.features[1];
  for (const run of [atOnce, patient, hurried]) {
    assert.equal(run.run.error, undefined);
    assert.equal(run.run.vm.pm.name, 'dst');
  }
  assert.equal(feature(atOnce)?.extraDowntimeSec, 0);
  const gap = feature(atOnce)?.details.stateGapSec as number;
  assert.ok(gap > 0.28 && gap < 0.3, `${gap}`);
  // Waiting 5 s: the state came within the wait, the VM resumed with it (the gap became downtime).
  assert.ok(Math.abs((feature(patient)?.extraDowntimeSec ?? 0) - gap) < 1e-3);
  assert.equal(feature(patient)?.details.stateGapSec, undefined);
  // Waiting 0.1 s: 0.1 s more downtime, then the VM runs without its state for the rest of the gap.
  assert.ok(Math.abs((feature(hurried)?.extraDowntimeSec ?? 0) - 0.1) < 1e-12);
  const rest = feature(hurried)?.details.stateGapSec as number;
  assert.ok(Math.abs(rest - (gap - 0.1)) < 1e-3, `${rest}`);
  assert.equal(feature(hurried)?.outcome, 'ok');
});

test('with pull: bridge, the destination bridge acts on the M bit of the Pre-Associate and PULLs the state', async () => {
  const bridge = await phased({ features: ['vdp-port', { ...STATE, policy: 'wait', waitSec: 5, pull: 'bridge' }] });
  assert.equal(bridge.run.error, undefined);
  const [preAssociate] = bridge.messages('vdp.pre-associate');
  const pulls = bridge.messages('state.pull');
  assert.equal(pulls.length, 1);
  const [pull] = pulls;
  assert.ok(preAssociate !== undefined && pull !== undefined);
  assert.deepEqual([pull.fromHost, pull.toHost], ['br2', 'db'], 'the bridge PULLs, not the destination');
  assert.equal(pull.sent, preAssociate.received, 'at once, on the M bit');
  assert.equal(bridge.messages('state.pull-ack').length, 1, 'the database says it holds the PULL');
  assert.equal(bridge.protocol.features[1]?.outcome, 'ok');
  // Without vdp-port there is no Pre-Associate to carry the M bit: refused before anything runs.
  const alone = await runPhased({ features: [{ ...STATE, policy: 'wait', waitSec: 5, pull: 'bridge' }] });
  assert.ok(isLivemigError(alone.error, 'invalid-argument'));
  assert.match(alone.error.message, /pull: bridge needs the vdp-port feature/);
  assert.equal(alone.sim.control.records.length, 0, 'refused before anything ran');
});

test('a bridge reports a failed PULL, and the destination backs out at once instead of waiting', async () => {
  // The database stays silent: no acknowledgement within the bridge's resource wait (0.5 s here).
  const failed = await phased(
    { features: ['vdp-port', { ...STATE, policy: 'wait', waitSec: 20, pull: 'bridge' }] },
    (sim) => {
      sim.control.configureBridge('br2', { resourceWaitSec: 0.5 });
      sim.control.inject({ target: 'database', host: 'db', mode: 'silent' });
    },
  );
  const [report] = failed.messages('state.pull-failed');
  assert.ok(report !== undefined);
  assert.deepEqual([report.fromHost, report.toHost], ['br2', 'dst']);
  const [pull] = failed.messages('state.pull');
  assert.ok(pull !== undefined && Math.abs(report.sent - pull.sent - 0.5) < 1e-9, 'after the resource wait');
  assert.ok(isLivemigError(failed.run.error, 'finish-failed'));
  assert.match(failed.run.error.message, /PULL of the dynamic state of VM "vm" failed at bridge "br2"/);
  const feature = failed.protocol.features[1];
  assert.ok((feature?.extraDowntimeSec ?? 1) < 0.01, `no 20 s wait: ${feature?.extraDowntimeSec}`);
  assert.equal(failed.run.vm.pm.name, 'src');
});

test('the destination asks its bridge for the PULL status when the report was lost', async () => {
  const asked = await phased(
    { features: ['vdp-port', { ...STATE, policy: 'wait', waitSec: 20, pull: 'bridge' }] },
    (sim) => {
      sim.control.configureBridge('br2', { resourceWaitSec: 0.5 });
      sim.control.inject({ target: 'database', host: 'db', mode: 'silent' });
      sim.control.inject({ target: 'messages', kind: 'state.pull-failed' });
    },
  );
  const [question] = asked.messages('state.pull-status');
  const [answer] = asked.messages('state.pull-status.reply');
  assert.ok(question !== undefined && answer !== undefined);
  assert.deepEqual([question.fromHost, question.toHost, answer.toHost], ['dst', 'br2', 'dst']);
  assert.equal(asked.protocol.features[1]?.details.pullStatus, 'failed');
  assert.ok(isLivemigError(asked.run.error, 'finish-failed'));
  assert.ok((asked.protocol.features[1]?.extraDowntimeSec ?? 1) < 0.01);
  // When the PULL went well, the answer says where it is.
  const fine = await phased({ features: ['vdp-port', { ...STATE, policy: 'wait', waitSec: 5, pull: 'bridge' }] });
  assert.equal(fine.protocol.features[1]?.details.pullStatus, 'held');
});

test('fast mode: an optional feature that fails no longer holds the switch-over; a required one still does', async () => {
  const optional = [{ name: 'vdp-port' as const, required: false, responseWaitSec: 2 }];
  const loseAssociate = (sim: Parameters<NonNullable<Parameters<typeof runPhased>[1]>>[0]) =>
    sim.control.inject({ target: 'messages', kind: 'vdp.associate', count: 1 });
  const plain = await phased({ features: [] });
  const held = await phased({ features: optional }, loseAssociate);
  const fast = await phased({ features: optional, fast: true }, loseAssociate);
  for (const run of [held, fast]) {
    assert.equal(run.run.error, undefined);
    assert.equal(run.run.vm.pm.name, 'dst');
    assert.equal(run.protocol.features[0]?.outcome, 'failed');
  }
  const plainDowntime = plain.protocol.jobStats?.downtimeSec ?? 0;
  assert.ok(Math.abs((held.protocol.features[0]?.extraDowntimeSec ?? 0) - 2) < 1e-9);
  assert.ok((held.protocol.jobStats?.downtimeSec ?? 0) > plainDowntime + 2 - 1e-6);
  assert.equal(fast.protocol.features[0]?.extraDowntimeSec, 0);
  assert.ok(Math.abs((fast.protocol.jobStats?.downtimeSec ?? 0) - plainDowntime) < 1e-3);
  const commit = fast.protocol.features[0]?.steps.find((s) => s.step === 'commit');
  assert.ok(commit !== undefined && commit.ok === false);
  assert.equal(fast.protocol.features[0]?.details.afterSwitchover, true);
  // A required feature is not optional in fast mode: its failure still fails Finish.
  const required = await phased({ features: [{ name: 'vdp-port', responseWaitSec: 2 }], fast: true }, loseAssociate);
  assert.ok(isLivemigError(required.run.error, 'finish-failed'));
  assert.equal(required.run.vm.pm.name, 'src');
});

test('a scenario reaches fast, pull: bridge, proceed with wait, and a bridge resourceWait', async () => {
  const text = `version: 1
platform: ../examples/scenarios/platforms/bridged.xml
bridges:
  - { name: tor-2, resourceWait: 0.5s }
vms:
  - { name: VM0, host: r1-0, ram: 256MiB }
actors:
  - name: op
    host: ops-0
    steps:
      - migrate:
          vm: VM0
          to: r2-0
          protocol: phased
          controller: ops-0
          fast: true
          features:
            - vdp-port
            - { name: dynamic-state, size: 4MiB, database: ops-1, policy: proceed, wait: 1s, pull: bridge, required: false }
`;
  const scenario = parseScenario(text, join(here, 'inline.yaml'));
  const step = scenario.actors[0]?.steps[0];
  assert.ok(step?.kind === 'migrate');
  assert.equal((step.options as { fast?: boolean }).fast, true);
  assert.deepEqual((step.options as { features?: unknown[] }).features?.[1], {
    name: 'dynamic-state',
    required: false,
    sizeBytes: 4 * MiB,
    database: 'ops-1',
    policy: 'proceed',
    waitSec: 1,
    pull: 'bridge',
  });
  assert.equal(scenario.bridges[0]?.resourceWaitSec, 0.5);
  const { simulation } = await runScenario(scenario);
  const protocol = simulation.control.records[0];
  assert.equal(protocol?.outcome, 'completed');
  assert.deepEqual(
    protocol?.messages.filter((m) => m.kind === 'state.pull').map((m) => m.fromHost),
    ['tor-2'],
  );
  assert.equal(protocol?.features[1]?.details.afterSwitchover, true);
  assert.throws(
    () => parseScenario(text.replace('policy: proceed', 'policy: serialize'), join(here, 'inline.yaml')),
    /pull: bridge cannot serialize/,
  );
});

test('fast mode: an optional dynamic state waits after the switch-over, and its gap counts from the resume', async () => {
  const slow = await phased({ features: ['vdp-port', { ...STATE, required: false, waitSec: 5 }] });
  const fast = await phased({ features: ['vdp-port', { ...STATE, required: false, waitSec: 5 }], fast: true });
  const held = slow.protocol.features[1];
  const after = fast.protocol.features[1];
  // Without fast, proceed's 5 s wait holds the switch-over until the state lands (about 0.29 s of downtime)…
  assert.ok((held?.extraDowntimeSec ?? 0) > 0.28);
  // …with fast, the VM resumes first and runs without its state for about that long instead.
  assert.equal(after?.extraDowntimeSec, 0);
  const gap = after?.details.stateGapSec as number;
  assert.ok(Math.abs(gap - (held?.extraDowntimeSec ?? 0)) < 1e-2, `${gap}`);
  assert.equal(after?.outcome, 'ok');
  assert.ok(
    (fast.protocol.jobStats?.downtimeSec ?? 0) < (slow.protocol.jobStats?.downtimeSec ?? 0) - 0.27,
    'the downtime lost the wait',
  );
});
