// `livemig workload generate` and a consolidation scenario, run the way a user runs them (through the CLI).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { memoryIo } from '../io.ts';
import { main } from '../main.ts';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-workload-'));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], cwd: string) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map(Number);

test('workload generate writes one PlanetLab trace per VM, 288 lines a day, the same for the same seed', async () => {
  const dir = scratch();
  const first = await cli(['workload', 'generate', '--vms', '3', '--days', '2', '--seed', '9', '--out', 'a'], dir);
  assert.equal(first.code, 0, first.err);
  assert.deepEqual(readdirSync(join(dir, 'a')).sort(), ['model.json', 'vm-1.txt', 'vm-2.txt', 'vm-3.txt']);
  const trace = lines(join(dir, 'a', 'vm-1.txt'));
  assert.equal(trace.length, 576);
  assert.ok(trace.every((u) => Number.isInteger(u) && u >= 0 && u <= 100));
  await cli(['workload', 'generate', '--vms', '3', '--days', '2', '--seed', '9', '--out', 'b'], dir);
  await cli(['workload', 'generate', '--vms', '3', '--days', '2', '--seed', '10', '--out', 'c'], dir);
  const text = (sub: string) => readFileSync(join(dir, sub, 'vm-2.txt'), 'utf8');
  assert.equal(text('a'), text('b'));
  assert.notEqual(text('a'), text('c'));
});

test('workload generate --like fits mean and autocorrelation to the traces of a folder', async () => {
  const dir = scratch();
  // Real-looking traces: a slow sine around 60 % (mean 0.6, lag-1 autocorrelation close to 1).
  const real = join(dir, 'real');
  const sine = (phase: number) =>
    Array.from({ length: 288 }, (_, k) => Math.round(60 + 20 * Math.sin(k / 10 + phase))).join('\n');
  mkdirSync(real);
  for (let i = 0; i < 4; i++) writeFileSync(join(real, `vm-${i}.txt`), sine(i));
  const fitted = await cli(
    ['workload', 'generate', '--vms', '20', '--like', 'real', '--seed', '1', '--out', 'fit'],
    dir,
  );
  assert.equal(fitted.code, 0, fitted.err);
  const model = JSON.parse(readFileSync(join(dir, 'fit', 'model.json'), 'utf8'));
  assert.ok(Math.abs(model.mean - 0.6) < 0.01, `fitted mean ${model.mean}`);
  assert.ok(model.autocorrelation > 0.9, `fitted autocorrelation ${model.autocorrelation}`);
  const all = readdirSync(join(dir, 'fit'))
    .filter((n) => n.endsWith('.txt'))
    .flatMap((n) => lines(join(dir, 'fit', n)));
  const mean = all.reduce((s, v) => s + v, 0) / all.length / 100;
  assert.ok(Math.abs(mean - 0.6) < 0.08, `generated mean ${mean}`);
});

