// `livemig sweep` the way a user runs it: bad sweeps refused whole with file:line:col, identical runs.csv from one
// thread and two worker threads, each row what `livemig run` gives, the summary by hand, and resuming after SIGKILL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../io.ts';
import { main } from '../main.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(repo, 'test/fixtures/sweeps');
const sweepFile = join(fixtures, 'sweep.yaml');
const scratchDirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-sweep-'));
  scratchDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const io = memoryIo(repo);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const csvRows = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split(','));

let reference: string | undefined;
async function referenceRuns(): Promise<string> {
  if (reference !== undefined) return reference;
  const out = scratch();
  const { code, err } = await cli(['sweep', sweepFile, '--out', out, '--workers', '1', '--quiet']);
  assert.equal(code, 0, err);
  reference = readFileSync(join(out, 'runs.csv'), 'utf8');
  return reference;
}

test('a sweep with a bad path, a bad value or an empty grid is refused before any run, at file:line:col', async () => {
  const dir = scratch();
  const sweep = (name: string, grid: string) => {
    const path = join(dir, name);
    writeFileSync(path, `version: 1\nscenario: ${join(fixtures, 'base.yaml')}\nseeds: 2\ngrid:\n${grid}`);
    return path;
  };
  const cases: [string, RegExp][] = [
    [
      sweep('path.yaml', '  vms.VM9.ram: [1GiB]\n'),
      /path\.yaml:5:3: Grid path "vms\.VM9\.ram".*no item "VM9" \(items: VM0\)/,
    ],
    [sweep('key.yaml', '  vms.VM0.colour: [red]\n'), /key\.yaml:5:3: Unknown key "colour"/],
    [sweep('type.yaml', '  vms.VM0.cores: [2, two]\n'), /type\.yaml:5:22: "vms\[0\]\.cores" must be a whole number/],
    [
      sweep('empty.yaml', '  vms.VM0.cores: []\n'),
      /empty\.yaml:5:18: Grid key "vms\.VM0\.cores" needs a non-empty list/,
    ],
  ];
  for (const [file, message] of cases) {
    const out = join(dir, 'out');
    const { code, err } = await cli(['sweep', file, '--out', out]);
    assert.equal(code, 2, err);
    assert.match(err, message);
    assert.equal(existsSync(out), false, 'nothing is written');
  }
});

test('one thread and two worker threads give byte-identical runs.csv and summary.csv', async () => {
  const out = scratch();
  const { code, err, out: printed } = await cli(['sweep', sweepFile, '--out', out, '--workers', '2', '--quiet']);
  assert.equal(code, 0, err);
  assert.match(printed, /Sweep of 12 runs \(4 combination\(s\) × 3 seed\(s\)\): ran 12, 0 already done, 0 failed/);
  assert.equal(readFileSync(join(out, 'runs.csv'), 'utf8'), await referenceRuns());
  const again = scratch();
  assert.equal((await cli(['sweep', sweepFile, '--out', again, '--workers', '1', '--quiet'])).code, 0);
  assert.equal(readFileSync(join(out, 'summary.csv'), 'utf8'), readFileSync(join(again, 'summary.csv'), 'utf8'));
  assert.match(readFileSync(join(out, 'summary.html'), 'utf8'), /<script type="application\/json" id="sweep-data">/);
});

