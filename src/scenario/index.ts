// Public face of the scenario layer: scenario files (YAML/JSON) → validated Scenario objects → a simulated run with a
// report; and what the runners (src/runners/) need to check and play a scenario on another driver.

export {
  childPath,
  describeNode,
  entryOf,
  fromPlain,
  type MapEntry,
  type MapNode,
  type ScalarNode,
  type SeqNode,
  type SourceNode,
  toPlain,
} from '../core/index.ts';
export type { CommandFeatureOption } from './build-control.ts';
export { checkRoutes } from './check-routes.ts';
export type { DriverChecks, DriverLookup } from './driver-checks.ts';
export { NETWORK_MODELS, SCENARIO_DRIVERS, scenarioJsonSchema } from './format/scenario-format.ts';
export {
  compileScenario,
  loadScenario,
  type ParseOptions,
  parseScenario,
  scenarioFromObject,
} from './load-scenario.ts';
export type {
  ActorSpec,
  BridgeSpec,
  CommonAction,
  ControlFaultCommand,
  FailureSpec,
  HostMemorySpec,
  MigrationCommand,
  NetworkModelChoice,
  OnError,
  Scenario,
  ScenarioDriver,
  ScenarioEvent,
  Step,
  StepAction,
  VmCommand,
  VmSpec,
  Where,
} from './model.ts';
export type { Draw } from './random/draw-values.ts';
export { describeAction } from './run/common-actions.ts';
export { type RealStepPlace, realMigrationOptions } from './run/real-options.ts';
export {
  type RunScenarioOptions,
  runScenario,
  type ScenarioOutcome,
  type ScenarioProgress,
} from './run/run-scenario.ts';
export { MAX_STEPS_AT_ONE_DATE, stepLabel } from './run/step-interpreter.ts';
export { locate } from './source/locate.ts';
export { type ReadResult, readSource } from './source/read-source.ts';
