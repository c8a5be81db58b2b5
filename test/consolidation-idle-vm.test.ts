// A VM whose utilization drops to 0 % stops taking a share of its host: the executions the consolidation cancels at
// the end of each interval are settled, so the VM's count of running executions (its weight on the host) falls back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, runScenario } from '../src/index.ts';

// One host of one 1 Gflop/s core; two one-core VMs. Interval 1 both ask 1 Gflop/s and get half each (shortfall
// 2 × 0.5 Gflop/s × 300 s = 300 Gflop). From interval 2 on, idle asks nothing, so busy gets the whole core: no
// shortfall. A VM still counted as running would keep half the core and leave busy 150 Gflop short per interval.
const scenario = `version: 1
seed: 1
platform:
  clusters: [{ id: rack, prefix: h-, radical: 0-0, speed: 1Gf, core: 1, bw: 1Gbps, lat: 50us }]
hosts:
  - { name: h-0, ram: 8GiB, power: { idle: 100, max: 200 } }
vms:
  - { name: idle, host: h-0, ram: 1GiB, workload: { utilization: [100, 0, 0, 0] } }
  - { name: busy, host: h-0, ram: 1GiB, workload: { utilization: [100, 100, 100, 100] } }
consolidation: none
`;

test('a VM whose trace drops to 0 % leaves its host to the others in the next intervals', async () => {
  const outcome = await runScenario(parseScenario(scenario, 'idle-vm.yaml'));
  const intervals = outcome.report.consolidation?.intervals ?? [];
  assert.equal(intervals.length, 4);
  const shortfallGflop = intervals.map((row) => Math.round(row.shortfallFlops / 1e9));
  assert.deepEqual(shortfallGflop, [300, 0, 0, 0]);
});
