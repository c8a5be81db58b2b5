// What a consolidation run is given: its settings, the VMs whose demand follows a trace, and the hosts' power and RAM.
import type { PhasedMigrateOptions } from '../control/index.ts';
import type { MigrateOptions } from '../vm/index.ts';
import type { PlanPolicies } from './planner.ts';
import type { PowerModel } from './power-model.ts';
import type { UtilizationTrace } from './workload-trace.ts';

export interface ConsolidationSettings {
  intervalSec: number;
  /** undefined: no consolidation (the baseline: VMs follow their traces and never move). */
  policies: PlanPolicies | undefined;
  migrate: MigrateOptions | PhasedMigrateOptions;
  /** Migrations a host may take part in at once (as source or destination); Infinity = no limit. */
  maxConcurrentPerHost: number;
  switchOffIdle: boolean;
  /** Length of the run, seconds. */
  durationSec: number;
}

export interface WorkloadVm {
  vm: string;
  trace: UtilizationTrace;
}

export interface ConsolidationHost {
  host: string;
  power: PowerModel;
  /** Infinity when unknown. */
  ramBytes: number;
}
