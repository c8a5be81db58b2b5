// Checks that need the whole typed scenario and its platform: the driver's own (its runner's: for the simulator, a
// route for every migration), memory of the VMs started at time 0 on hosts that forbid over-commitment, working sets.

import type { SourceNode } from '../core/index.ts';
import {
  childPath,
  closestNames,
  formatBytes,
  INPUT_LIMITS,
  type Issue,
  parseBandwidth,
  parseSize,
  readInputFile,
} from '../core/index.ts';
import { checkConsolidation } from './check-consolidation.ts';
import { checkControl } from './check-control.ts';
import { checkMigrateOptions } from './check-migrate-options.ts';
import type { DriverChecks } from './driver-checks.ts';
import type { HostMemorySpec, Scenario, Step, StepAction, Where } from './model.ts';
import { locate } from './source/locate.ts';

export function checkScenario(scenario: Scenario, root: SourceNode, driver: DriverChecks): Issue[] {
  return [
    ...checkConsolidation(scenario, root, driver),
    ...driver.check(scenario, root),
    ...checkMemory(scenario),
    ...checkLinkNames(scenario),
    ...checkConstantNetwork(scenario, root),
    ...checkPstates(scenario, root),
    ...checkBackgroundNames(scenario, root),
    ...checkWorkingSets(scenario, root),
    ...checkDirtyModels(scenario, root),
    ...checkMigrateOptions(scenario, root),
    ...(driver.simulated ? checkDiskBandwidths(scenario, root) : []),
    ...checkControl(
      scenario,
      root,
      scenario.actors.flatMap((actor) => migrations(actor.steps)),
      driver,
    ),
  ];
}

/** Every step and event that sets a pstate names one the host has. */
function checkPstates(scenario: Scenario, root: SourceNode): Issue[] {
  const counts = new Map(scenario.platform.hosts.map((host) => [host.name, host.speedsFlops.length]));
  const issues: Issue[] = [];
  const visit = (action: StepAction, where: Where) => {
    if (action.kind !== 'setPstate') return;
    const { host, pstate } = action;
    const count = counts.get(host);
    if (count === undefined || pstate < count) return;
    const path = childPath(childPath(where.path, 'setPstate'), 'pstate');
    issues.push(
      issue(
        { path, location: locate(root, path) },
        'out-of-range',
        `Host "${host}" has ${count} pstate(s) (0 to ${count - 1}); ${pstate} is not one of them.`,
        `Give a pstate from 0 to ${count - 1}, or more speeds to the host (speed="1Gf,500Mf").`,
      ),
    );
  };
  for (const event of scenario.events) visit(event.action, event.where);
  for (const actor of scenario.actors) forEachStep(actor.steps, (step) => visit(step, step.where));
  return issues;
}

/** A `wait` step names a background execution that the same actor starts somewhere in its steps. */
function checkBackgroundNames(scenario: Scenario, root: SourceNode): Issue[] {
  const issues: Issue[] = [];
  for (const actor of scenario.actors) {
    const started = new Set<string>();
    forEachStep(actor.steps, (step) => {
      if (step.kind === 'execute' && step.background !== undefined) started.add(step.background);
    });
    forEachStep(actor.steps, (step) => {
      if (step.kind !== 'wait' || started.has(step.background)) return;
      const path = childPath(step.where.path, 'wait');
      const known = [...started].map((name) => `"${name}"`).join(', ');
      issues.push(
        issue(
          { path, location: locate(root, path) },
          'unknown-name',
          `Actor "${actor.name}" waits for a background execution "${step.background}" that it never starts.`,
          known === ''
            ? 'Start it first with execute: {flops: 1e9, background: <name>}.'
            : `Its background executions are ${known}.`,
        ),
      );
    });
  }
  return issues;
}

function forEachStep(steps: readonly Step[], visit: (step: Step) => void): void {
  for (const step of steps) {
    visit(step);
    if (step.kind === 'repeat') forEachStep(step.steps, visit);
  }
}

/** A transfer time belongs to the constant network model only. */
function checkConstantNetwork(scenario: Scenario, root: SourceNode): Issue[] {
  if (scenario.constantTransferTimeSec === undefined || scenario.network === 'constant') return [];
  const where = { path: 'constantTransferTime', location: locate(root, 'constantTransferTime') };
  return [
    issue(
      where,
      'key-not-used',
      `constantTransferTime is given but the network model is ${scenario.network}, which does not use it.`,
      'Add network: constant, or remove constantTransferTime.',
    ),
  ];
}

