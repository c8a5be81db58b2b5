// livemig against SimGrid 3.32 on SimGrid's own VM-migration benchmark (../shared/reference/simgrid/bench):
// builds vm-bench.cpp (installing libsimgrid-dev if missing), runs both on the same sizes in alternation, as whole
// processes, and prints per size whether the CSVs agree (to 1e-6 s) and the ratios of wall time and peak memory.
// Usage: npm run bench:vs-simgrid [-- --sizes 10x20x5,100x500x100,...] [--repeat N] [--big]
// Then the targets of the performance issue, each with SimGrid's figure beside livemig's (bench/targets.ts); the
// (100000, 500000, 100000) run is part of them with the default sizes or --big. With the default sizes, both tables
// are recorded in docs/performance.md. livemig runs compiled, as users run it:
// vm-bench.ts transpiled to JavaScript against dist/ (built first), so that no TypeScript is compiled at start-up.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { collector, recordSection } from './record.ts';
import { targetTable } from './targets.ts';

const repo = resolve(import.meta.dirname, '..');
export const out = resolve(repo, 'bench/out/vs-simgrid');
const source = resolve(repo, '../shared/reference/simgrid/bench/vm-bench.cpp');
const binary = resolve(out, 'vm-bench');

const DEFAULT_SIZES = '10x20x5,100x500x100,1000x5000x1000,3000x15000x3000,10000x50000x10000,20000x100000x20000';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

function ensureSimGrid(): void {
  const has = spawnSync('pkg-config', ['--exists', 'simgrid']).status === 0;
  if (!has) {
    console.log('Installing libsimgrid-dev (SimGrid 3.32) with apt-get…');
    execFileSync('apt-get', ['install', '-y', 'libsimgrid-dev', 'pkg-config', 'g++', 'time'], { stdio: 'inherit' });
  }
  if (!existsSync(source)) throw new Error(`SimGrid's benchmark source is missing: ${source}`);
  const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'simgrid'], { encoding: 'utf8' }).trim().split(/\s+/);
  execFileSync('g++', ['-O2', '-std=c++17', '-o', binary, source, ...flags], { stdio: 'inherit' });
}

export interface Measure {
  wallSec: number;
  rssKiB: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time, returning wall time and peak resident memory of the whole process. */
export function measure(command: string, args: string[], cwd: string): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}\n${result.stderr}`);
  const match = /TIME ([\d.]+) (\d+)/.exec(result.stderr);
  if (match === null) throw new Error(`no timing in: ${result.stderr}`);
  return { wallSec: Number(match[1]), rssKiB: Number(match[2]), stdout: result.stdout };
}

/** bench/vm-bench.ts as JavaScript that imports the compiled library (dist/, rebuilt here). */
function compiledVmBench(): string {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' });
  const source = readFileSync(resolve(repo, 'bench/vm-bench.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dist = pathToFileURL(resolve(repo, 'dist/index.js')).href;
  if (!outputText.includes("'../src/index.ts'")) throw new Error('bench/vm-bench.ts no longer imports ../src/index.ts');
  const path = resolve(out, 'vm-bench.mjs');
  writeFileSync(path, outputText.replace("'../src/index.ts'", `'${dist}'`));
  return path;
}

function csvAgree(a: string, b: string): boolean {
  const left = readFileSync(a, 'utf8').trim().split('\n');
  const right = readFileSync(b, 'utf8').trim().split('\n');
  if (left.length !== right.length) return false;
  return left.every((line, i) => {
    const x = line.split(',');
    const y = (right[i] as string).split(',');
    return x.length === y.length && x.every((v, j) => v === y[j] || Math.abs(Number(v) - Number(y[j])) <= 1e-6);
  });
}

export type Size = [hosts: number, vms: number, migrations: number];
export interface SizeRun {
  size: Size;
  agree: boolean;
  sg: Measure;
  lm: Measure;
}

/** Runs SimGrid's and livemig's vm-bench on one size (best of `repeat` by their sum) and compares the CSVs. */
function runSize(vmBench: string, size: Size, repeat: number): SizeRun {
  const args = size.map(String);
  const tag = size.join('-');
  let best: { sg: Measure; lm: Measure } | undefined;
  for (let r = 0; r < repeat; r++) {
    const sg = measure(binary, [...args, `sg-${tag}`, '--cfg=contexts/guard-size:0'], out);
    const lm = measure(process.execPath, [vmBench, ...args, `lm-${tag}`], out);
    if (best === undefined || sg.wallSec + lm.wallSec < best.sg.wallSec + best.lm.wallSec) best = { sg, lm };
  }
  const { sg, lm } = best as { sg: Measure; lm: Measure };
  const agree =
    csvAgree(resolve(out, `sg-${tag}-migrations.csv`), resolve(out, `lm-${tag}-migrations.csv`)) &&
    csvAgree(resolve(out, `sg-${tag}-vms.csv`), resolve(out, `lm-${tag}-vms.csv`));
  return { size, agree, sg, lm };
}

const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;

function sizeRow({ size, agree, sg, lm }: SizeRun): string {
  return (
    `${size.join(', ').padEnd(22)}  ${(agree ? 'yes' : 'NO').padEnd(5)}  ${sg.wallSec.toFixed(2).padStart(10)} s  ` +
    `${lm.wallSec.toFixed(2).padStart(10)} s  ${(lm.wallSec / sg.wallSec).toFixed(2).padStart(5)}  ` +
    `${mb(sg.rssKiB).padStart(11)}  ${mb(lm.rssKiB).padStart(12)}  ${(lm.rssKiB / sg.rssKiB).toFixed(2).padStart(5)}`
  );
}

async function main(): Promise<void> {
  const table = collector();
  mkdirSync(out, { recursive: true });
  ensureSimGrid();
  const vmBench = compiledVmBench();
  const repeat = Number(option('--repeat', '1'));
  const full = !process.argv.includes('--sizes');
  const sizes = option('--sizes', DEFAULT_SIZES)
    .split(',')
    .map((s) => s.split('x').map(Number) as Size);
  table.print('size (H,V,M)            agree   wall SimGrid  wall livemig  ratio   RSS SimGrid   RSS livemig  ratio');
  const runs: SizeRun[] = [];
  for (const size of sizes) {
    const run = runSize(vmBench, size, repeat);
    runs.push(run);
    table.print(sizeRow(run));
  }
  table.print('');
  for (const line of await targetTable(runs, { vmBench, big: full || process.argv.includes('--big'), measure, out }))
    table.print(line);
  if (full) recordSection('vs-simgrid', 'npm run bench:vs-simgrid', table.lines);
}

await main();
