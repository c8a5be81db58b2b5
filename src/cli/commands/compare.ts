// `livemig compare A B`: prints what differs between two runs' report folders (or two sweeps' folders) and writes
// an HTML page with both side by side.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareFolders, comparePage, InputError } from '../../index.ts';
import { type FlagSpec, parseArgs, usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';
import { table } from '../table.ts';

const FLAGS: Record<string, FlagSpec> = {
  out: { value: true, description: 'the HTML page (default ./compare.html)' },
};

export const compareCommand: Command = {
  name: 'compare',
  summary: 'what differs between two report folders or two sweep folders; writes a side-by-side HTML page',
  usage: [
    'Usage: livemig compare <A> <B> [--out compare.html]',
    '',
    '  A, B        two folders written by "livemig run" (report.json) or by "livemig sweep" (summary.csv)',
    '  --out FILE  the side-by-side HTML page (default ./compare.html)',
  ].join('\n'),
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, FLAGS, 'compare');
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
