// The livemig command line: finds the command in the registry, loads it, checks its arguments against its declared
// flags, runs it, and turns errors into messages and exit codes (0 success, 1 simulation error, 2 bad input). The
// only place that prints or exits. The library is loaded only once a command runs or an error is reported.

import type { Issue } from '../index.ts';
import { hasFlag, parseArgs, UsageProblem, usageIssue } from './args.ts';
import { type Command, isGroup } from './command.ts';
import { commandHelp, groupHelp, mainHelp } from './help.ts';
import type { Io } from './io.ts';
import { COMMANDS } from './registry.ts';

export function helpText(): string {
  return mainHelp(COMMANDS);
}

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (name === undefined) {
    io.err(helpText());
    return 2;
  }
  if (name === '--help' || name === '-h') {
    io.out(helpText());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.out(io.version);
    return 0;
  }
  let path = '';
  try {
    if (name === 'help') return await help(rest, io);
    if (name.startsWith('-')) {
      throw new UsageProblem([usageIssue(`unknown option ${name}`, 'livemig --help lists the commands and options')]);
    }
    const found = await resolve(name, rest);
    path = found.path;
    if (hasFlag(found.argv, 'help')) {
      io.out(found.help);
      return 0;
    }
    if (hasFlag(found.argv, 'version')) {
      io.out(io.version);
      return 0;
    }
    if (found.command === undefined) throw new UsageProblem([found.problem]);
    const api = await import('../index.ts');
    const parsed = parseArgs(found.argv, found.command.flags, found.path, api.didYouMean);
    if (parsed.issues.length > 0) throw new UsageProblem(parsed.issues);
    return await found.command.run(parsed.args, io);
  } catch (error) {
    return await reportError(error, io, debug, path);
  }
}

type Resolved = { path: string; argv: readonly string[]; help: string } & (
  | { command: Command }
  /** A group without a known subcommand, and what to say about it. */
  | { command: undefined; problem: Issue }
);

/** The command `livemig NAME …` names, with its remaining arguments and its help. */
async function resolve(name: string, rest: readonly string[]): Promise<Resolved> {
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) throw await unknownCommand(name);
  const loaded = await entry.load();
  if (!isGroup(loaded)) {
    const help = commandHelp(name, loaded, entry.summary);
    return { path: name, argv: rest, help, command: loaded };
  }
  const [sub, ...subArgs] = rest;
  const command = sub === undefined ? undefined : loaded.subcommands[sub];
  if (sub === undefined || command === undefined) {
    const subs = Object.keys(loaded.subcommands);
    const problem = usageIssue(
      sub === undefined || sub.startsWith('-') ? `say what to do` : `unknown ${name} command "${sub}"`,
      subs.map((s) => `livemig ${name} ${s}`).join(', or '),
    );
    return { path: name, argv: rest, help: groupHelp(name, loaded), command: undefined, problem };
  }
  const path = `${name} ${sub}`;
  return { path, argv: subArgs, help: commandHelp(path, command, command.summary ?? entry.summary), command };
}

/** `livemig help [command [subcommand]]`. */
async function help(words: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = words;
  if (name === undefined) {
    io.out(helpText());
    return 0;
  }
  const found = await resolve(name, rest.slice(0, 1));
  if (found.command === undefined && rest.length > 0) throw new UsageProblem([found.problem]);
  io.out(found.help);
  return 0;
}

async function unknownCommand(name: string): Promise<Error> {
  const { didYouMean } = await import('../index.ts');
  const names = COMMANDS.map((c) => c.name);
  return new UsageProblem([
    usageIssue(`unknown command "${name}"`, didYouMean(name, names) ?? `commands: ${names.join(', ')}`),
  ]);
}

/** Prints an error the way a user needs it; returns the exit code. */
export async function reportError(error: unknown, io: Io, debug: boolean, command = ''): Promise<number> {
  const { isLivemigError, InputError } = await import('../index.ts');
  const failure =
    error instanceof UsageProblem
      ? new InputError(command === '' ? 'Bad arguments:' : `Bad arguments for "livemig ${command}":`, error.issues)
      : error;
  if (isLivemigError(failure)) {
    const badInput =
      failure.code === 'invalid-input' || failure.code === 'invalid-argument' || failure.code === 'not-found';
    io.err(`error: ${failure.message}`);
    if (debug && failure.stack !== undefined) io.err(failure.stack);
    if (!badInput && !debug) io.err('(run again with --debug for details)');
    return badInput ? 2 : 1;
  }
  io.err(`internal error: ${failure instanceof Error ? failure.message : String(failure)}`);
  if (debug && failure instanceof Error && failure.stack !== undefined) io.err(failure.stack);
  else io.err('This is a bug in livemig; run again with --debug and report the output.');
  return 1;
}
