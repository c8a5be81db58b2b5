// Scenario files → a validated Scenario, or one InputError listing every problem with file:line:col: syntax, then
// the schema (types, keys, units), the platform, names and references, and finally routes and memory.
import { dirname } from 'node:path';
import {
  entryOf,
  formatBytes,
  fromPlain,
  INPUT_LIMITS,
  InputError,
  type Issue,
  ReadContext,
  readInputFile,
  type SourceNode,
  unreadableFileCode,
} from '../core/index.ts';
import { buildScenario } from './build-scenario.ts';
import { checkNames } from './check-names.ts';
import { checkRoutes } from './check-routes.ts';
import { checkScenario } from './check-scenario.ts';
import type { DriverChecks, DriverLookup } from './driver-checks.ts';
import { scenarioFormat } from './format/scenario-format.ts';
import { loadScenarioPlatform, type PlatformLoad, type PlatformValue } from './load-platform.ts';
import type { Scenario } from './model.ts';
import { drawValues } from './random/draw-values.ts';
import { locate } from './source/locate.ts';
import { readSource, type SourceFormat } from './source/read-source.ts';

export interface ParseOptions {
  /** Folder that a relative platform path starts from (default: the folder of `fileName`). */
  baseDir?: string;
  /** Default: from the file name's extension, else from the text. */
  format?: SourceFormat;
  /** The checks of each driver (default: the simulator's only; livemig's public loadScenario gives its runners'). */
  drivers?: DriverLookup;
}

/** The simulator's checks, the only driver this layer knows by itself. */
const SIMULATOR_CHECKS: DriverChecks = { simulated: true, check: checkRoutes };
const simulatorOnly: DriverLookup = (driver) => (driver === 'simulator' ? SIMULATOR_CHECKS : undefined);

/** Reads and validates a scenario file (YAML, or JSON by extension or content). */
export function loadScenario(path: string, options: Pick<ParseOptions, 'drivers'> = {}): Scenario {
  let text: string;
  try {
    text = readInputFile(path, INPUT_LIMITS.scenarioBytes);
  } catch (error) {
    const code = unreadableFileCode(error);
    const limited = code !== 'unreadable-file';
    const issue = {
      code,
      path: '',
      message: `Cannot read scenario file ${path}: ${(error as Error).message}`,
      hint: limited
        ? `Scenario files are read up to ${formatBytes(INPUT_LIMITS.scenarioBytes)}.`
        : 'Check the path (relative paths start from the current directory).',
    };
    throw new InputError(`Cannot load ${path}:`, [issue], { cause: error });
  }
  return parseScenario(text, path, { ...options, baseDir: dirname(path) });
}

/** Validates scenario text; `fileName` appears in every location. */
export function parseScenario(text: string, fileName = '<inline>', options: ParseOptions = {}): Scenario {
  const source = readSource(text, fileName, options.format);
  if (!source.ok) throw invalid(fileName, source.issues);
  return compileScenario(source.root, fileName, options.baseDir ?? dirname(fileName), options.drivers);
}

/** Validates a scenario given as a plain object (as parsed JSON); issues have paths but no line:col. */
export function scenarioFromObject(
  value: unknown,
  options: { name?: string; baseDir?: string; drivers?: DriverLookup } = {},
): Scenario {
  return compileScenario(fromPlain(value), options.name ?? '<object>', options.baseDir ?? '.', options.drivers);
}

/** Validates a scenario's source tree (as read by readSource, maybe edited by a sweep): draws its distributions for
 * its seed, then reads it. */
export function compileScenario(
  source: SourceNode,
  file: string,
  baseDir: string,
  drivers: DriverLookup = simulatorOnly,
): Scenario {
  let drawn: ReturnType<typeof drawValues>;
  try {
    drawn = drawValues(source, seedOf(source));
  } catch (error) {
    if (error instanceof InputError) throw invalid(file, error.issues);
    throw error;
  }
  const root = drawn.root;
  const ctx = new ReadContext();
  const document = scenarioFormat.read(root, '', ctx);
  const issues: Issue[] = [...ctx.issues];
  const platform = readPlatform(root, baseDir);
  if (platform !== undefined && !platform.ok) issues.push(...platform.issues);
  const hosts = platform?.ok === true ? platform.description.hosts.map((host) => host.name) : undefined;
  issues.push(...checkNames({ declarations: ctx.declarations, references: ctx.references, hosts }));
  if (issues.length > 0 || document === undefined || platform?.ok !== true) throw invalid(file, issues);
  const scenario = buildScenario({ document, root, file, platform: platform.description, warnings: ctx.warnings });
  const driver = drivers(scenario.driver);
  if (driver === undefined) throw invalid(file, [noRunner(scenario.driver, root)]);
  const late = checkScenario(scenario, root, driver);
  if (scenario.failures !== undefined && scenario.untilSec === undefined) {
    late.push({
      code: 'missing-until',
      path: 'failures',
      message: 'Random host failures never end: a scenario with "failures" needs "until".',
      hint: 'Add e.g. "until: 1d" at the top level.',
      ...(scenario.failures.where.location === undefined ? {} : { location: scenario.failures.where.location }),
    });
  }
  if (late.length > 0) throw invalid(file, late);
  if (drawn.draws.length > 0) scenario.draws = drawn.draws;
  return scenario;
}

function noRunner(driver: string, root: SourceNode): Issue {
  const issue: Issue = {
    code: 'unknown-driver',
    path: 'driver',
    message: `No runner is registered for driver "${driver}" here.`,
    hint: "Load it with a runner registry that has this driver (livemig's loadScenario uses RUNNERS).",
  };
  const location = locate(root, 'driver');
  if (location !== undefined) issue.location = location;
  return issue;
}

/** The `seed` of a source tree (0 when absent; a bad one is reported by the schema). */
function seedOf(root: SourceNode): number {
  const seed = root.kind === 'map' ? entryOf(root, 'seed')?.value : undefined;
  return seed?.kind === 'scalar' && typeof seed.value === 'number' && Number.isInteger(seed.value) ? seed.value : 0;
}

/** The platform, read on its own so that names are checked even when another part of the document is wrong. */
function readPlatform(root: SourceNode, baseDir: string): PlatformLoad | undefined {
  if (root.kind !== 'map') return undefined;
  const entry = entryOf(root, 'platform');
  if (entry === undefined) return undefined;
  const value = scenarioFormat.fields.platform.schema.read(entry.value, 'platform', new ReadContext());
  if (value === undefined) return undefined;
  return loadScenarioPlatform(value as PlatformValue, 'platform', entry.value.location, baseDir);
}

function invalid(file: string, issues: readonly Issue[]): InputError {
  const sorted = inFileOrder(issues, file);
  const count = sorted.length === 1 ? 'a problem' : `${sorted.length} problems`;
  return new InputError(`Invalid scenario ${file}: ${count}.`, sorted);
}

/** Issues of the scenario file in line:col order first, then those of other files (the platform) as found. */
function inFileOrder(issues: readonly Issue[], file: string): Issue[] {
  const rank = (issue: Issue): [number, number, number] => {
    const location = issue.location;
    if (location === undefined) return [1, Number.MAX_SAFE_INTEGER, 0];
    if (location.file !== file) return [2, 0, 0];
    return [0, location.line, location.col];
  };
  return [...issues].sort((a, b) => {
    const [fa, la, ca] = rank(a);
    const [fb, lb, cb] = rank(b);
    return fa - fb || la - lb || ca - cb;
  });
}
