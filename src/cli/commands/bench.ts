// `livemig bench …`: runs the benchmarks of bench/ (kernel, SimGrid's VM benchmark, livemig against SimGrid,
// start-up). They are TypeScript run through tsx, so they run from a clone of the repository, not an installed package.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../index.ts';
import { type FlagSpecs, type ParsedArgs, stringFlag, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';

const SCRIPTS: Record<string, string> = {
  kernel: 'kernel.ts',
  vm: 'vm-bench.ts',
  'vs-simgrid': 'vs-simgrid.ts',
  algorithms: 'algorithms.ts',
  startup: 'startup.ts',
  all: 'run-all.ts',
};

const FLAGS: FlagSpecs = {
  quick: { value: false, short: 'q', description: 'shorter runs (kernel, all)' },
  sizes: { value: true, valueName: 'HxVxM,…', description: 'vs-simgrid: the sizes to compare' },
  repeat: { value: true, valueName: 'N', description: 'vs-simgrid: keep the best of N runs of each size' },
  migrations: { value: true, valueName: 'N', description: 'algorithms: concurrent migrations per algorithm' },
  runs: { value: true, valueName: 'N', description: 'startup: runs of each command (the median is printed)' },
};

export const benchCommand: Command = {
  arguments: '<kernel | vm H V M [PREFIX] | vs-simgrid | algorithms | startup | all>',
  flags: FLAGS,
  notes: [
    '  kernel       calendar events/s, actor switches/s, solver times for 1k/10k/100k flows',
    "  vm H V M     SimGrid's VM-migration benchmark: H hosts, V VMs, M migrations; writes PREFIX-*.csv",
    '  vs-simgrid   the same sizes with livemig and SimGrid 3.32 (installs libsimgrid-dev if missing)',
    '  algorithms   wall cost per migration of each migration algorithm',
    '  startup      start-up of each command against a bare node -e 0',
    '  all          every benchmark',
    '',
    'The benchmarks run from a clone of the repository (git clone, npm ci), not from an installed package.',
  ],
  examples: ['npx livemig bench kernel --quick', 'npx livemig bench vm 10 20 5'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    const [which, ...rest] = args.positionals;
    const script = which === undefined ? undefined : SCRIPTS[which];
    if (script === undefined) {
      throw new InputError('Bad arguments for "livemig bench":', [
        usageIssue(
          which === undefined ? 'say which benchmark to run' : `unknown benchmark "${which}"`,
          `one of: ${Object.keys(SCRIPTS).join(', ')}`,
        ),
      ]);
    }
    const path = fileURLToPath(new URL(`../../../bench/${script}`, import.meta.url));
    const tsx = resolveTsx();
    if (!existsSync(path) || tsx === undefined) {
      throw new InputError('Cannot run "livemig bench":', [
        usageIssue(
          'the benchmarks ship with the repository, not with the installed package',
          'git clone the repository, run npm ci, then npm run bench',
        ),
      ]);
    }
    const forwarded = [...rest, ...(args.flags.has('quick') ? ['--quick'] : [])];
    for (const name of ['sizes', 'repeat', 'migrations', 'runs']) {
      const value = stringFlag(args, name);
      if (value !== undefined) forwarded.push(`--${name}`, value);
    }
    const result = spawnSync(process.execPath, ['--import', tsx, path, ...forwarded], {
      stdio: 'inherit',
      cwd: io.cwd,
    });
    return result.status ?? 1;
  },
};

/** tsx's loader, a development dependency: absent from an installed package. */
function resolveTsx(): string | undefined {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}
