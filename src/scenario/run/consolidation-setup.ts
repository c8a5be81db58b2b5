// Starts a scenario's consolidation: the VMs with a workload follow their traces, on the hosts that have power
// figures or carry such a VM (platform order), under the scenario's policies or none (the baseline).
import { Consolidation, type ConsolidationHost, powerModel } from '../../consolidation/index.ts';
import { Random } from '../../core/index.ts';
import type { Simulation } from '../../simulation/index.ts';
import { consolidationDuration } from '../check-consolidation.ts';
import type { Scenario } from '../model.ts';

/** Seed offset of the consolidation's random stream (random selection), apart from the actors' stream. */
const STREAM = 0x636f6e73;

export function startConsolidation(scenario: Scenario, sim: Simulation): Consolidation | undefined {
  const workloads = scenario.vms.flatMap((vm) =>
    vm.workload?.trace === undefined ? [] : [{ vm: vm.name, trace: vm.workload.trace, host: vm.host }],
  );
  if (workloads.length === 0) return undefined;
  const entries = new Map((scenario.hostPower ?? []).map((h) => [h.name, h]));
  const used = new Set(workloads.map((w) => w.host));
  const hosts: ConsolidationHost[] = sim.hosts
    .filter((host) => entries.has(host.name) || used.has(host.name))
    .map((host) => {
      const entry = entries.get(host.name);
      const spec = entry?.power ?? { kind: 'linear', idleWatts: 0, maxWatts: 0 };
      return { host: host.name, power: powerModel(spec), ramBytes: entry?.ramBytes ?? Number.POSITIVE_INFINITY };
    });
  const block = scenario.consolidation;
  const settings = {
    intervalSec: block?.intervalSec ?? 300,
    policies: block?.policies,
    migrate: block?.migrate ?? {},
    maxConcurrentPerHost: block?.maxConcurrentPerHost ?? Number.POSITIVE_INFINITY,
    switchOffIdle: block?.switchOffIdle ?? false,
    durationSec: consolidationDuration(scenario),
  };
  return new Consolidation(sim, hosts, workloads, settings, new Random((scenario.seed ^ STREAM) >>> 0));
}
