// What a scenario with `driver: qemu` may ask for: each migrate step is a real migration of a lab guest (one vCPU,
// a cyclic writer over its working set), driven over QMP. What has no real counterpart here is refused before
// anything runs (`simulated-only`), with what to write instead.
import type { Issue } from '../../core/index.ts';
import { GUEST_OVERHEAD_MIB } from '../../drivers/index.ts';
import {
  childPath,
  locate,
  type MigrationCommand,
  type Scenario,
  type SourceNode,
  type Step,
  type VmSpec,
  type Where,
} from '../../scenario/index.ts';

const MIB = 1024 * 1024;
/** Room the guest's kernel and initramfs need besides its working set (as the driver checks). */
const GUEST_OVERHEAD_BYTES = GUEST_OVERHEAD_MIB * MIB;
/** Real algorithms: QEMU pre-copy, pre-copy then post-copy, and post-copy from the start. */
export const REAL_ALGORITHMS = ['precopy', 'hybrid', 'postcopy'];
/** Step kinds a real run can do (the others act on a simulated world). */
const REAL_STEPS = new Set<Step['kind']>([
  'migrate',
  'sleep',
  'log',
  'repeat',
  'extendLive',
  'endLive',
  'switchover',
  'startPostcopy',
]);
const REAL_EVENTS = new Set<string>(['log', 'extendLive', 'endLive', 'switchover', 'startPostcopy']);
/** Migrate options of the simulator only: the option's name → its key in the file. */
const SIMULATED_OPTIONS: Record<string, string> = {
  streams: 'streams',
  deviceStateBytes: 'deviceState',
  sendFlopsPerByte: 'sendCost',
  receiveFlopsPerByte: 'receiveCost',
  trackingCpuShare: 'trackingCpu',
  trackingFlopsPerByte: 'trackingCost',
  receiveCostIn: 'receiveCostIn',
  bulkChunkBytes: 'bulkChunk',
  zeroPageRatio: 'zeroPages',
  maxPostcopyBandwidthBytesPerSec: 'maxPostcopyBandwidth',
  accessRateBytesPerSec: 'accessRate',
  epochSec: 'epoch',
  dirtyPercent: 'dirtyShare',
  compression: 'compression',
  maxRounds: 'maxRounds',
  skipStage1: 'skipStage1',
  skipStage2: 'skipStage2',
};

export function checkQemuScenario(scenario: Scenario, root: SourceNode): Issue[] {
  const issues: Issue[] = [];
  const at = (path: string): Where => ({ path, location: locate(root, path) });
  const refuse = (where: Where, message: string, hint: string) => {
    const issue: Issue = { code: 'simulated-only', path: where.path, message, hint };
    if (where.location !== undefined) issue.location = where.location;
    issues.push(issue);
  };
  if (scenario.untilSec !== undefined)
    refuse(
      at('until'),
      'A real run has no "until": it goes on until its steps are done.',
      'Give migrate steps a timeout.',
    );
  for (const host of scenario.hosts)
    refuse(host.where, `Host memory ("${host.name}") is checked by the simulator only.`, 'Remove the hosts list.');
  for (const vm of scenario.vms) checkVm(vm, refuse, at);
  for (const actor of scenario.actors) {
    if (actor.daemon)
      refuse(
        at(childPath(actor.where.path, 'daemon')),
        'A real run has no daemon actors: it waits for every actor.',
        'Remove daemon.',
      );
    checkSteps(actor.steps, refuse, at);
  }
  for (const event of scenario.events) {
    if (!REAL_EVENTS.has(event.action.kind))
      refuse(event.where, `The event "${event.action.kind}" acts on a simulated world.`, realEventHint());
  }
  return issues;
}

type Refuse = (where: Where, message: string, hint: string) => void;

