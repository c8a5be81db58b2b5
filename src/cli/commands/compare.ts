// `livemig compare A B`: prints what differs between two runs' report folders (or two sweeps' folders) and writes
// an HTML page with both side by side.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareFolders, comparePage, InputError } from '../../index.ts';
import { type FlagSpecs, type ParsedArgs, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';
import { table } from '../table.ts';

const FLAGS: FlagSpecs = {
  out: {
    value: true,
    short: 'o',
    valueName: 'FILE',
    description: 'the side-by-side HTML page (default ./compare.html)',
  },
};

export const compareCommand: Command = {
  arguments: '<A> <B>',
  flags: FLAGS,
  notes: ['A and B: two folders written by "livemig run" (report.json) or by "livemig sweep" (summary.csv).'],
  examples: ['npx livemig compare out/before out/after'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    const [a, b, ...extra] = args.positionals;
    if (a === undefined || b === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig compare":', [
        usageIssue('give two folders', 'livemig compare out/before out/after'),
      ]);
    }
    const comparison = compareFolders(resolve(io.cwd, a), resolve(io.cwd, b));
    const differing = comparison.rows.filter((r) => r.differs);
    if (differing.length === 0) io.out(`No difference in ${comparison.rows.length} figures.`);
    else {
      const rows = differing.map((r) => [
        r.item,
        r.figure,
        r.a,
        r.b,
        r.change === undefined ? '' : `${r.change > 0 ? '+' : ''}${(r.change * 100).toFixed(2)} %`,
      ]);
      io.out(`${differing.length} of ${comparison.rows.length} figures differ:\n`);
      io.out(table(['item', 'figure', 'A', 'B', 'change'], rows));
    }
    const out = args.flags.get('out');
    const page = resolve(io.cwd, typeof out === 'string' ? out : 'compare.html');
    writeFileSync(page, comparePage(comparison));
    io.out(`\nWrote ${page}`);
    return 0;
  },
};
