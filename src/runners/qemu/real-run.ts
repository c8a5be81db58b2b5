// Runs a `driver: qemu` scenario for real, in wall-clock time: the lab guest is built, QEMU found, then every actor
// runs its steps (at the same time, as in the simulator) and events fire at their dates; the report has the real
// migrations' records, on the run's clock, and says the run was real.
import { LivemigError } from '../../core/index.ts';
import { buildLabGuest, findQemu, systemClock, type WallClock } from '../../drivers/index.ts';
import type { LogLine, RunReport } from '../../report/index.ts';
import { describeAction, type Scenario, type ScenarioEvent } from '../../scenario/index.ts';
import { postcopyTargets } from './check-qemu.ts';
import { realRunReport } from './real-run-report.ts';
import { elapsed, type RealRunState, runRealAction, runRealSteps } from './real-steps.ts';

export interface RunRealScenarioOptions {
  onLog?: (line: LogLine) => void;
  /** Keep the QEMU consoles' and stderr logs here (default: removed with each run's temp dir). */
  logDir?: string;
  /** Parent of the private temp dirs (default: the OS temp dir). */
  tempRoot?: string;
  clock?: WallClock;
}

export interface RealScenarioOutcome {
  report: RunReport;
  /** Wall-clock seconds from the start to the end. */
  endTime: number;
}

export async function runRealScenario(
  scenario: Scenario,
  options: RunRealScenarioOptions = {},
): Promise<RealScenarioOutcome> {
  if (scenario.driver !== 'qemu') {
    throw new LivemigError(
      'invalid-argument',
      `Scenario ${scenario.file} does not run on QEMU: run it with its runner.`,
    );
  }
  await findQemu();
  const state = await startState(scenario, options);
  const events = scenario.events.map((event) =>
    state.clock.sleep(event.atSec - elapsed(state)).then(() => fireEvent(event, state)),
  );
  await Promise.all([...scenario.actors.map((actor) => runRealSteps(actor.steps, actor, state)), ...events]);
  const endTime = elapsed(state);
  const migrations = [...state.migrations].sort((a, b) => a.start - b.start);
  const report = realRunReport({
    migrations,
    hosts: scenario.platform.hosts.map((host) => host.name),
    vms: scenario.vms.map((vm) => ({ name: vm.name, firstHost: vm.host, ramBytes: vm.ramBytes })),
    endTime,
    startedAtEpochMs: state.startedAtEpochMs,
    scenario: { file: scenario.file, ...(scenario.name === undefined ? {} : { name: scenario.name }) },
    log: state.log,
    stepErrors: state.stepErrors.sort((a, b) => a.time - b.time),
  });
  return { report, endTime };
}

/** The run's state at its start: the lab guest built, the clock read. */
async function startState(scenario: Scenario, options: RunRealScenarioOptions): Promise<RealRunState> {
  const guest = await buildLabGuest();
  const clock = options.clock ?? systemClock;
  return {
    scenario,
    clock,
    startSec: clock.nowSec(),
    startedAtEpochMs: clock.epochMs(),
    guest,
    postcopy: postcopyTargets(scenario),
    driverOptions: {
      ...(options.tempRoot === undefined ? {} : { tempRoot: options.tempRoot }),
      ...(options.logDir === undefined ? {} : { logDir: options.logDir }),
    },
    places: new Map(),
    inProgress: new Map(),
    migrations: [],
    log: [],
    stepErrors: [],
    onLog: options.onLog,
  };
}

/** An event at its date; one that fails with a LivemigError is recorded as a failed step of the maestro. */
async function fireEvent(event: ScenarioEvent, state: RealRunState): Promise<void> {
  try {
    await runRealAction(event.action, 'maestro', '', state);
  } catch (error) {
    if (!(error instanceof LivemigError)) throw error;
    const step = `${event.where.path}: ${describeAction(event.action)}`;
    state.stepErrors.push({
      time: elapsed(state),
      actor: 'maestro',
      host: '',
      step,
      code: error.code,
      message: error.message,
    });
  }
}
