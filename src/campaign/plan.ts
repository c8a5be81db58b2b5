// A sweep's runs: every combination of the grid (the cartesian product, in grid order) × every seed, each with a
// stable id. Every combination is checked before anything runs, so that a bad path or value stops the sweep whole.
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { InputError, type Issue } from '../core/index.ts';
import { type GridValue, jobScenario, type RunJob } from './run-job.ts';
import type { SweepSpec } from './sweep-file.ts';

export interface SweepPlan {
  spec: SweepSpec;
  /** Every combination of the grid, in grid order. */
  combinations: GridValue[][];
  /** Every run, sorted by id (combination hash, then seed). */
  jobs: RunJob[];
}

export interface PlanOptions {
  keepReports?: boolean;
}

/** The runs of `spec`, after checking every combination (with the first seed); throws one InputError with all. */
export function planSweep(spec: SweepSpec, options: PlanOptions = {}): SweepPlan {
  const combinations = cartesian(
    spec.grid.map((key) => key.values.map((v) => ({ path: key.path, keyLocation: key.location, ...v }))),
  );
  const scenario = { file: spec.scenarioFile, text: spec.scenarioText, baseDir: dirname(spec.scenarioFile) };
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const combination of combinations) {
    try {
      jobScenario({ seed: spec.seeds[0] ?? 0, combination, scenario });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues) {
        const key = JSON.stringify([issue.code, issue.path, issue.location, issue.message]);
        if (!seen.has(key)) issues.push(issue);
        seen.add(key);
      }
    }
  }
  if (issues.length > 0) {
    const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
    const line = (issue: Issue) =>
      [issue.location?.file ?? '', issue.location?.line ?? 0, issue.location?.col ?? 0] as const;
    issues.sort((a, b) => {
      const [fa, la, ca] = line(a);
      const [fb, lb, cb] = line(b);
      return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
    });
    throw new InputError(`Invalid sweep ${spec.file}: ${count} in its combinations.`, issues);
  }
  const jobs = combinations.flatMap((combination) => {
    const id = combinationId(spec.scenarioText, combination);
    return spec.seeds.map(
      (seed): RunJob => ({
        run: `${id}-s${seed}`,
        seed,
        combination,
        scenario,
        keepReport: options.keepReports === true,
      }),
    );
  });
  jobs.sort(compareRuns);
  return { spec, combinations, jobs };
}

/** Order of run ids: by combination hash, then by seed as a number. */
export function compareRuns(a: { run: string; seed: number }, b: { run: string; seed: number }): number {
  const ha = a.run.slice(0, a.run.lastIndexOf('-s'));
  const hb = b.run.slice(0, b.run.lastIndexOf('-s'));
  return ha < hb ? -1 : ha > hb ? 1 : a.seed - b.seed;
}

/** A short hash of the scenario text and the combination's paths and values. */
export function combinationId(scenarioText: string, combination: readonly GridValue[]): string {
  const hash = createHash('sha256');
  hash.update(scenarioText);
  hash.update(JSON.stringify(combination.map((c) => [c.path, c.value])));
  return hash.digest('hex').slice(0, 10);
}

function cartesian<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>((products, list) => products.flatMap((p) => list.map((item) => [...p, item])), [[]]);
}
