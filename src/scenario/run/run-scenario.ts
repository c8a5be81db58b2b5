// Runs a validated scenario: builds the Simulation, attaches the report's Recorder, sets the scenario up, plays it
// (to its `until`, or the caller's) and returns the RunReport with the simulation. Same scenario, same report.
import { InputError, LivemigError } from '../../core/index.ts';
import type { LogRecord, RunResult } from '../../kernel/index.ts';
import { Recorder, type RunReport } from '../../report/index.ts';
import { Simulation } from '../../simulation/index.ts';
import { checkHeldForever } from '../check-scenario.ts';
import type { Scenario } from '../model.ts';
import { startConsolidation } from './consolidation-setup.ts';
import { RunDraws } from './run-draws.ts';
import { setUpScenario } from './setup.ts';
import { MAX_STEPS_AT_ONE_DATE } from './step-interpreter.ts';

export interface ScenarioProgress {
  /** Simulated time, seconds. */
  time: number;
  /** Time steps taken so far. */
  steps: number;
  /** Migrations ended (completed, failed or aborted). */
  migrationsDone: number;
}

export interface RunScenarioOptions {
  /** Stop at this simulated date (overrides the scenario's `until`). */
  until?: number;
  onLog?: (record: LogRecord) => void;
  /** Called every `progressEverySteps` time steps and once at the end. */
  onProgress?: (progress: ScenarioProgress) => void;
  /** Default 100. */
  progressEverySteps?: number;
  /** Steps an actor may run at one simulated date before it is stopped as an endless loop (default 1,000,000). */
  maxStepsAtOneDate?: number;
}

export interface ScenarioOutcome {
  report: RunReport;
  simulation: Simulation;
  result: RunResult;
}

export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<ScenarioOutcome> {
  if (scenario.driver !== 'simulator') {
    const message =
      `Scenario ${scenario.file} is not simulated (driver: ${scenario.driver}): ` +
      'run it with its runner, runnerFor(scenario.driver).run(scenario).';
    throw new LivemigError('invalid-argument', message);
  }
  if (options.until === undefined) {
    const endless = checkHeldForever(scenario);
    if (endless.length > 0) throw new InputError(`Scenario ${scenario.file} would run forever:`, endless);
  }
  const sim = new Simulation({
    platform: scenario.platform,
    network: scenario.network,
    ...(scenario.constantTransferTimeSec === undefined
      ? {}
      : { constantTransferTimeSec: scenario.constantTransferTimeSec }),
  });
  const info: NonNullable<RunReport['scenario']> = {
    file: scenario.file,
    seed: scenario.seed,
    network: scenario.network,
  };
  if (scenario.name !== undefined) info.name = scenario.name;
  const recorder = new Recorder(sim, { scenario: info });
  if (options.onLog !== undefined) sim.onLog(options.onLog);
  const progress = options.onProgress === undefined ? undefined : reportProgress(sim, options.onProgress, options);
  const maxStepsAtOneDate = options.maxStepsAtOneDate ?? MAX_STEPS_AT_ONE_DATE;
  const draws = new RunDraws(scenario.seed);
  setUpScenario(scenario, { sim, recorder, draws, maxStepsAtOneDate });
  const consolidation = startConsolidation(scenario, sim);
  const until = options.until ?? scenario.untilSec ?? consolidation?.durationSec;
  const result = await sim.run(until === undefined ? {} : { until });
  progress?.();
  const report = recorder.finish();
  const drawn = [...(scenario.draws ?? []), ...draws.draws];
  if (drawn.length > 0) report.draws = drawn;
  if (consolidation !== undefined) report.consolidation = consolidation.report();
  return { report, simulation: sim, result };
}

/** Calls `onProgress` every few time steps; returns the final call. */
function reportProgress(
  sim: Simulation,
  onProgress: (progress: ScenarioProgress) => void,
  options: RunScenarioOptions,
): () => void {
  const every = Math.max(1, options.progressEverySteps ?? 100);
  const tell = () =>
    onProgress({
      time: sim.now,
      steps: sim.stepCount,
      migrationsDone: sim.migrations.filter((m) => m.outcome !== undefined).length,
    });
  sim.trace.on('time.advanced', () => {
    if (sim.stepCount % every === 0) tell();
  });
  return tell;
}