test('each row of runs.csv is what livemig run gives for that combination and seed', async () => {
  const [header, ...rows] = csvRows(await referenceRuns());
  assert.deepEqual(header, [
    'run',
    'seed',
    'vms.VM0.dirty.rate',
    'actors.migrator.steps.1.migrate.algorithm',
    'vm',
    'algorithm',
    'outcome',
    'duration_sec',
    'downtime_sec',
    'bytes_sent',
    'rounds',
    'error',
  ]);
  const row = rows.find((r) => r[2] === '40MiB/s' && r[3] === 'postcopy' && r[1] === '2');
  assert.ok(row !== undefined);
  const base = readFileSync(join(fixtures, 'base.yaml'), 'utf8');
  const scenario = `seed: 2\n${base}`
    .replace('rate: 10MiB/s', 'rate: 40MiB/s')
    .replace('algorithm: precopy', 'algorithm: postcopy');
  const file = join(fixtures, 'combination.tmp.yaml');
  writeFileSync(file, scenario);
  const out = scratch();
  try {
    assert.equal((await cli(['run', file, '--out', out, '--quiet'])).code, 0);
  } finally {
    rmSync(file);
  }
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const m = report.migrations[0];
  assert.deepEqual(row.slice(4, 11), [
    m.vm,
    m.algorithm,
    m.outcome,
    String(m.durationSec),
    String(m.downtimeSec),
    String(m.bytesSent),
    String(m.rounds.length),
  ]);
  assert.ok(report.draws.some((d: { path: string }) => d.path === 'vms.VM0.ram'));
});

test('summary.csv holds the statistics of runs.csv computed by hand', async () => {
  const out = scratch();
  assert.equal((await cli(['sweep', sweepFile, '--out', out, '--workers', '1', '--quiet'])).code, 0);
  const runs = csvRows(readFileSync(join(out, 'runs.csv'), 'utf8')).slice(1);
  const durations = runs.filter((r) => r[2] === '10MiB/s' && r[3] === 'precopy').map((r) => Number(r[7]));
  assert.equal(durations.length, 3);
  const mean = (durations[0]! + durations[1]! + durations[2]!) / 3;
  const sd = Math.sqrt(durations.reduce((s, d) => s + (d - mean) ** 2, 0) / 2);
  const half = (4.302652729911275 * sd) / Math.sqrt(3); // t(0.975, 2 degrees of freedom)
  const sorted = [...durations].sort((a, b) => a - b);
  const summary = csvRows(readFileSync(join(out, 'summary.csv'), 'utf8'));
  assert.deepEqual(summary[0], [
    'vms.VM0.dirty.rate',
    'actors.migrator.steps.1.migrate.algorithm',
    'metric',
    'n',
    'mean',
    'sd',
    'ci95_low',
    'ci95_high',
    'min',
    'median',
    'max',
  ]);
  const line = summary.find((r) => r[0] === '10MiB/s' && r[1] === 'precopy' && r[2] === 'durationSec');
  assert.ok(line !== undefined);
  const figures = line.slice(3).map(Number);
  const expected = [3, mean, sd, mean - half, mean + half, sorted[0]!, sorted[1]!, sorted[2]!];
  figures.forEach((value, i) => {
    assert.ok(Math.abs(value - (expected[i] ?? Number.NaN)) < 1e-9, `column ${i}: ${value}`);
  });
  assert.equal(summary.length, 1 + 4 * 3, 'one line per combination and default metric');
});

test('a sweep killed with SIGKILL half-way and run again ends with every run exactly once', async () => {
  const out = scratch();
  const journal = join(out, 'journal.jsonl');
  const bin = join(repo, 'bin/livemig.js');
  const child = spawn(process.execPath, [bin, 'sweep', sweepFile, '--out', out, '--workers', '1', '--quiet'], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = () => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean).length : 0);
  while (lines() < 3 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10));
  child.kill('SIGKILL');
  await exited;
  const before = lines();
  assert.ok(before >= 3 && before < 12, `killed half-way (${before} of 12 runs done)`);
  const { code, out: printed } = await cli(['sweep', sweepFile, '--out', out, '--workers', '1', '--quiet']);
  assert.equal(code, 0);
  assert.match(printed, new RegExp(`ran ${12 - before}, ${before} already done`));
  const runs = readFileSync(journal, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).run as string);
  assert.equal(runs.length, 12);
  assert.equal(new Set(runs).size, 12, 'each run recorded once');
  assert.equal(readFileSync(join(out, 'runs.csv'), 'utf8'), await referenceRuns());
});
