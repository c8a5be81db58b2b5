// The consolidation keys' checks: a VM's workload and utilization-driven dirty rate, each bad input reported at the
// node it is about (a missing workload or rate, a workload with both or neither of a trace and a list, an empty list,
// an unreadable trace file), and a valid inline workload read into the trace the run follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf, parse } from './testing/helpers.ts';

const scenario = (vm: string) => `version: 1
platform: platforms/two_hosts.xml
vms:
  - ${vm}
`;

test('an inline utilization list becomes the VM trace, one value per 300 s interval', () => {
  const parsed = parse(scenario('{ name: VM0, host: host0, ram: 1GiB, workload: { utilization: [20, 50] } }'));
  assert.deepEqual(parsed.vms[0]?.workload?.trace?.values, [0.2, 0.5]);
});

test('each bad workload is reported at its node', () => {
  const cases: [string, string, string][] = [
    ['{ name: VM0, host: host0, dirty: { model: utilization, ratePerCore: 80MiB/s } }', 'missing-key', 'utilization'],
    [
      '{ name: VM0, host: host0, workload: { utilization: [5] }, dirty: { model: utilization } }',
      'missing-key',
      'utilization',
    ],
    ['{ name: VM0, host: host0, workload: { interval: 300s } }', 'missing-key', '{ interval: '],
    ['{ name: VM0, host: host0, workload: { utilization: [] } }', 'bad-trace', '[] }'],
    ['{ name: VM0, host: host0, workload: { trace: no-such-trace.txt } }', 'bad-trace', 'no-such-trac'],
  ];
  for (const [vm, code, at] of cases) {
    const issues = issuesOf(scenario(vm));
    assert.equal(issues.length, 1, `${vm}: ${JSON.stringify(issues)}`);
    assert.equal(issues[0]?.[0], code, vm);
    assert.ok(issues[0]?.[3].startsWith(at), `${vm}: at ${JSON.stringify(issues[0])}`);
  }
});
