// A Runner plays a scenario on one driver: it says what of the scenario that driver cannot do (checked with every
// other issue when the scenario is loaded), then runs it and returns its report. One runner per driver, chosen by
// the scenario's `driver` through the registry (registry.ts).
import type { LogLine, RunReport } from '../report/index.ts';
import type { DriverChecks, Scenario, ScenarioProgress } from '../scenario/index.ts';

export interface RunnerOptions {
  /** Stop at this simulated date (a simulated run only; a real run refuses it). */
  until?: number;
  /** Each log line of the run's actors as it is written. */
  onLog?: (line: LogLine) => void;
  /** A simulated run's progress, every `progressEverySteps` time steps and once at the end. */
  onProgress?: (progress: ScenarioProgress) => void;
  progressEverySteps?: number;
  maxStepsAtOneDate?: number;
  /** A real run's logs (consoles, stderr) are kept here (default: removed with each run's temp dir). */
  logDir?: string;
  /** Parent of a real run's private temp dirs (default: the OS temp dir). */
  tempRoot?: string;
}

export interface RunnerOutcome {
  report: RunReport;
}

export interface Runner extends DriverChecks {
  /** The scenario's `driver` this runner plays. */
  readonly driver: string;
  /** How reports and messages name what ran a real run (`QEMU`); absent for a simulator. */
  readonly title?: string;
  run(scenario: Scenario, options?: RunnerOptions): Promise<RunnerOutcome>;
}
