// Sweep files (`sweep.yaml`): a base scenario, the seeds, a grid of values by path into the scenario, and the
// metrics to summarise; read with every problem listed at once, each at its file:line:col.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, type Issue, type SourceLocation } from '../core/index.ts';
import { describeNode, type MapNode, readSource, type SourceNode, toPlain } from '../scenario/index.ts';

/** Metrics of a migration that a sweep can summarise (the report's names). */
export const SWEEP_METRICS = ['durationSec', 'downtimeSec', 'bytesSent', 'rounds'] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];
export const DEFAULT_METRICS: readonly SweepMetric[] = ['durationSec', 'downtimeSec', 'bytesSent'];

/** One grid key: a path into the scenario and the values it takes, each with where it is written. */
export interface GridKey {
  path: string;
  location: SourceLocation | undefined;
  values: { value: unknown; location: SourceLocation | undefined }[];
}

export interface SweepSpec {
  /** The sweep file. */
  file: string;
  /** The base scenario: its path (as resolved) and text. */
  scenarioFile: string;
  scenarioText: string;
  seeds: number[];
  grid: GridKey[];
  metrics: SweepMetric[];
}

const KEYS = ['version', 'scenario', 'seeds', 'grid', 'metrics'];

/** Reads and checks a sweep file (not yet the combinations: see planSweep). */
export function loadSweep(path: string): SweepSpec {
  const text = readText(path, 'sweep file');
  const source = readSource(text, path);
  if (!source.ok) throw new InputError(`Invalid sweep file ${path}:`, source.issues);
  const issues: Issue[] = [];
  const spec = readSweep(source.root, path, issues);
  if (issues.length > 0 || spec === undefined) {
    const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
    throw new InputError(`Invalid sweep file ${path}: ${count}.`, issues);
  }
  return spec;
}

function readSweep(root: SourceNode, file: string, issues: Issue[]): SweepSpec | undefined {
  if (root.kind !== 'map') {
    issues.push(issue('invalid-type', '', root.location, `The sweep file must be a map, not ${describeNode(root)}.`));
    return undefined;
  }
  for (const entry of root.entries) {
    if (!KEYS.includes(entry.key)) {
      const message = `Unknown key "${entry.key}" in the sweep file; keys: ${KEYS.join(', ')}.`;
      issues.push(issue('unknown-key', entry.key, entry.keyLocation, message));
    }
  }
  const field = (key: string) => root.entries.find((e) => e.key === key);
  const version = field('version');
  if (version === undefined || toPlain(version.value) !== 1) {
    issues.push(issue('invalid-value', 'version', version?.value.location ?? root.location, 'Write "version: 1".'));
  }
  const scenario = field('scenario');
  let scenarioFile: string | undefined;
  let scenarioText = '';
  if (scenario === undefined || scenario.value.kind !== 'scalar' || typeof scenario.value.value !== 'string') {
    const message = 'The sweep needs "scenario": a scenario file, relative to the sweep file.';
    issues.push(issue('missing-key', 'scenario', scenario?.value.location ?? root.location, message));
  } else {
    scenarioFile = resolve(dirname(file), scenario.value.value);
    try {
      scenarioText = readText(scenarioFile, 'scenario file');
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const at = scenario.value.location;
      issues.push(
        ...error.issues.map((i) => ({ ...i, path: 'scenario', ...(at === undefined ? {} : { location: at }) })),
      );
    }
  }
  const seeds = readSeeds(field('seeds')?.value, root, issues);
  const grid = readGrid(field('grid')?.value, root, issues);
  const metrics = readMetrics(field('metrics')?.value, issues);
  if (scenarioFile === undefined || seeds === undefined || grid === undefined || metrics === undefined)
    return undefined;
  return { file, scenarioFile, scenarioText, seeds, grid, metrics };
}

function readSeeds(node: SourceNode | undefined, root: MapNode, issues: Issue[]): number[] | undefined {
  if (node === undefined) return [0];
  const isSeed = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 32;
  const plain = toPlain(node);
  if (typeof plain === 'number' && Number.isInteger(plain) && plain >= 1) {
    return Array.from({ length: plain }, (_, i) => i + 1);
  }
  if (Array.isArray(plain) && plain.length > 0 && plain.every(isSeed) && new Set(plain).size === plain.length) {
    return plain;
  }
  const message = `"seeds" must be a count (10 → seeds 1..10) or a list of distinct seeds [3, 7, 11], not ${describeNode(node)}.`;
  issues.push(issue('invalid-value', 'seeds', node.location ?? root.location, message));
  return undefined;
}

function readGrid(node: SourceNode | undefined, root: MapNode, issues: Issue[]): GridKey[] | undefined {
  if (node === undefined || node.kind !== 'map' || node.entries.length === 0) {
    const message = 'The sweep needs a non-empty "grid": a map from paths into the scenario to lists of values.';
    issues.push(issue('empty-grid', 'grid', node?.location ?? root.location, message));
    return undefined;
  }
  const keys: GridKey[] = [];
  for (const entry of node.entries) {
    const values = entry.value;
    if (values.kind !== 'seq' || values.items.length === 0) {
      const message = `Grid key "${entry.key}" needs a non-empty list of values, not ${describeNode(values)}.`;
      issues.push(issue('empty-grid', `grid.${entry.key}`, values.location ?? entry.keyLocation, message));
      continue;
    }
    const items = values.items.map((item) => ({ value: toPlain(item), location: item.location }));
    keys.push({ path: entry.key, location: entry.keyLocation, values: items });
  }
  return keys.length === node.entries.length ? keys : undefined;
}

function readMetrics(node: SourceNode | undefined, issues: Issue[]): SweepMetric[] | undefined {
  if (node === undefined) return [...DEFAULT_METRICS];
  const plain = toPlain(node);
  const known = SWEEP_METRICS as readonly unknown[];
  if (Array.isArray(plain) && plain.length > 0 && plain.every((m) => known.includes(m))) return plain as SweepMetric[];
  const message = `"metrics" must be a list of ${SWEEP_METRICS.join(', ')}.`;
  issues.push(issue('invalid-value', 'metrics', node.location, message));
  return undefined;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const found = issue('unreadable-file', '', undefined, `Cannot read ${what} ${path}: ${(error as Error).message}`);
    throw new InputError(`Cannot read ${path}:`, [{ ...found, hint: 'Check the path.' }], { cause: error });
  }
}

export function issue(code: string, path: string, location: SourceLocation | undefined, message: string): Issue {
  return location === undefined ? { code, path, message } : { code, path, message, location };
}
