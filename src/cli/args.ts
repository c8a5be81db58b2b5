// Command-line arguments: positionals and `--flag [value]` options declared per command, with clear errors
// (unknown flag → "did you mean", missing value, bad number).
import { didYouMean, InputError, type Issue } from '../index.ts';

export interface FlagSpec {
  /** Takes a value (`--out DIR`) or is a switch (`--quiet`). */
  value: boolean;
  description: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(
  argv: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
  command: string,
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const issues: Issue[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitFlag(arg.slice(2));
    const spec = specs[name];
    if (spec === undefined) {
      const known = Object.keys(specs).map((k) => `--${k}`);
      issues.push(
        usageIssue(
          `unknown option --${name} for "livemig ${command}"`,
          didYouMean(`--${name}`, known) ?? `options: ${known.join(', ') || 'none'}`,
        ),
      );
      continue;
    }
    if (!spec.value) {
      flags.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      issues.push(usageIssue(`option --${name} needs a value`, `write --${name} <${name}>`));
      continue;
    }
    flags.set(name, value);
  }
  if (issues.length > 0) throw new InputError(`Bad arguments for "livemig ${command}":`, issues);
  return { positionals, flags };
}

export function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const value = args.flags.get(name);
  if (value === undefined || value === true) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new InputError('Bad arguments:', [
      usageIssue(`--${name} must be a number ≥ 0, not "${value}"`, `e.g. --${name} 100`),
    ]);
  }
  return number;
}

export function usageIssue(message: string, hint: string): Issue {
  return { code: 'usage', path: '', message, hint };
}

function splitFlag(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