/** A rate model needs its rate; a trace needs its points (read here from its CSV file). */
function checkDirtyModels(scenario: Scenario, root: SourceNode): Issue[] {
  const issues: Issue[] = [];
  for (const vm of scenario.vms) {
    const dirty = vm.dirty;
    if (dirty === undefined) continue;
    const at = (key: string) => {
      const path = childPath(childPath(vm.where.path, 'dirty'), key);
      return { path, location: locate(root, path) };
    };
    if ((dirty.kind === 'rate' || dirty.kind === 'linear') && Number.isNaN(dirty.rateBytesPerSec)) {
      issues.push(
        issue(
          at('model'),
          'missing-key',
          `The ${dirty.kind} dirty model of VM "${vm.name}" needs a rate.`,
          'Add rate: 50MiB/s (bytes dirtied per second).',
        ),
      );
    }
    if (dirty.kind !== 'flops' && dirty.workingSetBytes > vm.ramBytes) {
      issues.push(
        issue(
          at('workingSet'),
          'working-set-too-large',
          `The working set of VM "${vm.name}" is larger than its RAM.`,
          'Give a working set no larger than the RAM, or a percentage.',
        ),
      );
    }
    if (dirty.kind !== 'trace' || vm.dirtyRatePerCoreBytesPerSec !== undefined) continue;
    if (dirty.traceFile === undefined && dirty.points.length === 0) {
      issues.push(
        issue(
          at('model'),
          'missing-key',
          `The trace dirty model of VM "${vm.name}" needs a trace.`,
          'Add trace: rates.csv, or trace: [{at: 0, rate: 50MiB/s}].',
        ),
      );
    } else if (dirty.traceFile !== undefined) {
      const read = readTraceFile(dirty.traceFile);
      if (typeof read === 'string')
        issues.push(issue(at('trace'), 'bad-trace', read, 'Write one "time,rate" line per point, e.g. 10,50MiB/s.'));
      else dirty.points = read;
    }
  }
  return issues;
}

/** `time,rate` lines (a header line is allowed); the rate may carry a unit. */
function readTraceFile(path: string): [number, number][] | string {
  let text: string;
  try {
    text = readInputFile(path, INPUT_LIMITS.traceBytes);
  } catch (error) {
    return `Cannot read the trace file "${path}": ${(error as Error).message}`;
  }
  const points: [number, number][] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [time, rate, ...rest] = trimmed.split(',').map((c) => c.trim());
    const at = Number(time);
    if (rest.length > 0 || time === undefined || rate === undefined || !Number.isFinite(at)) {
      if (i === 0 && points.length === 0) continue; // a header
      return `Line ${i + 1} of the trace file "${path}" is not "time,rate": ${trimmed}`;
    }
    try {
      points.push([at, parseBandwidth(rate, { unitless: 'accept' })]);
    } catch (error) {
      return `Line ${i + 1} of the trace file "${path}": ${(error as Error).message}`;
    }
  }
  if (points.length === 0) return `The trace file "${path}" has no point.`;
  return points.sort((a, b) => a[0] - b[0]);
}

/** A save or restore needs the disk bandwidth of every host its VM may be on (the host property disk_bandwidth). */
function checkDiskBandwidths(scenario: Scenario, root: SourceNode): Issue[] {
  const places = new Map<string, Set<string>>();
  for (const vm of scenario.vms) places.set(vm.name, new Set([vm.host]));
  for (const step of scenario.actors.flatMap((actor) => migrations(actor.steps))) places.get(step.vm)?.add(step.to);
  const disk = (action: { kind: string }): action is { kind: 'save' | 'restore'; vm: string } =>
    action.kind === 'save' || action.kind === 'restore';
  const uses = [
    ...scenario.actors.flatMap((actor) => flatSteps(actor.steps)).filter(disk),
    ...scenario.events.filter((event) => disk(event.action)).map((event) => ({ ...event.action, where: event.where })),
  ] as { kind: 'save' | 'restore'; vm: string; where: Where }[];
  const issues: Issue[] = [];
  for (const use of uses) {
    for (const name of places.get(use.vm) ?? []) {
      const value = scenario.platform.hosts.find((h) => h.name === name)?.properties.disk_bandwidth;
      let ok = value !== undefined;
      try {
        if (value !== undefined) ok = parseBandwidth(value) > 0;
      } catch {
        ok = false;
      }
      if (ok) continue;
      const path = childPath(use.where.path, use.kind);
      const what = value === undefined ? 'has no disk_bandwidth property' : `has disk_bandwidth="${value}"`;
      issues.push(
        issue(
          { path, location: locate(root, path) },
          'no-disk-bandwidth',
          `VM "${use.vm}" may be on host "${name}" at its ${use.kind}, and "${name}" ${what}: the ${use.kind} lasts RAM / disk bandwidth.`,
          `Give host "${name}" a property disk_bandwidth with a bandwidth > 0, e.g. 200MBps.`,
        ),
      );
    }
  }
  return issues;
}

function flatSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((step) => (step.kind === 'repeat' ? flatSteps(step.steps) : [step]));
}

export function issue(where: Where, code: string, message: string, hint: string): Issue {
  const result: Issue = { code, path: where.path, message, hint };
  if (where.location !== undefined) result.location = where.location;
  return result;
}

