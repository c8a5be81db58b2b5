// `livemig validate-real [--quick] [--out DIR]`: real QEMU migrations against the simulator's predictions. Progress
// goes to stderr, the Markdown table (the section docs/validation.md holds) to stdout, JSON and Markdown to --out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  InputError,
  readableSeconds,
  type ValidationProgress,
  validateReal,
  validationJson,
  validationMarkdown,
} from '../../index.ts';
import { type FlagSpecs, type ParsedArgs, stringFlag, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';

const FLAGS: FlagSpecs = {
  quick: {
    value: false,
    short: 'q',
    description: 'three short cases at 128 MiB/s, once each (about 40 s), instead of the matrix (about 15 min)',
  },
  out: {
    value: true,
    short: 'o',
    valueName: 'DIR',
    description: 'where to write validation.json and validation.md (default ./out/validation)',
  },
};

export const validateRealCommand: Command = {
  arguments: '',
  flags: FLAGS,
  notes: [
    'Calibrates the machine with migrations that are none of the cases, then runs each case three times on real',
    'QEMU (the lab guest) and once in the simulator, with the public algorithm the request describes (precopy, or',
    'hybrid for post-copy) and its options, and prints a Markdown table: real (median and range) vs predicted',
    'total time, downtime, bytes and iterations, their relative errors and the median errors over these held-out',
    'cases. Needs QEMU (bash lab/install-deps.sh). The matrix: dirty rates 0, 8 and 24 MiB/s × max-bandwidth',
    '32 and 128 MiB/s × downtime-limit 30 and 300 ms, an uncapped writer, a 512 MiB guest idle and busy, and',
    '50 MiB/s against 32 MiB/s without and with auto-converge, with post-copy after 2 s and after the first pass.',
  ],
  examples: ['npx livemig validate-real --quick'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    if (args.positionals.length > 0) {
      throw new InputError('Bad arguments for "livemig validate-real":', [
        usageIssue(`unexpected "${args.positionals[0]}"`, 'livemig validate-real --quick'),
      ]);
    }
    const quick = args.flags.has('quick');
    const outDir = resolve(io.cwd, stringFlag(args, 'out') ?? 'out/validation');
    const report = await validateReal({ quick, onProgress: (progress) => io.err(progressLine(progress)) });
    const markdown = validationMarkdown(report);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'validation.json'), validationJson(report));
    writeFileSync(join(outDir, 'validation.md'), markdown);
    io.out(markdown);
    io.err(`Wrote validation.json and validation.md to ${outDir}.`);
    return 0;
  },
};

function progressLine(progress: ValidationProgress): string {
  if (progress.kind === 'calibration') {
    const { run } = progress;
    const cap = run.capBytesPerSec === 0 ? 'no cap' : `${run.capBytesPerSec / 2 ** 20} MiB/s`;
    const pages = run.result.guest.dirtyRatePagesPerSec;
    const guest = pages === 0 ? 'idle guest' : `a ${pages / 256} MiB/s writer`;
    return `calibration ${progress.done}/${progress.total}: ${guest}, ${cap}: ${readableSeconds(run.result.durationSec ?? 0)}`;
  }
  const c = progress.comparison;
  const error = c.errors.totalSec === undefined ? '' : ` (${(c.errors.totalSec * 100).toFixed(1)} %)`;
  const time = (sec: number | undefined) => (sec === undefined ? '-' : readableSeconds(sec));
  return (
    `case ${progress.done}/${progress.total} ${c.name}: real ${c.real.outcome} ${time(c.real.totalSec)}, ` +
    `simulated ${c.predicted.outcome} ${time(c.predicted.totalSec)}${error}`
  );
}
