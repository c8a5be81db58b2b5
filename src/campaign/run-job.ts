// One run of a sweep as plain data (it crosses threads and machines): the scenario text, the grid values and the
// seed; and running it the way `livemig run` does, into one row per migration.
import { InputError, isLivemigError, LivemigError, type SourceLocation } from '../core/index.ts';
import type { RunReport } from '../report/index.ts';
import { compileScenario, runnerFor } from '../runners/index.ts';
import { fromPlain, readSource, type Scenario, type SourceNode } from '../scenario/index.ts';
import { setAtPath } from './grid-path.ts';

/** A grid key's value in one combination. */
export interface GridValue {
  path: string;
  value: unknown;
  /** Where the value is written in the sweep file. */
  location: SourceLocation | undefined;
  /** Where the grid key is written in the sweep file. */
  keyLocation: SourceLocation | undefined;
}

export interface RunJob {
  /** Stable id: a hash of the scenario and the combination, then the seed (`3f2a9c1e-s7`). */
  run: string;
  seed: number;
  combination: GridValue[];
  /** The base scenario: the name it is known by (in messages and reports), its text, where its files are. */
  scenario: { file: string; text: string; baseDir: string };
  /** Send the whole report back (for --keep-reports). */
  keepReport: boolean;
}

/** One migration of a run, with the figures of runs.csv. */
export interface MigrationRow {
  vm: string;
  algorithm: string;
  outcome: string;
  durationSec: number | undefined;
  downtimeSec: number | undefined;
  bytesSent: number;
  rounds: number;
  error: string | undefined;
}

export interface RunRecord {
  run: string;
  seed: number;
  /** The grid values, in grid order. */
  values: unknown[];
  migrations: MigrationRow[];
  /** Why the run did not finish (bad drawn value, simulation error); its migrations so far are not kept. */
  error: string | undefined;
  report?: RunReport;
}

/** The scenario of a job: the base text with the seed and the grid values set (grid locations point at the sweep). */
export function jobScenario(job: Pick<RunJob, 'seed' | 'combination' | 'scenario'>): Scenario {
  const source = readSource(job.scenario.text, job.scenario.file);
  if (!source.ok) throw new InputError(`Invalid scenario ${job.scenario.file}:`, source.issues);
  let root: SourceNode = setAtPath(source.root, 'seed', fromPlain(job.seed), undefined);
  for (const { path, value, location, keyLocation } of job.combination) {
    root = setAtPath(root, path, { ...fromPlain(value), location }, keyLocation);
  }
  return compileScenario(root, job.scenario.file, job.scenario.baseDir);
}

/** Runs one job; a bad drawn value or a simulation error becomes the record's `error` (a bug is thrown). */
export async function runJob(job: RunJob): Promise<RunRecord> {
  const base = { run: job.run, seed: job.seed, values: job.combination.map((c) => c.value) };
  try {
    const scenario = jobScenario(job);
    const runner = runnerFor(scenario.driver);
    if (!runner.simulated) {
      const message = `Scenario ${scenario.file} is not simulated (driver: ${scenario.driver}): a sweep runs simulations only.`;
      throw new LivemigError('invalid-argument', message);
    }
    const { report } = await runner.run(scenario);
    const migrations = report.migrations.map(
      (m): MigrationRow => ({
        vm: m.vm,
        algorithm: m.algorithm,
        outcome: m.outcome,
        durationSec: m.durationSec,
        downtimeSec: m.downtimeSec,
        bytesSent: m.bytesSent,
        rounds: m.rounds.length,
        error: m.error,
      }),
    );
    return { ...base, migrations, error: undefined, ...(job.keepReport ? { report } : {}) };
  } catch (error) {
    if (!isLivemigError(error)) throw error;
    // The issue alone (no file name): the same text wherever the run was computed.
    const first = error instanceof InputError ? error.issues[0]?.message : undefined;
    return { ...base, migrations: [], error: first === undefined ? error.message : `invalid scenario: ${first}` };
  }
}
