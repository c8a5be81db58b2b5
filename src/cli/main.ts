// The livemig command line: dispatches to a command, and turns errors into messages and exit codes
// (0 success, 1 simulation error, 2 bad input). The only place that prints or exits.
import { isLivemigError, LivemigError } from '../index.ts';
import { usageIssue } from './args.ts';
import { benchCommand } from './commands/bench.ts';
import { labCommand } from './commands/lab.ts';
import { platformCommand } from './commands/platform.ts';
import { runCommand } from './commands/run.ts';
import { schemaCommand } from './commands/schema.ts';
import { validateCommand } from './commands/validate.ts';
import { validateRealCommand } from './commands/validate-real.ts';
import { workloadCommand } from './commands/workload.ts';
import { type Io, processIo } from './io.ts';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}

const COMMANDS: readonly Command[] = [
  runCommand,
  validateCommand,
  platformCommand,
  schemaCommand,
  benchCommand,
  labCommand,
  validateRealCommand,
  workloadCommand,
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'livemig — simulate (and drive) live migrations of virtual machines',
    '',
    'Usage: livemig <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "livemig <command> --help" for its options. Exit codes: 0 success, 1 simulation or real-migration',
    'error, 2 bad input.',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(io.version);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) {
      throw new LivemigError(
        'invalid-input',
        `Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`,
        {
          details: { issue: usageIssue(`unknown command "${name}"`, 'run "livemig --help"') },
        },
      );
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** Prints an error the way a user needs it; returns the exit code. */
export function reportError(error: unknown, io: Io, debug: boolean): number {
  if (isLivemigError(error)) {
    const badInput = error.code === 'invalid-input' || error.code === 'invalid-argument' || error.code === 'not-found';
    io.err(`error: ${error.message}`);
    if (debug && error.stack !== undefined) io.err(error.stack);
    if (!badInput && !debug) io.err('(run again with --debug for details)');
    return badInput ? 2 : 1;
  }
  io.err(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (debug && error instanceof Error && error.stack !== undefined) io.err(error.stack);
  else io.err('This is a bug in livemig; run again with --debug and report the output.');
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/bin/livemig.js')) {
  const code = await main(process.argv.slice(2), processIo());
  process.exitCode = code;
}
