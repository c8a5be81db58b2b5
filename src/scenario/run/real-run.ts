// Runs a `driver: qemu` scenario for real, in wall-clock time: the lab guest is built, QEMU found, then every actor
// runs its steps (at the same time, as in the simulator) and events fire at their dates; the report has the real
// migrations' records, on the run's clock, and says the run was real.
import { LivemigError } from '../../core/index.ts';
import { buildLabGuest, findQemu, systemClock, type WallClock } from '../../drivers/index.ts';
import { type LogLine, type RunReport, realRunReport } from '../../report/index.ts';
import { postcopyTargets } from '../check-real.ts';
import type { Scenario } from '../model.ts';
import { describeAction } from './common-actions.ts';
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
    throw new LivemigError('invalid-argument', `Scenario ${scenario.file} is simulated: run it with runScenario.`);
  }
  await findQemu();
  const guest = await buildLabGuest();
  const clock = options.clock ?? systemClock;
  const state: RealRunState = {
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
  const events = scenario.events.map((event) =>
    delay(event.atSec * 1000 - elapsed(state) * 1000).then(async () => {
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
    }),
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
