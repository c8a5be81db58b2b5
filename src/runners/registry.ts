// The one registry of runners: a scenario's `driver` names its runner here. Adding a driver is one entry in RUNNERS
// (and, for scenario files to name it, its name in the file format's SCENARIO_DRIVERS).
import { didYouMean, LivemigError } from '../core/index.ts';
import type { DriverLookup } from '../scenario/index.ts';
import { qemuRunner } from './qemu/qemu-runner.ts';
import type { Runner } from './runner.ts';
import { simulatorRunner } from './simulator-runner.ts';

/** Runners by the driver they play. */
export type RunnerRegistry = ReadonlyMap<string, Runner>;

/** A registry of these runners; two runners of one driver are refused. */
export function runnerRegistry(runners: readonly Runner[]): RunnerRegistry {
  const registry = new Map<string, Runner>();
  for (const runner of runners) {
    if (registry.has(runner.driver)) {
      throw new LivemigError('invalid-argument', `Two runners for driver "${runner.driver}": keep one.`);
    }
    registry.set(runner.driver, runner);
  }
  return registry;
}

/** livemig's runners: the simulator and real QEMU. */
export const RUNNERS: RunnerRegistry = runnerRegistry([simulatorRunner, qemuRunner]);

/** The runner of `driver`, or an error naming the drivers there are. */
export function runnerFor(driver: string, runners: RunnerRegistry = RUNNERS): Runner {
  const runner = runners.get(driver);
  if (runner !== undefined) return runner;
  const known = [...runners.keys()];
  const guess = didYouMean(driver, known);
  throw new LivemigError(
    'invalid-argument',
    `No runner for driver "${driver}"${guess === undefined ? '.' : `; ${guess}`} Drivers: ${known.join(', ')}.`,
  );
}

/** The registry as the scenario layer asks it, for each driver's checks. */
export function driverLookup(runners: RunnerRegistry = RUNNERS): DriverLookup {
  return (driver) => runners.get(driver);
}
