// The step interpreter: an actor's steps run one after the other, one function per step kind. A step that fails with
// a typed LivemigError is recorded and the actor goes on (or stops, with onError: stop); being killed is not a
// step failure (the actor ends), and anything else is a bug that ends the run.
import { isLivemigError, LivemigError } from '../../core/index.ts';
import type { ActorContext, ExecHandle, ExecutionOptions, SendOptions } from '../../kernel/index.ts';
import type { Simulation } from '../../simulation/index.ts';
import type { ActorSpec, CommonAction, Step } from '../model.ts';
import { describeAction, runCommonAction } from './common-actions.ts';
import type { RunDraws } from './run-draws.ts';

export interface StepRun {
  readonly sim: Simulation;
  readonly ctx: ActorContext;
  readonly actor: ActorSpec;
  /** Where the run's random durations come from. */
  readonly draws: RunDraws;
  /** Records a failed step in the report. */
  readonly stepFailed: (step: Step, label: string, error: unknown) => void;
  /** Steps run at the current date, to catch endless loops that let no time pass. */
  readonly sameDate: { time: number; steps: number; limit: number };
  /** The actor's background executions not waited for yet, by name. */
  readonly background: Map<string, ExecHandle>;
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

/** The step's path with the actor by name and list items by index (`actors.migrator.steps.1.repeat.every`), the
 * key of its random stream: stable when other actors are added. */
function namedPath(step: Step, run: StepRun, suffix: string): string {
  const path = step.where.path.replace(/^actors\[\d+\]/, `actors.${run.actor.name}`).replace(/\[(\d+)\]/g, '.$1');
  return `${path}.${suffix}`;
}

/** `actors[1].steps[1]: migrate VM0 to host1`. */
export function stepLabel(step: Step): string {
  return `${step.where.path}: ${describeAction(step)}`;
}

const STEPS: StepFunctions = {
  execute: (step, run) => {
    const { ctx } = run;
    const options: ExecutionOptions = {};
    if (step.priority !== undefined) options.priority = step.priority;
    if (step.boundFlopsPerSec !== undefined && step.boundFlopsPerSec > 0)
      options.boundFlopsPerSec = step.boundFlopsPerSec;
    if (step.cores !== undefined) options.cores = step.cores;
    if (step.background === undefined) return ctx.execute(step.flops, options);
    backgroundSlot(step.background, run, 'free');
    run.background.set(step.background, ctx.execAsync(step.flops, options));
    return undefined;
  },
  wait: async (step, run) => {
    const handle = backgroundSlot(step.background, run, 'taken');
    run.background.delete(step.background);
    await handle.wait();
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
    if (step.steps.length === 0 && step.everySec === undefined) return undefined;
    let nextStart = run.sim.now;
    for (let round = 0; round < step.times; round++) {
      if (step.everySec !== undefined) {
        nextStart += run.draws.seconds(namedPath(step, run, 'repeat.every'), step.everySec, run.sim.now);
        if (nextStart > run.sim.now) await run.ctx.sleep(nextStart - run.sim.now);
      }
      if ((await runSteps(step.steps, run)) === 'stop') return 'stop';
    }
    return undefined;
  },
  save: async (step: { vm: string }, { sim }: StepRun) => {
    await sim.vm(step.vm).save();
  },
  restore: async (step: { vm: string }, { sim }: StepRun) => {
    await sim.vm(step.vm).restore();
  },
  setProperty: common,
  start: common,
  suspend: common,
  resume: common,
  shutdown: common,
  destroy: common,
  setBound: common,
  setPstate: common,
  turnOff: common,
  turnOn: common,
  turnOffLink: common,
  turnOnLink: common,
  cancel: common,
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

/** The background execution of that name: it must be running ('taken', to wait for it) or not ('free', to start
 * one under that name); otherwise the step fails. */
function backgroundSlot(name: string, run: StepRun, want: 'free' | 'taken'): ExecHandle {
  const handle = run.background.get(name);
  if (want === 'taken' && handle === undefined) {
    throw new LivemigError(
      'invalid-state',
      `Actor "${run.actor.name}" has no background execution "${name}" to wait for: it was never started, or was ` +
        'already waited for. Start it first with execute: {flops, background: ' +
        name +
        '}.',
      { details: { actor: run.actor.name, background: name } },
    );
  }
  if (want === 'free' && handle !== undefined) {
    throw new LivemigError(
      'invalid-state',
      `Actor "${run.actor.name}" already runs a background execution "${name}". Wait for it first, or use another name.`,
      { details: { actor: run.actor.name, background: name } },
    );
  }
  return handle as ExecHandle;
}

/** The steps that are also events: done at once, no simulated time passes. */
function common(step: Step & CommonAction, { sim, ctx }: StepRun): undefined {
  runCommonAction(sim, step, ctx);
  return undefined;
}
