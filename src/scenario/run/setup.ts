// Puts a scenario into a Simulation: host memory, bridges, the VMs (bound, started), one actor per scenario actor
// running the step interpreter, and the timed events. Failures at setup and in events are recorded like failed steps.
import type { Recorder } from '../../report/index.ts';
import type { Simulation } from '../../simulation/index.ts';
import type { ActorSpec, FailureSpec, Scenario, ScenarioEvent, VmSpec } from '../model.ts';
import { describeAction, runCommonAction } from './common-actions.ts';
import type { RunDraws } from './run-draws.ts';
import { isStepFailure, runSteps, type StepRun } from './step-interpreter.ts';

export interface Setup {
  sim: Simulation;
  recorder: Recorder;
  draws: RunDraws;
  maxStepsAtOneDate: number;
}

export function setUpScenario(scenario: Scenario, setup: Setup): void {
  const { sim } = setup;
  for (const host of scenario.hosts) {
    sim.vms.setHostMemory(sim.host(host.name), { ramBytes: host.ramBytes, overcommit: host.overcommit });
  }
  for (const bridge of scenario.bridges) {
    const settings = {
      ...(bridge.processingSec === undefined ? {} : { processingSec: bridge.processingSec }),
      ...(bridge.resourceWaitSec === undefined ? {} : { resourceWaitSec: bridge.resourceWaitSec }),
      ...(bridge.keepAliveExpirySec === undefined ? {} : { keepAliveExpirySec: bridge.keepAliveExpirySec }),
    };
    sim.control.configureBridge(bridge.name, settings);
    for (const station of bridge.stations) sim.control.attachToBridge(station, bridge.name);
  }
  for (const vm of scenario.vms) createVm(vm, setup);
  for (const actor of scenario.actors) spawnActor(actor, setup);
  for (const event of scenario.events) scheduleEvent(event, setup);
  if (scenario.failures !== undefined && scenario.untilSec !== undefined) {
    for (const host of scenario.failures.hosts) scheduleFailures(host, scenario.failures, scenario.untilSec, setup);
  }
}

/** Alternates up-times and repairs of `host` until `untilSec`, each drawn from the host's own streams. */
function scheduleFailures(host: string, spec: FailureSpec, untilSec: number, { sim, recorder, draws }: Setup): void {
  const failAt = (from: number): void => {
    const at = from + draws.seconds(`failures.${host}.mtbf`, spec.upSec, from);
    if (at >= untilSec) return;
    sim.at(at, () => {
      guarded(recorder, `failures: turnOff ${host}`, 'maestro', () => sim.host(host).turnOff());
      const back = at + draws.seconds(`failures.${host}.mttr`, spec.repairSec, at);
      if (back >= untilSec) return;
      sim.at(back, () => {
        guarded(recorder, `failures: turnOn ${host}`, 'maestro', () => sim.host(host).turnOn());
        failAt(back);
      });
    });
  };
  failAt(sim.now);
}

function createVm(spec: VmSpec, { sim, recorder }: Setup): void {
  const options = spec.migration === undefined ? {} : { migration: spec.migration };
  const vm = sim.createVm(spec.host, spec.name, { cores: spec.cores, ramBytes: spec.ramBytes, ...options });
  if (spec.boundFlopsPerSec !== undefined) vm.setBound(spec.boundFlopsPerSec);
  if (spec.dirty !== undefined) vm.dirtyModel = spec.dirty;
  for (const [name, value] of Object.entries(spec.properties)) vm.setProperty(name, value);
  if (!spec.start) return;
  guarded(recorder, `${spec.where.path}: start ${spec.name}`, 'maestro', () => vm.start());
}

function spawnActor(spec: ActorSpec, { sim, recorder, draws, maxStepsAtOneDate }: Setup): void {
  const body = async (ctx: StepRun['ctx']): Promise<void> => {
    const run: StepRun = {
      sim,
      ctx,
      actor: spec,
      draws,
      sameDate: { time: 0, steps: 0, limit: maxStepsAtOneDate },
      background: new Map(),
      stepFailed: (_step, label, error) => recorder.recordStepError({ step: label, error }),
    };
    await runSteps(spec.steps, run);
  };
  sim.spawn(spec.name, spec.host, body, { daemon: spec.daemon });
}

function scheduleEvent(event: ScenarioEvent, { sim, recorder }: Setup): void {
  const label = `${event.where.path}: ${describeAction(event.action)}`;
  sim.at(event.atSec, () => guarded(recorder, label, 'maestro', () => runCommonAction(sim, event.action, undefined)));
}

/** Runs `action` outside any actor; a typed failure is recorded (anything else is a bug and ends the run). */
function guarded(recorder: Recorder, step: string, actor: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!isStepFailure(error)) throw error;
    recorder.recordStepError({ step, error, actor, host: '' });
  }
}