test('workload generate without --vms or --out is a usage error (exit 2), and writes nothing', async () => {
  const dir = scratch();
  const bad = await cli(['workload', 'generate', '--days', '1'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--vms needs a whole number/);
  assert.match(bad.err, /--out needs a folder/);
  assert.deepEqual(readdirSync(dir), []);
});

const SCENARIO = (consolidation: string) => `version: 1
seed: 4
platform:
  clusters: [{ id: c, prefix: h-, radical: 0-2, speed: 1Gf, core: 2, bw: 1Gbps, lat: 50us }]
hosts:
  - { name: h-0, ram: 4GiB, power: hp-proliant-ml110-g4 }
  - { name: h-1, ram: 4GiB, power: { idle: 86, max: 117 } }
  - { name: h-2, ram: 4GiB, power: { curve: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117] } }
vms:
  - { name: a, host: h-0, ram: 1GiB, workload: { utilization: [90, 95, 90, 90] }, dirty: { model: utilization, ratePerCore: 80MiB/s } }
  - { name: b, host: h-0, ram: 2GiB, workload: { trace: b.txt } }
  - { name: c, host: h-1, ram: 1GiB, workload: { utilization: [10, 10, 10, 10] } }
consolidation: ${consolidation}
`;

test('a consolidation scenario run through the CLI moves the VM THR 0.8 flags and reports measured PDM', async () => {
  const dir = scratch();
  writeFileSync(join(dir, 'b.txt'), '90\n90\n90\n90\n');
  const block = '{ overload: { policy: thr, threshold: 0.8 }, selection: mmt, migrate: { algorithm: precopy } }';
  writeFileSync(join(dir, 'scenario.yaml'), SCENARIO(block));
  const run = await cli(['run', 'scenario.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /Consolidation thr-mmt: [\d.]+ (J|kJ|MJ), SLATAH/);
  const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
  const c = report.consolidation;
  // h-0 asks 0.9 + 0.9 of 2 Gf = 90 % > 80 %: MMT moves a (1 GiB, less than b's 2 GiB); h-2, empty, is switched off.
  assert.equal(c.migrations, 1);
  assert.equal(report.migrations[0].vm, 'a');
  assert.equal(c.hostsSwitchedOff, 1);
  assert.equal(c.intervals.length, 4);
  assert.equal(c.intervals[0].overloadedHosts, 1);
  // a lost its CPU while paused: 0.9 Gf × downtime, out of 0.9 Gf × 300 s × 4 … asked; PDM is that over 3 VMs.
  const migration = report.migrations[0];
  const lost = 0.9e9 * migration.downtimeSec;
  const asked = 0.9e9 * 300 + 0.95e9 * 300 + 0.9e9 * 600;
  assert.ok(Math.abs(c.pdm - lost / asked / 3) < 1e-3 * c.pdm, `pdm ${c.pdm} vs ${lost / asked / 3}`);
  assert.equal(c.slav, c.slatah * c.pdm);
  const csv = readFileSync(join(dir, 'out', 'consolidation.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(csv.length, 5);
  assert.match(csv[0] as string, /^start,end,activeHosts,overloadedHosts/);
  const page = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
  assert.match(page, /found overloaded at each interval/);
});

test('the baseline consolidation: none runs the same traces without a migration, all hosts on', async () => {
  const dir = scratch();
  writeFileSync(join(dir, 'b.txt'), '90\n90\n90\n90\n');
  writeFileSync(join(dir, 'scenario.yaml'), SCENARIO('none'));
  const run = await cli(['run', 'scenario.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(run.code, 0, run.err);
  const c = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).consolidation;
  assert.equal(c.migrations, 0);
  assert.equal(c.pdm, 0);
  // Three hosts on for 1200 s: h-0 at 90 %, h-1 at 5 %, h-2 idle, on the curves given.
  const g4 = (u: number) => {
    const w = [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117];
    const i = Math.min(9, Math.floor(u * 10));
    return (w[i] as number) + ((w[i + 1] as number) - (w[i] as number)) * (u * 10 - i);
  };
  const h0 = g4(0.925) * 300 + g4(0.9) * 900; // 0.9 + 0.95 of 2 Gf in the second interval
  const h1 = (86 + 31 * 0.05) * 1200;
  const h2 = 86 * 1200;
  assert.ok(Math.abs(c.energyJoules - (h0 + h1 + h2)) < 1e-6, `${c.energyJoules} vs ${h0 + h1 + h2}`);
});

test('a bad workload or power entry is reported with its file position, before anything runs', async () => {
  const dir = scratch();
  const text = SCENARIO('{ selection: mmt }')
    .replace('{ trace: b.txt }', '{ trace: missing.txt }')
    .replace('{ idle: 86, max: 117 }', '{ idle: 86 }');
  writeFileSync(join(dir, 'scenario.yaml'), text);
  const run = await cli(['run', 'scenario.yaml', '--out', 'out'], dir);
  assert.equal(run.code, 2);
  assert.match(run.err, /scenario\.yaml:\d+:\d+/);
  assert.match(run.err, /Cannot read the utilization trace/);
  assert.match(run.err, /needs idle and max/);
  assert.deepEqual(readdirSync(dir), ['scenario.yaml']);
});

test('the same consolidation scenario run twice writes byte-identical reports (random selection included)', async () => {
  const dir = scratch();
  writeFileSync(join(dir, 'b.txt'), '90\n90\n90\n90\n');
  const block = '{ overload: { policy: mad }, selection: rs, migrate: { algorithm: postcopy } }';
  writeFileSync(join(dir, 'scenario.yaml'), SCENARIO(block));
  await cli(['run', 'scenario.yaml', '--out', 'one', '--quiet'], dir);
  await cli(['run', 'scenario.yaml', '--out', 'two', '--quiet'], dir);
  for (const name of ['report.json', 'consolidation.csv', 'migrations.csv']) {
    assert.equal(readFileSync(join(dir, 'one', name), 'utf8'), readFileSync(join(dir, 'two', name), 'utf8'), name);
  }
});
