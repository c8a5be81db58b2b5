// `livemig bench …`: runs the benchmarks of bench/ (kernel, SimGrid's VM benchmark, livemig against SimGrid).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../index.ts';
import { usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';

const SCRIPTS: Record<string, string> = {
  kernel: 'kernel.ts',
  vm: 'vm-bench.ts',
  'vs-simgrid': 'vs-simgrid.ts',
  all: 'run-all.ts',
};

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run the benchmarks (kernel, vm H V M [PREFIX], vs-simgrid, all)',
  usage: [
    'Usage: livemig bench <kernel | vm H V M [PREFIX] | vs-simgrid [--sizes HxVxM,...] | all> [--quick]',
    '',
    '  kernel       calendar events/s, actor switches/s, solver times for 1k/10k/100k flows',
    "  vm H V M     SimGrid's VM-migration benchmark: H hosts, V VMs, M migrations; writes PREFIX-*.csv",
    '  vs-simgrid   the same sizes with livemig and SimGrid 3.32 (installs libsimgrid-dev if missing)',
    '  all          every benchmark',
  ].join('\n'),
  async run(argv: readonly string[], io: Io): Promise<number> {
    const [which, ...rest] = argv;
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
    const result = spawnSync(process.execPath, ['--import', 'tsx', path, ...rest], { stdio: 'inherit', cwd: io.cwd });
    return result.status ?? 1;
  },
};
