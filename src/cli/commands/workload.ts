// `livemig workload generate`: writes synthetic utilization traces (PlanetLab format, one file per VM) with a
// diurnal swing, AR(1) noise and bursts (docs/consolidation.md, "Workloads"), or fitted with --like to real traces.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DEFAULT_WORKLOAD_MODEL,
  fitWorkloadModel,
  formatG,
  generateTraces,
  InputError,
  type Issue,
  isLivemigError,
  parseUtilizationTrace,
  planetLabText,
  Random,
  type WorkloadModel,
} from '../../index.ts';
import { type FlagSpec, type FlagSpecs, numberFlag, type ParsedArgs, usageIssue } from '../args.ts';
import type { Command, CommandGroup } from '../command.ts';
import type { Io } from '../io.ts';

const MODEL_FLAGS: Record<keyof WorkloadModel, string> = {
  mean: 'mean utilization over VMs, 0..1',
  spread: "relative half-width of the VMs' means, 0..1",
  diurnalAmplitude: 'relative day/night swing',
  peakHour: 'hour of the daily peak, 0..24',
  noise: 'standard deviation of the noise, 0..1',
  autocorrelation: 'lag-1 autocorrelation of the noise, 0..1',
  burstProbability: 'chance per interval that a burst starts',
  burstHeight: 'utilization a burst adds, 0..1',
  burstMaxSteps: 'longest burst, in intervals',
};

const FLAGS: FlagSpecs = {
  vms: { value: true, short: 'n', valueName: 'N', description: 'number of VMs (traces)' },
  days: { value: true, short: 'd', valueName: 'D', description: 'simulated days (default 1)' },
  seed: { value: true, short: 's', valueName: 'S', description: 'seed of the random numbers (default 0)' },
  interval: { value: true, valueName: 'SEC', description: 'seconds between lines (default 300)' },
  out: { value: true, short: 'o', valueName: 'DIR', description: 'output folder' },
  like: { value: true, valueName: 'DIR', description: 'folder of real traces to fit the model to' },
  ...Object.fromEntries(
    Object.entries(MODEL_FLAGS).map(([k, d]): [string, FlagSpec] => [
      k,
      { value: true, valueName: 'X', description: d },
    ]),
  ),
};

const generateCommand: Command = {
  summary: 'write synthetic utilization traces (PlanetLab format), or traces fitted to yours with --like',
  arguments: '',
  flags: FLAGS,
  notes: [
    'Writes DIR/vm-1.txt … vm-N.txt (one integer percentage per line, 288 lines a day at 300 s) and DIR/model.json',
    '(the parameters used). --like fits mean, spread, day profile, noise and autocorrelation to the traces of a',
    'folder (PlanetLab files); flags given as well override the fit. See docs/consolidation.md.',
  ],
  examples: [
    'npx livemig workload generate --vms 100 --days 1 --seed 1 --out traces',
    'npx livemig workload generate --vms 100 --like my-traces --out traces',
  ],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    if (args.positionals.length > 0) {
      throw new InputError('Bad arguments for "livemig workload generate":', [
        usageIssue(`unexpected "${args.positionals[0]}"`, 'livemig workload generate --vms 100 --out traces'),
      ]);
    }
    const vms = numberFlag(args, 'vms');
    const out = args.flags.get('out');
    const issues: Issue[] = [];
    if (vms === undefined || !Number.isInteger(vms) || vms < 1)
      issues.push(usageIssue('--vms needs a whole number ≥ 1', 'e.g. --vms 100'));
    if (typeof out !== 'string') issues.push(usageIssue('--out needs a folder', 'e.g. --out traces'));
    const days = numberFlag(args, 'days') ?? 1;
    const interval = numberFlag(args, 'interval') ?? 300;
    const seed = numberFlag(args, 'seed') ?? 0;
    if (!(interval > 0)) issues.push(usageIssue('--interval must be > 0 seconds', 'e.g. --interval 300'));
    if (!Number.isInteger(seed) || seed > 4294967295)
      issues.push(usageIssue('--seed must be a whole number below 2^32', 'e.g. --seed 1'));
    if (issues.length > 0) throw new InputError('Bad arguments for "livemig workload":', issues);
    const like = args.flags.get('like');
    const base =
      typeof like === 'string'
        ? fitWorkloadModel(readTraces(resolve(io.cwd, like), interval), interval)
        : DEFAULT_WORKLOAD_MODEL;
    const model = withOverrides(base, args);
    const steps = Math.max(1, Math.round((days * 86400) / interval));
    const traces = generateTraces(model, vms as number, steps, interval, new Random(seed));
    const dir = resolve(io.cwd, out as string);
    const files = traces.map((values, i) => ({ name: `vm-${i + 1}.txt`, text: planetLabText(values) }));
    files.push({
      name: 'model.json',
      text: `${JSON.stringify({ seed, days, intervalSec: interval, vms, ...model }, null, 2)}\n`,
    });
    mkdirSync(dir, { recursive: true });
    for (const file of files) writeAtomically(join(dir, file.name), file.text);
    io.out(`Wrote ${traces.length} traces of ${steps} lines (${formatG(interval)} s apart) to ${dir}`);
    io.out(
      `model: mean ${formatG(model.mean)}, spread ${formatG(model.spread)}, diurnal ${formatG(model.diurnalAmplitude)} peaking at ${formatG(model.peakHour)} h, noise ${formatG(model.noise)}, autocorrelation ${formatG(model.autocorrelation)}, bursts ${formatG(model.burstProbability)}`,
    );
    return 0;
  },
};

export const workloadCommand: CommandGroup = {
  summary: 'Utilization traces for consolidation scenarios (workload generate).',
  subcommands: { generate: generateCommand },
};

function withOverrides(base: WorkloadModel, args: ParsedArgs): WorkloadModel {
  const model = { ...base };
  for (const key of Object.keys(MODEL_FLAGS) as (keyof WorkloadModel)[]) {
    const value = numberFlag(args, key);
    if (value !== undefined) model[key] = value;
  }
  return model;
}

/** Every trace of a folder (its .txt/.csv files, or every file), as utilizations 0..1. */
function readTraces(dir: string, interval: number): number[][] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => !n.startsWith('.') && n !== 'model.json')
      .sort();
  } catch (error) {
    throw new InputError('Bad arguments for "livemig workload":', [
      usageIssue(`cannot read the folder ${dir}: ${(error as Error).message}`, 'give --like a folder of trace files'),
    ]);
  }
  const traces: number[][] = [];
  const issues: Issue[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const trace = parseUtilizationTrace(readFileSync(path, 'utf8'), interval, path);
      traces.push(trace.values);
    } catch (error) {
      if (!isLivemigError(error)) throw error;
      issues.push({
        code: 'bad-trace',
        path: name,
        message: error.message,
        hint: 'Keep only trace files in the folder.',
      });
    }
  }
  if (traces.length === 0 && issues.length === 0)
    issues.push(usageIssue(`no trace in ${dir}`, 'give --like a folder of PlanetLab trace files'));
  if (issues.length > 0) throw new InputError(`Cannot fit the traces of ${dir}:`, issues);
  return traces;
}

function writeAtomically(path: string, text: string): void {
  const partial = `${path}.partial`;
  try {
    writeFileSync(partial, text);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
