// The public way to get a RunReport from a Simulation built in code: `recordRun(sim)` before `sim.run()`, then
// `finish()`. It hides the Recorder, whose step-error hook belongs to the scenario runner.
import type { Simulation } from '../simulation/index.ts';
import { Recorder, type RecorderOptions } from './recorder.ts';
import type { RunReport } from './run-report.ts';

/** A run being recorded; `finish()` stops listening and returns the report (the same object on later calls). */
export interface RunRecording {
  finish(): RunReport;
}

/**
 * Starts recording `sim` (its VMs, migrations, hosts, usage and log) from now on; call it before `sim.run()`.
 * Throws an invalid-argument error when an option is out of range (`maxLogLines` below 0).
 */
export function recordRun(sim: Simulation, options: RecorderOptions = {}): RunRecording {
  const recorder = new Recorder(sim, options);
  return { finish: () => recorder.finish() };
}
