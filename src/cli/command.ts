// What a command is: its flags and arguments declared once (parsing and help are made from them) and the function
// that runs it. A group (`livemig lab build|migrate`) holds subcommands. src/cli/registry.ts lists them, lazily.
import type { FlagSpecs, ParsedArgs } from './args.ts';
import type { Io } from './io.ts';

export interface Command {
  /** One line for the help of a group's subcommand; a top-level command's line is its registry entry's. */
  summary?: string;
  /** The positional arguments as the usage line shows them (`<scenario.yaml|json>`); '' for none. */
  arguments: string;
  flags: FlagSpecs;
  /** Paragraphs printed after the options in help. */
  notes?: readonly string[];
  /** Command lines a user types, printed under "Examples". */
  examples?: readonly string[];
  /** Runs with the arguments already checked against `flags`; returns the exit code. */
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export interface CommandGroup {
  summary: string;
  subcommands: Readonly<Record<string, Command>>;
}

export type CommandModule = Command | CommandGroup;

export function isGroup(command: CommandModule): command is CommandGroup {
  return 'subcommands' in command;
}
