// The simulator's runner: its check is the scenario layer's (a route for every migration), its run is runScenario,
// in simulated time; the same scenario gives the same report.
import { checkRoutes, type RunScenarioOptions, runScenario } from '../scenario/index.ts';
import type { Runner, RunnerOptions } from './runner.ts';

export const simulatorRunner: Runner = {
  driver: 'simulator',
  simulated: true,
  check: checkRoutes,
  run: (scenario, options = {}) => runScenario(scenario, simulatedOptions(options)),
};

function simulatedOptions(options: RunnerOptions): RunScenarioOptions {
  const { until, onLog, onProgress, progressEverySteps, maxStepsAtOneDate } = options;
  return {
    ...(until === undefined ? {} : { until }),
    ...(onLog === undefined ? {} : { onLog }),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(progressEverySteps === undefined ? {} : { progressEverySteps }),
    ...(maxStepsAtOneDate === undefined ? {} : { maxStepsAtOneDate }),
  };
}
