// The steps of a `driver: qemu` scenario, in wall-clock time: a migrate step boots the VM's lab guest on a source
// QEMU and migrates it for real (startRealMigration); sleep waits; log writes; the operator commands act over QMP on
// the VM's migration in progress (extendLive holds it, endLive lifts the hold, switchover forces it, startPostcopy).
// A step that fails with a LivemigError is recorded, as in a simulated run, and the actor goes on (or stops).
import { isLivemigError, LivemigError } from '../../core/index.ts';
import {
  commandFeature,
  type LabGuest,
  migratePhasedReal,
  type RealMigration,
  type RealMigrationResult,
  type RealPhasedRecord,
  realMigrationResultOf,
  shiftRealResult,
  startRealMigration,
  type WallClock,
} from '../../drivers/index.ts';
import type { LogLine, StepError } from '../../report/index.ts';
import {
  type ActorSpec,
  type CommandFeatureOption,
  type CommonAction,
  describeAction,
  realMigrationOptions,
  type Scenario,
  type Step,
  stepLabel,
} from '../../scenario/index.ts';

export interface RealRunState {
  readonly scenario: Scenario;
  readonly clock: WallClock;
  /** The run's start: `clock.nowSec()` and the epoch in ms. */
  readonly startSec: number;
  readonly startedAtEpochMs: number;
  readonly guest: LabGuest;
  /** VMs whose migrations enable post-copy (a startPostcopy names them). */
  readonly postcopy: ReadonlySet<string>;
  readonly driverOptions: { tempRoot?: string; logDir?: string };
  /** Where each VM is (its last completed migration's destination). */
  readonly places: Map<string, string>;
  readonly inProgress: Map<string, RealMigration>;
  readonly migrations: RealMigrationResult[];
  readonly log: LogLine[];
  readonly stepErrors: StepError[];
  readonly onLog: ((line: LogLine) => void) | undefined;
}

/** Seconds since the run started. */
export function elapsed(state: RealRunState): number {
  return state.clock.nowSec() - state.startSec;
}

export async function runRealSteps(
  steps: readonly Step[],
  actor: ActorSpec,
  state: RealRunState,
): Promise<'stop' | undefined> {
  for (const step of steps) {
    try {
      if ((await runStep(step, actor, state)) === 'stop') return 'stop';
    } catch (error) {
      if (!isLivemigError(error)) throw error;
      const time = elapsed(state);
      state.stepErrors.push({
        time,
        actor: actor.name,
        host: actor.host,
        step: stepLabel(step),
        code: error.code,
        message: error.message,
      });
      if ((step.onError ?? actor.onError) === 'stop') return 'stop';
    }
  }
  return undefined;
}

async function runStep(step: Step, actor: ActorSpec, state: RealRunState): Promise<'stop' | undefined> {
  switch (step.kind) {
    case 'migrate':
      await migrate(step, state);
      return undefined;
    case 'sleep':
      await state.clock.sleep(step.durationSec);
      return undefined;
    case 'repeat':
      for (let round = 0; round < step.times; round++)
        if ((await runRealSteps(step.steps, actor, state)) === 'stop') return 'stop';
      return undefined;
    default:
      await runRealAction(step as Step & CommonAction, actor.name, actor.host, state);
      return undefined;
  }
}

/** A log line, or an operator command to a VM's migration in progress (waiting for `migrate` if it boots). */
export async function runRealAction(
  action: CommonAction,
  actor: string,
  host: string,
  state: RealRunState,
): Promise<void> {
  if (action.kind === 'log') {
    const line = { time: elapsed(state), actor, host, message: action.message };
    state.log.push(line);
    state.onLog?.(line);
    return;
  }
  if (!('vm' in action)) throw new LivemigError('internal', `A real run cannot do "${describeAction(action)}".`);
  const migration = state.inProgress.get(action.vm);
  if (migration === undefined) {
    throw new LivemigError(
      'invalid-state',
      `VM "${action.vm}" is not migrating: "${action.kind}" has nothing to act on.`,
      {
        details: { vm: action.vm, command: action.kind },
      },
    );
  }
  await migration.started;
  if (action.kind === 'extendLive') await migration.extendLive();
  else if (action.kind === 'endLive') await migration.endLive('when-converged');
  else if (action.kind === 'switchover') await migration.endLive('now');
  else if (action.kind === 'startPostcopy') await migration.startPostcopy();
  else throw new LivemigError('internal', `A real run cannot do "${describeAction(action)}".`);
}

async function migrate(step: Step & { kind: 'migrate' }, state: RealRunState): Promise<void> {
  const vm = state.scenario.vms.find((spec) => spec.name === step.vm);
  if (vm === undefined) throw new LivemigError('internal', `No VM "${step.vm}" in the scenario.`);
  const from = state.places.get(vm.name) ?? vm.host;
  if (state.inProgress.has(vm.name))
    throw new LivemigError('vm-failure', `Cannot migrate VM '${vm.name}' that is already migrating.`);
  const place = { from, to: step.to, postcopy: state.postcopy.has(vm.name) };
  const options = { ...realMigrationOptions(vm, step.options, place), ...state.driverOptions, guest: state.guest };
  const track = (migration: RealMigration) => {
    state.inProgress.set(vm.name, migration);
    return migration;
  };
  let result: RealMigrationResult | undefined;
  try {
    if (step.options.protocol === 'phased') {
      const features = ((step.options.features ?? []) as CommandFeatureOption[]).map((f) => commandFeature(f));
      try {
        const protocol = await migratePhasedReal({ ...options, features, start: (o) => track(startRealMigration(o)) });
        logProtocol(state, vm.name, from, protocol);
        result = protocol.migration;
      } catch (error) {
        const protocol = isLivemigError(error) ? (error.details.protocol as RealPhasedRecord | undefined) : undefined;
        if (protocol !== undefined) logProtocol(state, vm.name, from, protocol);
        throw error;
      }
    } else {
      result = await track(startRealMigration(options)).result;
    }
  } catch (error) {
    const record = realMigrationResultOf(error);
    if (record === undefined) throw error;
    state.migrations.push(shiftRealResult(record, (record.startedAtEpochMs - state.startedAtEpochMs) / 1000));
    throw error;
  } finally {
    state.inProgress.delete(vm.name);
  }
  if (result !== undefined) {
    state.migrations.push(shiftRealResult(result, (result.startedAtEpochMs - state.startedAtEpochMs) / 1000));
  }
  state.places.set(vm.name, step.to);
}

/** A phased migration's phases and features as log lines of the run (actor `livemig`, on the VM's source). */
function logProtocol(state: RealRunState, vm: string, host: string, protocol: RealPhasedRecord): void {
  const now = elapsed(state);
  const phases = protocol.phases.map((p) => `${p.phase} ${p.outcome} (${(p.endSec - p.startSec).toFixed(3)} s)`);
  const features = protocol.features.map((f) => {
    const failed = f.hooks.find((h) => h.error !== undefined);
    return `${f.name} ${f.outcome}${failed === undefined ? '' : ` (${failed.hook}: ${failed.error})`}`;
  });
  const lines = [
    `phased migration of ${vm} ${protocol.outcome}: ${phases.join(', ')}`,
    ...(features.length > 0 ? [`features of ${vm}: ${features.join('; ')}`] : []),
  ];
  for (const message of lines) {
    const line = { time: now, actor: 'livemig', host, message };
    state.log.push(line);
    state.onLog?.(line);
  }
}
