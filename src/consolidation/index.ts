// Public face of the consolidation layer: utilization-driven workloads, host power, Beloglazov & Buyya's overload,
// selection and placement policies, and the run that turns their decisions into live migrations.
export { Consolidation } from './consolidator.ts';
export { Ledger, type LedgerHost, type LedgerVm, pdm } from './ledger.ts';
export {
  DEFAULT_FALLBACK_THRESHOLD,
  DEFAULT_SAFETY,
  detectOverload,
  type HostLoad,
  MIN_HISTORY,
  OVERLOAD_POLICIES,
  type OverloadPolicy,
  type OverloadVerdict,
  predictUtilization,
} from './overload.ts';
export {
  chooseHost,
  type HostSlot,
  PLACEMENT_POLICIES,
  type PlacementPolicy,
  placementOrder,
  powerIncrease,
  type VmToPlace,
} from './placement.ts';
export {
  describePolicies,
  type Move,
  type Plan,
  type PlanInput,
  type PlanPolicies,
  type PlanVm,
  planRound,
  UNDERLOAD_POLICIES,
  type UnderloadPolicy,
} from './planner.ts';
export {
  HP_PROLIANT_ML110_G4,
  HP_PROLIANT_ML110_G5,
  type PowerModel,
  type PowerSpec,
  powerModel,
} from './power-model.ts';
export type { ConsolidationInterval, ConsolidationReport } from './report.ts';
export { type Candidate, SELECTION_POLICIES, type SelectionPolicy, selectVm } from './selection.ts';
export type { ConsolidationHost, ConsolidationSettings, WorkloadVm } from './settings.ts';
export {
  interQuartileRange,
  localRegression,
  medianAbsoluteDeviation,
  multipleCorrelation,
  quantile,
  robustLocalRegression,
  tricubeWeights,
} from './statistics.ts';
export {
  DEFAULT_WORKLOAD_MODEL,
  fitWorkloadModel,
  generateTrace,
  generateTraces,
  lagOneAutocorrelation,
  planetLabText,
  type WorkloadModel,
} from './workload-generator.ts';
export { parseUtilizationTrace, traceFromValues, type UtilizationTrace, utilizationAt } from './workload-trace.ts';
