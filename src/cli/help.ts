// Help texts made from the registry and the commands' flag declarations, so that help cannot drift from parsing.
import { type FlagSpecs, GLOBAL_FLAGS, valueName } from './args.ts';
import type { Command, CommandGroup } from './command.ts';
import type { CommandEntry } from './registry.ts';

export function mainHelp(entries: readonly CommandEntry[]): string {
  const width = Math.max(...entries.map((c) => c.name.length));
  return [
    'livemig — simulate (and drive) live migrations of virtual machines',
    '',
    'Usage: livemig <command> [options]',
    '',
    'Commands:',
    ...entries.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...flagLines(GLOBAL_FLAGS),
    '',
    'Run "livemig help <command>" (or "livemig <command> --help") for its options.',
    'Exit codes: 0 success, 1 simulation or real-migration error, 2 bad input.',
  ].join('\n');
}

export function commandHelp(path: string, command: Command, summary: string): string {
  const usage = [`livemig ${path}`, command.arguments, Object.keys(command.flags).length > 0 ? '[options]' : '']
    .filter((part) => part !== '')
    .join(' ');
  const lines = [`Usage: ${usage}`, '', summary];
  if (Object.keys(command.flags).length > 0) lines.push('', 'Options:', ...flagLines(command.flags));
  lines.push('', 'Global options:', ...flagLines(GLOBAL_FLAGS));
  if (command.notes !== undefined && command.notes.length > 0) lines.push('', ...command.notes);
  if (command.examples !== undefined && command.examples.length > 0) {
    lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  }
  return lines.join('\n');
}

export function groupHelp(name: string, group: CommandGroup): string {
  const names = Object.keys(group.subcommands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    `Usage: livemig ${name} <${names.join('|')}> [options]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...Object.entries(group.subcommands).map(([sub, command]) => `  ${sub.padEnd(width)}  ${command.summary ?? ''}`),
    '',
    `Run "livemig help ${name} <command>" for its options.`,
  ].join('\n');
}

function flagLines(flags: FlagSpecs): string[] {
  const heads = Object.entries(flags).map(([name, spec]) => {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    return `${short}--${name}${spec.value ? ` ${valueName(name, spec)}` : ''}`;
  });
  const width = Math.max(...heads.map((h) => h.length));
  return Object.values(flags).map((spec, i) => `  ${(heads[i] ?? '').padEnd(width)}  ${spec.description}`);
}
