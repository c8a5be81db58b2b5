// Public face of the runners layer: one Runner per driver (the simulator, real QEMU) in one registry, chosen by a
// scenario's `driver`; loading a scenario checks it for its driver, running it hands it to its runner.
export {
  compileScenario,
  type LoadOptions,
  loadScenario,
  parseScenario,
  type RunnersOption,
  runOnDriver,
  scenarioFromObject,
} from './load-and-run.ts';
export { qemuRunner } from './qemu/qemu-runner.ts';
export { type RealScenarioOutcome, type RunRealScenarioOptions, runRealScenario } from './qemu/real-run.ts';
export { labMigrationReport, type RealRunInput, realRunReport } from './qemu/real-run-report.ts';
export { driverLookup, RUNNERS, type RunnerRegistry, runnerFor, runnerRegistry } from './registry.ts';
export type { Runner, RunnerOptions, RunnerOutcome } from './runner.ts';
export { simulatorRunner } from './simulator-runner.ts';
