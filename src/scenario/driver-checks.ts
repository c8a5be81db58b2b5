// What a scenario's driver adds to its checks. The scenario layer knows no driver but the simulator: the runners'
// registry (src/runners/) hands compileScenario the checks of each driver it knows.
import type { Issue, SourceNode } from '../core/index.ts';
import type { Scenario } from './model.ts';

export interface DriverChecks {
  /** Whether the driver plays the simulated world: routes, disk bandwidths, consolidation and the simulated
   * features of phased migrations are checked for it; otherwise its own `check` says what it cannot do. */
  readonly simulated: boolean;
  /** The driver's own issues, reported with the others (all at once, at their file:line:col). */
  check(scenario: Scenario, root: SourceNode): Issue[];
}

/** The checks of the scenario's `driver`, or undefined when no runner is registered for it. */
export type DriverLookup = (driver: string) => DriverChecks | undefined;
