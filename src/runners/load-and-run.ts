// Scenarios loaded and run through the runners' registry: loading checks the scenario for its driver (what that
// driver cannot do is reported with every other issue), and running hands it to its driver's runner.
import {
  compileScenario as compileWith,
  scenarioFromObject as fromObjectWith,
  loadScenario as loadWith,
  type ParseOptions,
  parseScenario as parseWith,
  type Scenario,
  type SourceNode,
} from '../scenario/index.ts';
import { driverLookup, RUNNERS, type RunnerRegistry, runnerFor } from './registry.ts';
import type { RunnerOptions, RunnerOutcome } from './runner.ts';

export interface RunnersOption {
  /** The runners to check and run with (default: livemig's, RUNNERS). */
  runners?: RunnerRegistry;
}

export type LoadOptions = Omit<ParseOptions, 'drivers'> & RunnersOption;

/** Reads and validates a scenario file (YAML, or JSON by extension or content), for its driver. */
export function loadScenario(path: string, options: RunnersOption = {}): Scenario {
  return loadWith(path, { drivers: driverLookup(options.runners) });
}

/** Validates scenario text; `fileName` appears in every location. */
export function parseScenario(text: string, fileName = '<inline>', options: LoadOptions = {}): Scenario {
  const { runners, ...parse } = options;
  return parseWith(text, fileName, { ...parse, drivers: driverLookup(runners) });
}

/** Validates a scenario given as a plain object (as parsed JSON); issues have paths but no line:col. */
export function scenarioFromObject(
  value: unknown,
  options: { name?: string; baseDir?: string } & RunnersOption = {},
): Scenario {
  const { runners, ...rest } = options;
  return fromObjectWith(value, { ...rest, drivers: driverLookup(runners) });
}

/** Validates a scenario's source tree (as read by readSource, maybe edited by a sweep). */
export function compileScenario(source: SourceNode, file: string, baseDir: string, runners = RUNNERS): Scenario {
  return compileWith(source, file, baseDir, driverLookup(runners));
}

/** Runs the scenario with its driver's runner; the report says how it ran. */
export async function runOnDriver(
  scenario: Scenario,
  options: RunnerOptions & RunnersOption = {},
): Promise<RunnerOutcome> {
  const { runners, ...run } = options;
  return runnerFor(scenario.driver, runners ?? RUNNERS).run(scenario, run);
}
