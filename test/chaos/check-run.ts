// Runs one generated scenario through the library and lists what it got wrong: the run must settle without an
// internal error or an uncaught actor failure; each VM lives on a host that is on; every migration has an outcome
// that matches where its VM ended; an operator whose host never failed reaches its last step; a rerun gives a
// byte-identical report.
import { parseScenario, reportJson, runScenario, type Simulation } from '../../src/index.ts';
import type { ChaosCase } from './generate-scenario.ts';

export interface ChaosResult {
  problems: string[];
  json: string;
}

export async function runChaosCase(c: ChaosCase): Promise<ChaosResult> {
  const problems: string[] = [];
  const scenario = parseScenario(c.text, `chaos-${c.seed}.json`);
  let outcome: Awaited<ReturnType<typeof runScenario>>;
  try {
    outcome = await runScenario(scenario);
  } catch (error) {
    return { problems: [`the run failed: ${(error as Error).message}`], json: '' };
  }
  const { report, simulation: sim, result } = outcome;
  const finished = result.reason === 'finished';
  for (const error of report.stepErrors) {
    if (error.code === 'internal' || error.code === 'error' || error.code === 'actor-failed')
      problems.push(`step error ${error.code} at ${error.time} in ${error.actor}: ${error.message}`);
  }
  for (const failure of sim.failures) problems.push(`actor ${failure.actor} failed: ${String(failure.error)}`);
  problems.push(...placementProblems(c, sim));
  const last = new Map<string, (typeof report.migrations)[number]>();
  const moving = new Set<string>();
  const byEnd = [...report.migrations].sort((a, b) => (a.end ?? Infinity) - (b.end ?? Infinity) || a.id - b.id);
  for (const migration of byEnd) {
    if (migration.outcome === undefined || migration.outcome === 'running') {
      if (finished) problems.push(`migration ${migration.id} of ${migration.vm} has no outcome`);
      moving.add(migration.vm); // cut by \`until\`: where the VM is says nothing yet
      continue;
    }
    if (migration.outcome === 'completed' && !(migration.bytesSent > 0) && migration.rounds.length === 0)
      problems.push(`migration ${migration.id} of ${migration.vm} completed with nothing sent`);
    // A migration that failed while a later one of the same VM ran (a phased one waiting for a timeout) says
    // nothing about where the VM ends: only one started after the previous placement counts.
    const previous = last.get(migration.vm);
    if (migration.outcome !== 'completed' && previous !== undefined && migration.start < (previous.end ?? 0)) continue;
    last.set(migration.vm, migration);
  }
  for (const [name, migration] of last) {
    if (moving.has(name)) continue;
    const vm = sim.vms.has(name) ? sim.vm(name) : undefined;
    if (vm === undefined || vm.state === 'destroyed') continue; // lost or destroyed since: nowhere to check
    if (migration.outcome === 'completed' && vm.pm.name !== migration.to)
      problems.push(`migration ${migration.id} of ${name} completed but the VM is on ${vm.pm.name}`);
    if (migration.outcome !== 'completed' && vm.pm.name !== migration.from)
      problems.push(`migration ${migration.id} of ${name} ${migration.outcome} but the VM is on ${vm.pm.name}`);
  }
  if (finished) {
    const logged = new Set(report.log.map((line) => `${line.actor}: ${line.message}`));
    for (const operator of c.operators) {
      if (c.hostsTurnedOff.has(operator.host)) continue;
      if (!logged.has(`${operator.name}: end ${operator.name}`))
        problems.push(`operator ${operator.name} on ${operator.host} never reached its last step`);
    }
  }
  return { problems, json: reportJson(report) };
}

/** VMs running on a host that is off, and hosts holding more VM memory than they have. */
function placementProblems(c: ChaosCase, sim: Simulation): string[] {
  const problems: string[] = [];
  for (const vm of sim.vms.all) {
    const live = vm.state === 'running' || vm.state === 'migrating' || vm.state === 'suspended';
    if (live && !vm.pm.isOn()) problems.push(`VM ${vm.name} is ${vm.state} on ${vm.pm.name}, which is off`);
  }
  for (const host of c.limitedHosts) {
    const usedBytes = sim.vms
      .on(sim.host(host.name))
      .filter((vm) => vm.state === 'running' || vm.state === 'suspended' || vm.state === 'migrating')
      .reduce((sum, vm) => sum + vm.ramBytes, 0);
    if (usedBytes > host.ramMiB * 2 ** 20)
      problems.push(`host ${host.name} runs VMs of ${usedBytes} bytes but has ${host.ramMiB} MiB (no over-commitment)`);
  }
  return problems;
}
