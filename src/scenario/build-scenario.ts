// A schema-valid document → the typed Scenario: keys renamed to names with units (`ram` → `ramBytes`), defaults
// resolved (a working set of 90% of the RAM), and each part given its path and file:line:col.

import { dirname, resolve } from 'node:path';
import type { Issue, SourceNode } from '../core/index.ts';
import { childPath } from '../core/index.ts';
import type { PlatformDescription } from '../platform/index.ts';
import type { DirtyModelSpec, MigrateOptions, MigrationParameters } from '../vm/index.ts';
import { buildConsolidation, buildHostPower, buildWorkload } from './build-consolidation.ts';
import { addPhasedOptions, buildBridges, controlFault } from './build-control.ts';
import type { EventDocument, MigrateOptionsDocument, StepDocument } from './format/actions.ts';
import { migrateOptions } from './format/migrate-options.ts';
import type { ActorDocument, ScenarioDocument, VmDocument } from './format/scenario-format.ts';
import type {
  ActorSpec,
  CommonAction,
  FailureSpec,
  Scenario,
  ScenarioEvent,
  Step,
  StepAction,
  VmSpec,
  Where,
} from './model.ts';
import type { TimeProcess } from './random/time-process.ts';
import { locate } from './source/locate.ts';

export interface BuildInput {
  document: ScenarioDocument;
  root: SourceNode;
  file: string;
  platform: PlatformDescription;
  /** Warnings of the reading (old spellings of keys). */
  warnings?: Issue[];
}

export function buildScenario({ document, root, file, platform, warnings = [] }: BuildInput): Scenario {
  const where = (path: string): Where => ({ path, location: locate(root, path) });
  const consolidation = buildConsolidation(document.consolidation, where('consolidation'), stepMigrateOptions);
  return {
    file,
    name: document.name,
    description: document.description,
    platform,
    network: document.network,
    constantTransferTimeSec: document.constantTransferTime,
    driver: document.driver,
    seed: document.seed,
    untilSec: document.until,
    hosts: document.hosts.flatMap((host, i) =>
      host.ram === undefined
        ? []
        : [{ name: host.name, ramBytes: host.ram, overcommit: host.overcommit, where: where(`hosts[${i}]`) }],
    ),
    bridges: buildBridges(document.bridges, where),
    vms: document.vms.map((vm, i) => buildVm(vm, where(`vms[${i}]`), file)),
    actors: document.actors.map((actor, i) => buildActor(actor, `actors[${i}]`, where)),
    events: document.events.map((event, i) => buildEvent(event, where(`events[${i}]`))),
    ...(document.failures === undefined ? {} : { failures: buildFailures(document.failures, where('failures')) }),
    warnings,
    hostPower: buildHostPower(document, where),
    ...(consolidation === undefined ? {} : { consolidation }),
  };
}

/** A fixed `mtbf`/`mttr` is a mean: the durations are drawn exponentially around it. */
function buildFailures(block: NonNullable<ScenarioDocument['failures']>, at: Where): FailureSpec {
  const mean = (process: TimeProcess): TimeProcess =>
    process.kind === 'fixed' ? { kind: 'exponential', mean: process.sec, quantity: 'time' } : process;
  return { hosts: block.hosts, upSec: mean(block.mtbf), repairSec: mean(block.mttr), where: at };
}

function buildVm(vm: VmDocument, where: Where, file: string): VmSpec {
  const workload = buildWorkload(vm, file);
  const perCore = vm.dirty?.model === 'utilization' ? (vm.dirty.ratePerCore ?? Number.NaN) : undefined;
  return {
    ...(workload === undefined ? {} : { workload }),
    ...(perCore === undefined ? {} : { dirtyRatePerCoreBytesPerSec: perCore }),
    name: vm.name,
    host: vm.host,
    cores: vm.cores,
    ramBytes: vm.ram,
    start: vm.start,
    boundFlopsPerSec: vm.bound,
    migration: vm.migration === undefined ? undefined : migrationParameters(vm.migration, vm.ram),
    dirty: vm.dirty === undefined ? undefined : dirtyModel(vm.dirty, vm.ram, file),
    properties: vm.properties ?? {},
    where,
  };
}

