// The platform of a scenario: a SimGrid XML file (or a YAML/JSON platform spec file) relative to the scenario, or an
// inline spec. The platform layer's issues are kept; those of an inline spec are located in the scenario file.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  childPath,
  INPUT_LIMITS,
  InputError,
  type Issue,
  isLivemigError,
  readInputFile,
  type SourceLocation,
  type SourceNode,
  toPlain,
  unreadableFileCode,
} from '../core/index.ts';
import { describePlatform, loadPlatformXml, type PlatformDescription } from '../platform/index.ts';
import { locate } from './source/locate.ts';
import { readSource } from './source/read-source.ts';

export type PlatformValue = string | { value: unknown; node: SourceNode };

export type PlatformLoad = { ok: true; description: PlatformDescription } | { ok: false; issues: Issue[] };

/** Loads the platform named or given by `value`, written at `path` (`platform`) of the scenario. */
export function loadScenarioPlatform(
  value: PlatformValue,
  path: string,
  location: SourceLocation | undefined,
  baseDir: string,
): PlatformLoad {
  if (typeof value !== 'string') return describeInline(value.value, value.node, path, location?.file ?? '<inline>');
  const file = resolve(baseDir, value);
  if (!existsSync(file)) {
    const issue = at(location, {
      code: 'platform-not-found',
      path,
      message: `Platform file "${value}" not found (looked for ${file}).`,
      hint: "The path is relative to the scenario file's folder.",
    });
    return { ok: false, issues: [issue] };
  }
  if (/\.(json|ya?ml)$/i.test(file)) return loadSpecFile(file, path, location);
  return attempt(() => loadPlatformXml(file), location, path);
}

function describeInline(spec: unknown, node: SourceNode, path: string, file: string): PlatformLoad {
  const load = attempt(() => describePlatform(spec, file), undefined, path);
  if (load.ok) return load;
  const issues = load.issues.map((issue) => {
    const inner = issue.path === '' ? path : childPath(path, issue.path).replace('.[', '[');
    return at(issue.location ?? locate(node, issue.path), { ...issue, path: inner });
  });
  return { ok: false, issues };
}

function loadSpecFile(file: string, path: string, location: SourceLocation | undefined): PlatformLoad {
  let text: string;
  try {
    text = readInputFile(file, INPUT_LIMITS.platformBytes);
  } catch (error) {
    const message = `Cannot read platform file ${file}: ${(error as Error).message}`;
    return { ok: false, issues: [at(location, { code: unreadableFileCode(error), path, message })] };
  }
  const source = readSource(text, file);
  if (!source.ok) return { ok: false, issues: source.issues };
  const load = attempt(() => describePlatform(toPlain(source.root), file), undefined, '');
  if (load.ok) return load;
  return {
    ok: false,
    issues: load.issues.map((issue) => at(issue.location ?? locate(source.root, issue.path), issue)),
  };
}

/** Runs a platform loader; its InputError becomes issues (each located, else at `location`). */
function attempt(load: () => PlatformDescription, location: SourceLocation | undefined, path: string): PlatformLoad {
  try {
    return { ok: true, description: load() };
  } catch (error) {
    if (error instanceof InputError) {
      return { ok: false, issues: error.issues.map((issue) => at(issue.location ?? location, issue)) };
    }
    if (isLivemigError(error)) {
      const message = `The platform cannot be built: ${error.message}`;
      return { ok: false, issues: [at(location, { code: 'invalid-platform', path, message })] };
    }
    throw error;
  }
}

function at(location: SourceLocation | undefined, issue: Issue): Issue {
  return location === undefined || issue.location !== undefined ? issue : { ...issue, location };
}
