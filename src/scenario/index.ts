// Public face of the scenario layer: scenario files (YAML/JSON) → validated Scenario objects → a run with a report.
export { NETWORK_MODELS, scenarioJsonSchema } from './format/scenario-format.ts';
export { loadScenario, type ParseOptions, parseScenario, scenarioFromObject } from './load-scenario.ts';
export type {
  ActorSpec,
  CommonAction,
  HostMemorySpec,
  NetworkModelChoice,
  OnError,
  Scenario,
  ScenarioEvent,
  Step,
  StepAction,
  VmCommand,
  VmSpec,
  Where,
} from './model.ts';
export {
  type RunScenarioOptions,
  runScenario,
  type ScenarioOutcome,
  type ScenarioProgress,
} from './run/run-scenario.ts';
export { MAX_STEPS_AT_ONE_DATE } from './run/step-interpreter.ts';
