// Every command of the CLI, one line each: its name, the line `livemig help` shows, and how to load it. A command's
// module is imported only when it runs, so `livemig --help` and `--version` load none of the library.
import type { CommandModule } from './command.ts';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    summary: 'run a scenario file and write report.json, CSVs, a Paje trace and report.html',
    load: async () => (await import('./commands/run.ts')).runCommand,
  },
  {
    name: 'validate',
    summary: 'check a scenario or platform file; list every problem with file:line:col',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
  {
    name: 'platform',
    summary: 'show the hosts, links and routes of a SimGrid platform file',
    load: async () => (await import('./commands/platform.ts')).platformCommand,
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of scenario files',
    load: async () => (await import('./commands/schema.ts')).schemaCommand,
  },
  {
    name: 'bench',
    summary: 'run the benchmarks (kernel, vm H V M [PREFIX], vs-simgrid, algorithms, startup, all)',
    load: async () => (await import('./commands/bench.ts')).benchCommand,
  },
  {
    name: 'lab',
    summary: 'real QEMU: build the lab guest (lab build), run one real live migration (lab migrate)',
    load: async () => (await import('./commands/lab.ts')).labCommand,
  },
  {
    name: 'validate-real',
    summary: 'run real QEMU migrations and the same cases in the simulator; print real vs predicted',
    load: async () => (await import('./commands/validate-real.ts')).validateRealCommand,
  },
  {
    name: 'sweep',
    summary: 'run a scenario over a grid of values × seeds (resumable; threads or a Redis queue)',
    load: async () => (await import('./commands/sweep.ts')).sweepCommand,
  },
  {
    name: 'worker',
    summary: 'take sweep runs from a Redis queue (livemig sweep --queue) and compute them',
    load: async () => (await import('./commands/worker.ts')).workerCommand,
  },
  {
    name: 'compare',
    summary: 'what differs between two report folders or two sweep folders; writes a side-by-side HTML page',
    load: async () => (await import('./commands/compare.ts')).compareCommand,
  },
  {
    name: 'workload',
    summary: 'generate utilization traces (PlanetLab format) for consolidation scenarios (workload generate)',
    load: async () => (await import('./commands/workload.ts')).workloadCommand,
  },
];
