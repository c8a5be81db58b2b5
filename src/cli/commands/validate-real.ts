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
import { type FlagSpec, parseArgs, usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';

const FLAGS: Record<string, FlagSpec> = {
  quick: { value: false, description: 'three short cases (about 30 s) instead of the matrix (about 3 min)' },
  out: { value: true, description: 'where to write validation.json and validation.md (default ./out/validation)' },
};

export const validateRealCommand: Command = {
  name: 'validate-real',
  summary: 'run real QEMU migrations and the same cases in the simulator; print real vs predicted',
  usage: [
    'Usage: livemig validate-real [--quick] [--out DIR]',
    '',
    'Calibrates the machine with idle migrations, then runs each case once on real QEMU (the lab guest) and once',
    'in the simulator (QEMU pre-copy, the dirty rate the guest achieved), and prints a Markdown table: real vs',
    'predicted total time, downtime, bytes and iterations, their relative errors and the median error of the',
    'total time. Needs QEMU (bash lab/install-deps.sh). The matrix: dirty rates 0, 8 and 24 MiB/s × max-bandwidth',
    '32 and 128 MiB/s × downtime-limit 30 and 300 ms, and 50 MiB/s against 32 MiB/s without and with auto-converge',
    'and with post-copy.',
    '',
    '  --quick      three short cases at 128 MiB/s',
    '  --out DIR    where to write validation.json and validation.md (default ./out/validation)',
  ].join('\n'),
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, FLAGS, 'validate-real');
    if (args.positionals.length > 0) {
      throw new InputError('Bad arguments for "livemig validate-real":', [
        usageIssue(`unexpected "${args.positionals[0]}"`, 'livemig validate-real --quick'),
      ]);
    }
    const quick = args.flags.has('quick');
    const outFlag = args.flags.get('out');
    const outDir = resolve(io.cwd, typeof outFlag === 'string' ? outFlag : 'out/validation');
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