/** The VM's dirty model; what it lacks (a rate, a trace) is reported by the checks. */
function dirtyModel(block: NonNullable<VmDocument['dirty']>, ramBytes: number, file: string): VmSpec['dirty'] {
  const set = block.workingSet;
  const workingSetBytes =
    set === undefined ? ramBytes : set.kind === 'amount' ? set.amount : Math.trunc(ramBytes * set.fraction);
  const rateBytesPerSec = block.rate ?? Number.NaN;
  switch (block.model) {
    case 'flops':
      return { kind: 'flops' };
    case 'rate':
    case 'linear':
      return { kind: block.model, rateBytesPerSec, workingSetBytes };
    case 'utilization':
      return { kind: 'trace', points: [], workingSetBytes };
    case 'trace': {
      const trace = block.trace;
      if (trace !== undefined && 'points' in trace) return { kind: 'trace', points: trace.points, workingSetBytes };
      const spec: DirtyModelSpec & { traceFile?: string } = { kind: 'trace', points: [], workingSetBytes };
      if (trace !== undefined) spec.traceFile = resolve(dirname(file), trace.file);
      return spec;
    }
  }
}

function migrationParameters(block: NonNullable<VmDocument['migration']>, ramBytes: number): MigrationParameters {
  const workingSet = block.workingSet;
  return {
    migrationSpeedBytesPerSec: block.maxBandwidth,
    dirtyIntensity: block.dirtyIntensity,
    // SimGrid's createMigratableVm: working set = trunc(RAM × 0.9).
    workingSetBytes: workingSet.kind === 'amount' ? workingSet.amount : Math.trunc(ramBytes * workingSet.fraction),
    maxDowntimeSec: block.downtimeLimit,
  };
}

function buildActor(actor: ActorDocument, path: string, where: (path: string) => Where): ActorSpec {
  return {
    name: actor.name,
    host: actor.host,
    daemon: actor.daemon,
    onError: actor.onError,
    steps: buildSteps(actor.steps, childPath(path, 'steps'), where),
    where: where(path),
  };
}

function buildSteps(steps: readonly StepDocument[], path: string, where: (path: string) => Where): Step[] {
  return steps.map((step, i) => {
    const stepPath = childPath(path, i);
    return { ...stepAction(step, stepPath, where), onError: step.onError, where: where(stepPath) };
  });
}

function stepAction(step: StepDocument, path: string, where: (path: string) => Where): StepAction {
  switch (step.kind) {
    case 'execute': {
      const { flops, priority, bound, cores, background } = step.value;
      return { kind: 'execute', flops, priority, boundFlopsPerSec: bound, cores, background };
    }
    case 'wait':
      return { kind: 'wait', background: step.value };
    case 'sleep':
      return { kind: 'sleep', durationSec: step.value };
    case 'send': {
      const { mailbox, bytes, async, rate } = step.value;
      return { kind: 'send', mailbox, bytes, async, rateBytesPerSec: rate };
    }
    case 'receive':
      return { kind: 'receive', mailbox: step.value.mailbox, timeoutSec: step.value.timeout };
    case 'migrate':
      return { kind: 'migrate', vm: step.value.vm, to: step.value.to, options: stepMigrateOptions(step.value) };
    case 'repeat': {
      const steps = buildSteps(step.value.steps, childPath(childPath(path, 'repeat'), 'steps'), where);
      return { kind: 'repeat', times: step.value.times, everySec: step.value.every, steps };
    }
    default:
      return commonAction(step);
  }
}

function stepMigrateOptions(value: MigrateOptionsDocument): MigrateOptions {
  const options = migrateOptions(value);
  addPhasedOptions(options, value);
  return options;
}

type CommonDocument = Exclude<
  StepDocument | EventDocument,
  { kind: 'execute' | 'wait' | 'sleep' | 'send' | 'receive' | 'migrate' | 'repeat' }
>;

function commonAction(action: CommonDocument): CommonAction {
  switch (action.kind) {
    case 'setBound':
      return { kind: 'setBound', vm: action.value.vm, boundFlopsPerSec: action.value.bound };
    case 'setProperty':
      return { kind: 'setProperty', vm: action.value.vm, name: action.value.name, value: action.value.value };
    case 'turnOff':
    case 'turnOn':
      return { kind: action.kind, host: action.value };
    case 'turnOffLink':
    case 'turnOnLink':
      return { kind: action.kind, link: action.value };
    case 'setPstate':
      return { kind: 'setPstate', host: action.value.host, pstate: action.value.pstate };
    case 'log':
      return { kind: 'log', message: action.value };
    case 'bridgeFault':
    case 'agentFault':
    case 'databaseFault':
    case 'loseMessages':
      return { kind: action.kind, fault: controlFault(action.kind, action.value) };
    default:
      return { kind: action.kind, vm: action.value };
  }
}

function buildEvent(event: EventDocument, where: Where): ScenarioEvent {
  return { atSec: event.at, action: commonAction(event), where };
}
