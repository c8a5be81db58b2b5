// Start-up of the livemig command as users run it (the compiled dist/ through a symlink, as npm links bin/livemig.js
// into node_modules/.bin), for each command, against a bare `node -e 0`: the median of several runs, taken in turns
// so that the machine's load falls on every command alike. Also `--version` run from the sources through tsx, which
// is what every start cost before the package was compiled.
// Usage: npm run bench:startup [-- --runs N] [--quick]   (builds dist/ first; records in docs/performance.md)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collector, recordSection } from './record.ts';

const repo = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : quick ? 5 : 21;

interface Case {
  title: string;
  command: string;
  args: string[];
}

function cases(livemig: string, scratch: string): Case[] {
  const small = join(repo, 'examples/simgrid/platforms/small_platform.xml');
  const scenario = join(repo, 'examples/scenarios/simgrid-cloud-migration/scenario.yaml');
  const fromSources =
    "import { main } from './src/cli/main.ts'; import { processIo } from './src/cli/io.ts';" +
    " process.exitCode = await main(['--version'], processIo());";
  return [
    { title: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
    { title: 'livemig --version', command: livemig, args: ['--version'] },
    { title: 'livemig --help', command: livemig, args: ['--help'] },
    { title: 'livemig help run', command: livemig, args: ['help', 'run'] },
    { title: 'livemig schema', command: livemig, args: ['schema'] },
    { title: 'livemig platform small_platform.xml', command: livemig, args: ['platform', small] },
    { title: 'livemig validate (a scenario)', command: livemig, args: ['validate', scenario] },
    {
      title: 'livemig run (SimGrid cloud-migration)',
      command: livemig,
      args: ['run', scenario, '--quiet', '--out', join(scratch, 'run')],
    },
    {
      title: '--version from the sources via tsx',
      command: process.execPath,
      args: ['--import', 'tsx', '--input-type=module', '-e', fromSources],
    },
  ];
}

function timeOnce(c: Case): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(c.command, c.args, { cwd: repo, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${c.title} failed (${result.status}):\n${result.stderr}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function main(): void {
  console.log('Building dist/ (npm run build)…');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' });
  const scratch = mkdtempSync(join(tmpdir(), 'livemig-startup-'));
  try {
    mkdirSync(join(scratch, '.bin'));
    const livemig = join(scratch, '.bin', 'livemig');
    symlinkSync(join(repo, 'bin/livemig.js'), livemig); // as npm links it into node_modules/.bin
    const all = cases(livemig, scratch);
    for (const c of all) timeOnce(c); // warm the file cache
    const times = all.map(() => [] as number[]);
    for (let r = 0; r < runs; r++) {
      all.forEach((c, i) => {
        times[i]?.push(timeOnce(c));
      });
    }
    const medians = times.map(median);
    const bare = medians[0] ?? 1;
    const table = collector();
    table.print(`median of ${runs} runs each               wall (ms)   × node -e 0`);
    all.forEach((c, i) => {
      const ms = medians[i] ?? 0;
      table.print(`${c.title.padEnd(40)} ${ms.toFixed(0).padStart(8)}   ${(ms / bare).toFixed(2).padStart(6)}`);
    });
    if (!quick && runsAt < 0) recordSection('startup', 'npm run bench:startup', table.lines);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
