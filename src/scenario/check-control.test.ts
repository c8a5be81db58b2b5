// The control plane's scenario keys: a valid phased migration with features, bridges and injected faults reads into
// options and actions; each kind of bad input is reported at its line:col (unknown feature, controller host
// missing, policy misspelt, bridge not found, a feature's missing options, phased keys on a direct migration, a
// station without a bridge).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportJson } from '../report/index.ts';
import { runScenario } from './run/run-scenario.ts';
import { issuesOf, parse } from './testing/helpers.ts';

const PHASED = `version: 1
platform: ../../../examples/scenarios/platforms/bridged.xml
vms:
  - { name: VM0, host: r1-0, ram: 1GiB }
actors:
  - name: op
    host: ops-0
    steps:
      - migrate:
          vm: VM0
          to: r2-0
          protocol: phased
          controller: ops-0
          keepAlive: { interval: 2s, count: 3 }
          features:
            - vdp-port
            - { name: dynamic-state, size: 4MiB, database: ops-1, policy: wait, wait: 1s }
events:
  - { at: 0, bridgeFault: { bridge: tor-2, mode: refuse, count: 1 } }
  - { at: 0.5, loseMessages: { kind: vdp.associate, to: tor-2 } }
`;

test('a phased migration with features and injected faults reads into the options and actions of the API', () => {
  const scenario = parse(PHASED);
  const step = scenario.actors[0]?.steps[0];
  assert.ok(step?.kind === 'migrate');
  assert.deepEqual(step.options, {
    algorithm: 'simgrid-precopy',
    protocol: 'phased',
    controller: 'ops-0',
    features: [
      { name: 'vdp-port' },
      { name: 'dynamic-state', sizeBytes: 4 * 2 ** 20, database: 'ops-1', policy: 'wait', waitSec: 1 },
    ],
    keepAlive: { intervalSec: 2, count: 3 },
  });
  assert.deepEqual(
    scenario.events.map((e) => e.action),
    [
      { kind: 'bridgeFault', fault: { target: 'bridge', host: 'tor-2', mode: 'refuse', count: 1 } },
      { kind: 'loseMessages', fault: { target: 'messages', kind: 'vdp.associate', to: 'tor-2', count: 1 } },
    ],
  );
});

test("the refused Pre-Associate fails the migration's Prepare, and the step error names the phase", async () => {
  const { report } = await runScenario(parse(PHASED));
  assert.deepEqual(
    report.stepErrors.map((e) => [e.step, e.code]),
    [['actors[0].steps[0]: migrate VM0 to r2-0', 'prepare-failed']],
  );
  assert.match(report.stepErrors[0]?.message ?? '', /bridge "tor-2" refused VDP pre-associate/);
  assert.equal(report.migrations[0]?.protocol?.failedPhase, 'prepare');
  assert.equal(report.vms[0]?.host, 'r1-0');
});

test('an unknown feature, a missing controller, a misspelt policy and an unknown bridge are reported where written', () => {
  const text = PHASED.replace('- vdp-port', '- vdp-prot')
    .replace('controller: ops-0', 'controller: ops-9')
    .replace('policy: wait', 'policy: wiat')
    .replace('bridge: tor-2', 'bridge: tor-9');
  assert.deepEqual(issuesOf(text), [
    ['unknown-name', 13, 23, 'ops-9'],
    ['invalid-value', 16, 15, 'vdp-prot'],
    ['invalid-value', 17, 75, 'wiat, wait: '],
    ['unknown-name', 19, 37, 'tor-9, mode:'],
  ]);
});

test("a feature's missing options, phased keys on a direct migration, and a host without a bridge are reported", () => {
  const missing = PHASED.replace('size: 4MiB, ', '').replace(', wait: 1s', '');
  assert.deepEqual(issuesOf(missing), [
    ['missing-key', 17, 15, '{ name: dyna'],
    ['missing-key', 17, 15, '{ name: dyna'],
  ]);
  const direct = PHASED.replace('          protocol: phased\n', '');
  assert.deepEqual(
    issuesOf(direct).map(([code, line]) => [code, line]),
    [
      ['needs-phased', 12],
      ['needs-phased', 13],
      ['needs-phased', 15],
    ],
  );
  const unbridged = PHASED.replace('to: r2-0', 'to: ops-1');
  assert.deepEqual(issuesOf(unbridged), [
    ['no-bridge', 16, 15, 'vdp-port'],
    ['no-bridge', 17, 15, '{ name: dyna'],
  ]);
});

test('a bridge that is not a host is refused, in the scenario and in a platform property', () => {
  const declared = PHASED.replace('vms:', 'bridges:\n  - { name: tor-3, stations: [r1-0] }\nvms:');
  assert.deepEqual(issuesOf(declared), [['unknown-name', 4, 13, 'tor-3, stati']]);
  const inline = `version: 1
platform:
  hosts: [ { name: a, speed: 1Gf, properties: { bridge: nowhere } }, { name: b, speed: 1Gf } ]
  links: [ { name: l, bandwidth: 1Gbps } ]
  routes: [ { src: a, dst: b, links: [l] } ]
`;
  assert.deepEqual(issuesOf(inline), [['unknown-bridge', 3, 57, 'nowhere } },']]);
});

test('the same phased scenario gives a byte-identical report.json, its protocol included', async () => {
  const once = reportJson((await runScenario(parse(PHASED))).report);
  const twice = reportJson((await runScenario(parse(PHASED))).report);
  assert.equal(once, twice);
  assert.match(once, /"protocol": \{\n\s+"controller": "ops-0"/);
});