/** The links that steps and events turn off or on must exist in the platform. */
function checkLinkNames(scenario: Scenario): Issue[] {
  const actions: { action: { kind: string; link?: string }; where: Where }[] = [
    ...scenario.events.map((event) => ({ action: event.action, where: event.where })),
    ...scenario.actors.flatMap((actor) => flatSteps(actor.steps).map((step) => ({ action: step, where: step.where }))),
  ];
  const issues: Issue[] = [];
  for (const { action, where } of actions) {
    if ((action.kind !== 'turnOffLink' && action.kind !== 'turnOnLink') || action.link === undefined) continue;
    if (scenario.platform.link(action.link) !== undefined) continue;
    const close = closestNames(
      action.link,
      scenario.platform.links.map((link) => link.name),
    );
    const hint =
      close.length > 0 ? `Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : 'Name a link of the platform.';
    issues.push(
      issue(
        where,
        'unknown-name',
        `Unknown link "${action.link}" (the link to turn ${action.kind === 'turnOffLink' ? 'off' : 'on'}).`,
        hint,
      ),
    );
  }
  return issues;
}

/** An `extendLive` holds a migration live until an `endLive` (or a forced end): with none, and no `until` (in the
 * file, or given to the run), the run would never end. Checked when the run starts, which knows its `until`. */
export function checkHeldForever(scenario: Scenario): Issue[] {
  if (scenario.untilSec !== undefined) return [];
  const actions: { action: { kind: string; vm?: string }; where: Where }[] = [
    ...scenario.events.map((event) => ({ action: event.action, where: event.where })),
    ...scenario.actors.flatMap((actor) => flatSteps(actor.steps).map((step) => ({ action: step, where: step.where }))),
  ];
  const released = new Set(
    actions
      .filter(({ action }) => action.kind === 'endLive' || action.kind === 'switchover' || action.kind === 'cancel')
      .map(({ action }) => action.vm),
  );
  return actions
    .filter(({ action }) => action.kind === 'extendLive' && !released.has(action.vm))
    .map(({ action, where }) =>
      issue(
        where,
        'unbounded-run',
        `extendLive holds the migration of VM "${action.vm}" live until an endLive, and nothing ends it: the run would never end.`,
        `Add { endLive: ${action.vm} } (or switchOver, or cancel) at a later date, or bound the run (until: in the file, or --until).`,
      ),
    );
}

export function migrations(steps: readonly Step[]): (Step & { kind: 'migrate' })[] {
  return steps.flatMap((step) => {
    if (step.kind === 'migrate') return [step];
    return step.kind === 'repeat' ? migrations(step.steps) : [];
  });
}

/** VMs started at time 0 must fit in their host's memory where over-commitment is forbidden. */
function checkMemory(scenario: Scenario): Issue[] {
  const issues: Issue[] = [];
  const declared = new Map<string, HostMemorySpec>();
  for (const host of scenario.hosts) {
    if (!declared.has(host.name)) declared.set(host.name, host);
    else {
      issues.push(
        issue(
          host.where,
          'duplicate-name',
          `The memory of host "${host.name}" is given twice.`,
          'Keep one entry per host.',
        ),
      );
    }
  }
  const used = new Map<string, number>();
  for (const vm of scenario.vms) {
    if (!vm.start) continue;
    const memory = declared.get(vm.host) ?? memoryProperty(scenario, vm.host);
    const total = (used.get(vm.host) ?? 0) + vm.ramBytes;
    used.set(vm.host, total);
    if (memory === undefined || memory.overcommit || memory.ramBytes === 0 || total <= memory.ramBytes) continue;
    issues.push(
      issue(
        vm.where,
        'memory-overcommit',
        `VM "${vm.name}" needs ${formatBytes(vm.ramBytes)} but host "${vm.host}" has only ` +
          `${formatBytes(Math.max(0, memory.ramBytes - (total - vm.ramBytes)))} of ${formatBytes(memory.ramBytes)} free at time 0.`,
        'Give the VM less memory, place it on another host, set start: false, or allow over-commitment (overcommit: true).',
      ),
    );
  }
  return issues;
}

/** The memory a host's `ram` property gives (SimGrid's; over-commitment allowed unless ram_overcommit="false"). */
function memoryProperty(scenario: Scenario, name: string): { ramBytes: number; overcommit: boolean } | undefined {
  const properties = scenario.platform.host(name)?.properties ?? {};
  const ram = properties.ram;
  if (ram === undefined) return undefined;
  try {
    return { ramBytes: parseSize(ram), overcommit: properties.ram_overcommit !== 'false' };
  } catch {
    return undefined;
  }
}

function checkWorkingSets(scenario: Scenario, root: SourceNode): Issue[] {
  return scenario.vms.flatMap((vm) => {
    const workingSet = vm.migration?.workingSetBytes;
    if (workingSet === undefined || workingSet <= vm.ramBytes) return [];
    const path = childPath(childPath(vm.where.path, 'migration'), 'workingSet');
    return [
      issue(
        { path, location: locate(root, path) },
        'working-set-too-large',
        `The working set of VM "${vm.name}" (${formatBytes(workingSet)}) is larger than its RAM (${formatBytes(vm.ramBytes)}).`,
        'Give a working set no larger than the RAM, or a percentage such as 90%.',
      ),
    ];
  });
}
