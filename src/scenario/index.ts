// Public face of the scenario layer: scenario files (YAML/JSON) → validated Scenario objects → a run with a report.
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
export { type RealScenarioOutcome, type RunRealScenarioOptions, runRealScenario } from './run/real-run.ts';
export {
  type RunScenarioOptions,
  runScenario,
  type ScenarioOutcome,
  type ScenarioProgress,
} from './run/run-scenario.ts';
export { MAX_STEPS_AT_ONE_DATE } from './run/step-interpreter.ts';
export { type ReadResult, readSource } from './source/read-source.ts';
export {
  describeNode,
  entryOf,
  fromPlain,
  type MapEntry,
  type MapNode,
  type ScalarNode,
  type SeqNode,
  type SourceNode,
  toPlain,
} from './source/source-node.ts';
