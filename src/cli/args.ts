// Command-line arguments: positionals and the flags a command declares (`--out DIR`, `-o DIR`, `--quiet`), read with
// node:util's parseArgs, with every problem listed at once (unknown flag → "did you mean", missing value, bad number).
// Loads nothing of the library, so that `livemig --help` starts fast; the caller turns the issues into an error.
import { parseArgs as readTokens } from 'node:util';
import type { Issue } from '../index.ts';

export interface FlagSpec {
  /** Takes a value (`--out DIR`) or is a switch (`--quiet`). */
  value: boolean;
  description: string;
  /** One letter: `-o DIR` for `--out DIR`. */
  short?: string;
  /** The value's name in help (`DIR` in `--out DIR`); the flag's name in capitals when absent. */
  valueName?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** The flags every command takes; main handles them before the command runs. */
export const GLOBAL_FLAGS: FlagSpecs = {
  help: { value: false, short: 'h', description: 'show this help' },
  version: { value: false, short: 'V', description: "print livemig's version" },
  debug: { value: false, description: 'show stack traces on errors' },
};

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export type Suggest = (word: string, candidates: readonly string[]) => string | undefined;

/**
 * Reads `argv` against `specs` (plus the global flags). Returns the arguments and every problem found; a flag
 * given twice keeps its last value.
 */
export function parseArgs(
  argv: readonly string[],
  specs: FlagSpecs,
  command: string,
  suggest: Suggest = () => undefined,
): { args: ParsedArgs; issues: Issue[] } {
  const all = { ...specs, ...GLOBAL_FLAGS };
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(all)) {
    options[name] = {
      type: spec.value ? 'string' : 'boolean',
      ...(spec.short === undefined ? {} : { short: spec.short }),
    };
  }
  const { tokens } = readTokens({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const issues: Issue[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = all[token.name];
    if (spec === undefined) {
      const known = Object.keys(specs).map((k) => `--${k}`);
      issues.push(
        usageIssue(
          `unknown option ${token.rawName} for "livemig ${command}"`,
          suggest(`--${token.name}`, known) ?? `options: ${known.join(', ') || 'none'}`,
        ),
      );
    } else if (!spec.value) {
      if (token.value !== undefined) {
        issues.push(usageIssue(`option --${token.name} takes no value`, `write --${token.name} alone`));
      } else flags.set(token.name, true);
    } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
      issues.push(
        usageIssue(`option ${token.rawName} needs a value`, `write --${token.name} ${valueName(token.name, spec)}`),
      );
    } else flags.set(token.name, token.value);
  }
  return { args: { positionals, flags }, issues };
}

/** True when argv asks for a global flag (`-h`, `--help`, …) before any `--`. */
export function hasFlag(argv: readonly string[], name: string): boolean {
  const spec = GLOBAL_FLAGS[name];
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === `--${name}` || (spec?.short !== undefined && arg === `-${spec.short}`)) return true;
  }
  return false;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A flag's value as a number ≥ 0; `undefined` when absent; the issue when it is not one. */
export function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new UsageProblem([usageIssue(`--${name} must be a number ≥ 0, not "${value}"`, `e.g. --${name} 100`)]);
  }
  return number;
}

/** Bad arguments found by a command; main reports them as an InputError (exit 2). */
export class UsageProblem extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'UsageProblem';
  }
}

export function usageIssue(message: string, hint: string): Issue {
  return { code: 'usage', path: '', message, hint };
}

export function valueName(name: string, spec: FlagSpec): string {
  return spec.valueName ?? name.toUpperCase().replaceAll('-', '_');
}
