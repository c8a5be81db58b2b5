// Checks of the consolidation keys that need the typed scenario: every workload has a trace (read here, with the
// file's line in any error), a utilization-driven dirty rate has its workload and rate, power figures are complete,
// and a `consolidation` block has VMs with workloads to consolidate.
import {
  parseUtilizationTrace,
  traceFromValues,
  type UtilizationTrace,
  utilizationAt,
} from '../consolidation/index.ts';
import type { SourceNode } from '../core/index.ts';
import { childPath, INPUT_LIMITS, type Issue, isLivemigError, readInputFile } from '../core/index.ts';
import type { DriverChecks } from './driver-checks.ts';
import type { Scenario, VmSpec, Where } from './model.ts';
import { locate } from './source/locate.ts';

export function checkConsolidation(scenario: Scenario, root: SourceNode, driver: DriverChecks): Issue[] {
  const at = (path: string): Where => ({ path, location: locate(root, path) });
  const issues: Issue[] = [];
  for (const vm of scenario.vms) issues.push(...checkWorkload(vm, at));
  for (const host of scenario.hostPower ?? []) {
    const power = host.power;
    if (power?.kind === 'linear' && (Number.isNaN(power.idleWatts) || Number.isNaN(power.maxWatts))) {
      issues.push(
        issue(
          at(host.where.path),
          'missing-key',
          `The power of host "${host.name}" needs idle and max.`,
          'Write power: {idle: 86, max: 117}, or power: {curve: [11 watt figures]}.',
        ),
      );
    }
    if (power?.kind === 'curve' && power.watts.length !== 11) {
      const message = `The power curve of host "${host.name}" has ${power.watts.length} figures, not 11.`;
      issues.push(
        issue(at(host.where.path), 'bad-power-curve', message, 'Give the watts at 0 %, 10 % … 100 % (11 figures).'),
      );
    }
  }
  const block = scenario.consolidation;
  if (block !== undefined) {
    if (!scenario.vms.some((vm) => vm.workload !== undefined)) {
      issues.push(
        issue(
          block.where,
          'nothing-to-consolidate',
          'The consolidation block has no VM to consolidate.',
          'Give VMs a workload: {trace: vm-1.txt}.',
        ),
      );
    }
    if (!driver.simulated) {
      const hint = `Remove driver: ${scenario.driver}.`;
      issues.push(issue(block.where, 'unsupported', 'Consolidation runs in the simulator only.', hint));
    }
  }
  if (issues.length === 0) fillDirtyTraces(scenario);
  return issues;
}

function checkWorkload(vm: VmSpec, at: (path: string) => Where): Issue[] {
  const workload = vm.workload;
  const dirtyAt = () => at(childPath(childPath(vm.where.path, 'dirty'), 'model'));
  if (workload === undefined) {
    if (vm.dirtyRatePerCoreBytesPerSec === undefined) return [];
    const message = `The utilization dirty model of VM "${vm.name}" needs a workload.`;
    return [issue(dirtyAt(), 'missing-key', message, 'Add workload: {trace: vm-1.txt} to the VM.')];
  }
  const issues: Issue[] = [];
  if (Number.isNaN(vm.dirtyRatePerCoreBytesPerSec)) {
    const message = `The utilization dirty model of VM "${vm.name}" needs ratePerCore.`;
    issues.push(issue(dirtyAt(), 'missing-key', message, 'Add ratePerCore: 80MiB/s.'));
  }
  const problem = loadWorkload(vm.name, workload, childPath(vm.where.path, 'workload'), at);
  if (problem !== undefined) issues.push(problem);
  return issues;
}

/** Reads the workload's trace (file or inline list) into `workload.trace`; the issue when it cannot. */
function loadWorkload(
  name: string,
  workload: NonNullable<VmSpec['workload']>,
  path: string,
  at: (path: string) => Where,
): Issue | undefined {
  const { traceFile, utilizationPercent, intervalSec } = workload;
  if ((traceFile === undefined) === (utilizationPercent === undefined)) {
    const message = `The workload of VM "${name}" needs either a trace file or a utilization list.`;
    return issue(at(path), 'missing-key', message, 'Write trace: vm-1.txt, or utilization: [20, 35, 50].');
  }
  if (utilizationPercent !== undefined) {
    if (utilizationPercent.length === 0) {
      const message = `The utilization list of VM "${name}" is empty.`;
      return issue(at(childPath(path, 'utilization')), 'bad-trace', message, 'List one percentage per interval.');
    }
    workload.trace = traceFromValues(
      utilizationPercent.map((p) => p / 100),
      intervalSec,
    );
    return undefined;
  }
  const read = readTrace(traceFile as string, intervalSec);
  if (typeof read !== 'string') {
    workload.trace = read;
    return undefined;
  }
  const hint = 'Write one percentage per line (PlanetLab), or time,utilization CSV lines.';
  return issue(at(childPath(path, 'trace')), 'bad-trace', read, hint);
}

function readTrace(file: string, intervalSec: number): UtilizationTrace | string {
  let text: string;
  try {
    text = readInputFile(file, INPUT_LIMITS.traceBytes);
  } catch (error) {
    return `Cannot read the utilization trace "${file}": ${(error as Error).message}`;
  }
  try {
    return parseUtilizationTrace(text, intervalSec, file);
  } catch (error) {
    if (isLivemigError(error)) return error.message;
    throw error;
  }
}

/** The length of a consolidation run: its `duration`, else the scenario's `until`, else the longest trace. */
export function consolidationDuration(scenario: Scenario): number {
  const longest = Math.max(0, ...scenario.vms.map((vm) => vm.workload?.trace?.periodSec ?? 0));
  return scenario.consolidation?.durationSec ?? scenario.untilSec ?? longest;
}

/** `dirty: {model: utilization}`: a dirty-rate trace of utilization × cores × rate per core, over the whole run. */
function fillDirtyTraces(scenario: Scenario): void {
  const duration = consolidationDuration(scenario);
  for (const vm of scenario.vms) {
    const perCore = vm.dirtyRatePerCoreBytesPerSec;
    const trace = vm.workload?.trace;
    if (perCore === undefined || trace === undefined || vm.dirty?.kind !== 'trace') continue;
    const points: [number, number][] = [];
    for (let period = 0; period * trace.periodSec < Math.max(duration, trace.periodSec); period++) {
      for (const time of trace.times) {
        const t = period * trace.periodSec + time;
        if (t <= duration || points.length === 0) points.push([t, utilizationAt(trace, t) * vm.cores * perCore]);
      }
    }
    vm.dirty.points = points;
  }
}

function issue(where: Where, code: string, message: string, hint: string): Issue {
  const result: Issue = { code, path: where.path, message, hint };
  if (where.location !== undefined) result.location = where.location;
  return result;
}