function checkVm(vm: VmSpec, refuse: Refuse, at: (path: string) => Where): void {
  const key = (name: string) => at(childPath(vm.where.path, name));
  const dirty = vm.dirty;
  const workingSet = dirty !== undefined && dirty.kind !== 'flops' ? dirty.workingSetBytes : 0;
  if (vm.ramBytes % MIB !== 0 || vm.ramBytes < workingSet + GUEST_OVERHEAD_BYTES) {
    refuse(
      key('ram'),
      `The lab guest of VM "${vm.name}" needs whole MiB of RAM, its working set + 96 MiB at least.`,
      'Write ram: 256MiB (with a working set up to 160MiB).',
    );
  }
  if (vm.cores !== 1) refuse(key('cores'), `The lab guest has one vCPU, not ${vm.cores}.`, 'Remove cores.');
  if (vm.boundFlopsPerSec !== undefined) refuse(key('bound'), 'A CPU bound is simulated only.', 'Remove bound.');
  if (vm.migration !== undefined)
    refuse(
      key('migration'),
      "SimGrid's migration parameters drive simgrid-precopy only.",
      'Use dirty: {model: linear, rate, workingSet}.',
    );
  if (dirty !== undefined && dirty.kind !== 'linear') {
    refuse(
      key('dirty'),
      `The lab guest writes at a rate over its working set: the "${dirty.kind}" model has no real counterpart.`,
      'Write dirty: {model: linear, rate: 10MiB/s, workingSet: 64MiB}.',
    );
  } else if (dirty !== undefined && dirty.workingSetBytes % MIB !== 0) {
    refuse(key('dirty'), `The working set of VM "${vm.name}" must be whole MiB.`, 'Write workingSet: 64MiB.');
  }
}

function checkSteps(steps: readonly Step[], refuse: Refuse, at: (path: string) => Where): void {
  for (const step of steps) {
    if (!REAL_STEPS.has(step.kind)) {
      refuse(
        step.where,
        `The step "${step.kind}" acts on a simulated world; a real run cannot do it.`,
        'Real steps: migrate, sleep, log, repeat, extendLive, endLive, switchover, startPostcopy.',
      );
    } else if (step.kind === 'repeat') {
      checkSteps(step.steps, refuse, at);
    } else if (step.kind === 'migrate') {
      const key = (name: string) => at(childPath(childPath(step.where.path, 'migrate'), name));
      const algorithm = String(step.options.algorithm ?? 'simgrid-precopy');
      if (!REAL_ALGORITHMS.includes(algorithm)) {
        refuse(
          key('algorithm'),
          `"${algorithm}" has no real counterpart (QEMU 7.2 does pre-copy and post-copy).`,
          'Write algorithm: precopy (or hybrid, or postcopy).',
        );
      }
      for (const [option, docKey] of Object.entries(SIMULATED_OPTIONS)) {
        if (step.options[option] !== undefined)
          refuse(key(docKey), `"${docKey}" is simulated only.`, `Remove ${docKey}.`);
      }
      const converge = step.options.autoConverge as Record<string, number> | undefined;
      if (converge?.triggerThresholdPercent !== undefined)
        refuse(key('autoConverge'), 'The auto-converge trigger is not set on real QEMU.', 'Remove trigger.');
      for (const [name, percent] of Object.entries(converge ?? {})) {
        if (Math.abs(percent - Math.round(percent)) > 1e-9 || percent < 1 || percent > 99)
          refuse(
            key('autoConverge'),
            `QEMU takes whole percents from 1 to 99 (${name}: ${percent} %).`,
            'e.g. initial: 20%.',
          );
      }
    }
  }
}

function realEventHint(): string {
  return `Real events: ${[...REAL_EVENTS].join(', ')}.`;
}

/** The VMs a startPostcopy step or event names: their real migrations enable QEMU's postcopy-ram. */
export function postcopyTargets(scenario: Scenario): Set<string> {
  const named = new Set<string>();
  const visit = (steps: readonly Step[]) => {
    for (const step of steps) {
      if (step.kind === 'repeat') visit(step.steps);
      if (step.kind === ('startPostcopy' satisfies MigrationCommand)) named.add((step as { vm: string }).vm);
    }
  };
  for (const actor of scenario.actors) visit(actor.steps);
  for (const event of scenario.events) if (event.action.kind === 'startPostcopy') named.add(event.action.vm);
  return named;
}
