// The step interpreter: an actor's steps run one after the other, one function per step kind. A step that fails with
// a typed LivemigError is recorded and the actor goes on (or stops, with onError: stop); being killed is not a
// step failure (the actor ends), and anything else is a bug that ends the run.
import { isLivemigError, LivemigError, type Random } from '../../core/index.ts';
import type { ActorContext, ExecutionOptions, SendOptions } from '../../kernel/index.ts';
import type { Simulation } from '../../simulation/index.ts';
import type { ActorSpec, CommonAction, Step } from '../model.ts';
import { describeAction, runCommonAction } from './common-actions.ts';

export interface StepRun {
  readonly sim: Simulation;
  readonly ctx: ActorContext;
  readonly actor: ActorSpec;
  readonly random: Random;
  /** Records a failed step in the report. */
  readonly stepFailed: (step: Step, label: string, error: unknown) => void;
  /** Steps run at the current date, to catch endless loops that let no time pass. */
  readonly sameDate: { time: number; steps: number; limit: number };
}

/** Most steps an actor may run at one simulated date before it is stopped as an endless loop (default). */
export const MAX_STEPS_AT_ONE_DATE = 1_000_000;

type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;
/** A step function; it resolves to 'stop' when a nested step ended the actor. */
type StepFunction<S> = (step: S, run: StepRun) => Promise<unknown> | undefined;
type StepFunctions = { [K in Step['kind']]: StepFunction<StepOf<K>> };

/** Runs `steps` in order; 'stop' when a failed step (or a nested one) ended the actor. */
export async function runSteps(steps: readonly Step[], run: StepRun): Promise<'stop' | undefined> {
  for (const step of steps) {
    if (endlessLoop(step, run)) return 'stop';
    try {
      const outcome = await (STEPS[step.kind] as StepFunction<Step>)(step, run);
      if (outcome === 'stop') return 'stop';
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      run.stepFailed(step, stepLabel(step), error);
      if ((step.onError ?? run.actor.onError) === 'stop') return 'stop';
    }
  }
  return undefined;
}

function endlessLoop(step: Step, run: StepRun): boolean {
  const counter = run.sameDate;
  if (counter.time !== run.sim.now) {
    counter.time = run.sim.now;
    counter.steps = 0;
  }
  if (++counter.steps <= counter.limit) return false;
  const message =
    `Actor "${run.actor.name}" ran ${counter.limit} steps at ${run.sim.now} s without time passing: ` +
    'it was stopped as an endless loop. Add a sleep or an execution to the repeated steps.';
  run.stepFailed(step, stepLabel(step), new LivemigError('invalid-state', message));
  return true;
}

/** A typed failure of the simulated world (host off, timeout, refused VM operation), not a killed actor or a bug. */
export function isStepFailure(error: unknown): boolean {
  return isLivemigError(error) && error.code !== 'actor-killed' && error.code !== 'internal';
}

/** `actors[1].steps[1]: migrate VM0 to host1`. */
export function stepLabel(step: Step): string {
  return `${step.where.path}: ${describeAction(step)}`;
}

const STEPS: StepFunctions = {
  execute: async (step, { ctx }) => {
    const options: ExecutionOptions = {};
    if (step.priority !== undefined) options.priority = step.priority;
    if (step.boundFlopsPerSec !== undefined && step.boundFlopsPerSec > 0)
      options.boundFlopsPerSec = step.boundFlopsPerSec;
    if (step.cores !== undefined) options.cores = step.cores;
    await ctx.execute(step.flops, options);
  },
  sleep: async (step, { ctx }) => {
    await ctx.sleep(step.durationSec);
  },
  send: async (step, { ctx, actor }) => {
    const options: SendOptions = {};
    if (step.rateBytesPerSec !== undefined) options.rateBytesPerSec = step.rateBytesPerSec;
    const mailbox = ctx.mailbox(step.mailbox);
    const payload = { from: actor.name, step: step.where.path };
    if (step.async) mailbox.putDetached(payload, step.bytes, options);
    else await mailbox.put(payload, step.bytes, options);
  },
  receive: async (step, { ctx }) => {
    const handle = ctx.mailbox(step.mailbox).getAsync();
    if (step.timeoutSec === undefined) await handle.wait();
    else await handle.waitFor(step.timeoutSec);
  },
  migrate: async (step, { sim }) => {
    await sim.migrate(step.vm, step.to, step.options);
  },
  repeat: async (step, run) => {
    if (step.steps.length === 0) return undefined;
    for (let round = 0; round < step.times; round++) {
      if ((await runSteps(step.steps, run)) === 'stop') return 'stop';
    }
    return undefined;
  },
  start: common,
  suspend: common,
  resume: common,
  shutdown: common,
  destroy: common,
  setBound: common,
  turnOff: common,
  turnOn: common,
  log: common,
  extendLive: common,
  endLive: common,
  switchover: common,
  startPostcopy: common,
  bridgeFault: common,
  agentFault: common,
  databaseFault: common,
  loseMessages: common,
};

/** The steps that are also events: done at once, no simulated time passes. */
function common(step: Step & CommonAction, { sim, ctx }: StepRun): undefined {
  runCommonAction(sim, step, ctx);
  return undefined;
}
