// `livemig lab build` and `livemig lab migrate`: bad flags exit 2 with every problem and a hint, before anything
// runs; with QEMU, a build says what would run the guest and one short real migration writes a real run's report.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { qemuAvailable } from '../../index.ts';
import { memoryIo } from '../io.ts';
import { main } from '../main.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const skip = (await qemuAvailable()) ? false : 'qemu-system-x86_64 is not installed (bash lab/install-deps.sh)';
const scratch = mkdtempSync(join(tmpdir(), 'livemig-lab-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = memoryIo(repo);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('lab says what it does without a subcommand, and its help lists the options in scenario units', async () => {
  const bare = await cli(['lab']);
  assert.equal(bare.code, 2);
  assert.match(bare.err, /say what to do.*\n.*hint: livemig lab build, or livemig lab migrate/);
  const group = await cli(['lab', '--help']);
  assert.equal(group.code, 0);
  assert.match(group.out, /build +build \(or reuse\) the lab guest.*\n +migrate +one real live migration/);
  const help = await cli(['lab', 'migrate', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--dirty-rate RATE +its write rate: 10MiB\/s, 2560pages\/s/);
  assert.match(help.out, /--downtime-limit TIME/);
  assert.equal((await cli(['help', 'lab', 'migrate'])).out, help.out);
  assert.match((await cli(['--help'])).out, /lab +real QEMU: build the lab guest/);
});

test('bad lab migrate flags exit 2 with every problem at once, nothing run and nothing written', async () => {
  const out = join(scratch, 'never');
  const result = await cli([
    'lab',
    'migrate',
    '--ram',
    '256',
    '--dirty-rate',
    'fast',
    '--timeout',
    'soon',
    '--out',
    out,
  ]);
  assert.equal(result.code, 2);
  assert.match(result.err, /--ram 256: .*unit.*\n.*hint: e\.g\. --ram 256MiB/);
  assert.match(result.err, /--dirty-rate fast: .*\n.*hint: e\.g\. --dirty-rate 10MiB\/s/);
  assert.match(result.err, /--timeout soon: .*\n.*hint: e\.g\. --timeout 60s/);
  assert.ok(!/\n\s+at /.test(result.err), 'no stack trace');
  assert.equal(existsSync(out), false);
  const unknown = await cli(['lab', 'migrate', '--dirty-rat', '1MiB/s']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown option --dirty-rat.*\n.*did you mean "--dirty-rate"/);
});

test('lab build builds or reuses the guest and says which QEMU and accelerator would run it', {
  skip,
  timeout: 300_000,
}, async () => {
  const result = await cli(['lab', 'build']);
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /^Lab guest ready \(kernel \S+, sources [0-9a-f]{12}\):/);
  assert.match(result.out, /QEMU: QEMU emulator version \d+\.\d+/);
  assert.match(result.out, /Accelerator: (tcg|kvm) \(/);
});

test('lab migrate runs one real migration, prints its summary and writes a report that says it was real', {
  skip,
  timeout: 120_000,
}, async () => {
  const out = join(scratch, 'report');
  const result = await cli([
    ...['lab', 'migrate', '--ram', '256MiB', '--working-set', '64MiB', '--dirty-rate', '10MiB/s'],
    ...['--max-bandwidth', '128MiB/s', '--downtime-limit', '30ms', '--out', out],
  ]);
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /Status: setup > active > completed\./);
  assert.match(result.out, /lab-guest +completed .* ok$/m);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  assert.equal(report.real.driver, 'qemu');
  assert.equal(report.migrations[0].outcome, 'completed');
  assert.equal(report.migrations[0].algorithm, 'qemu-pre-copy');
  assert.ok(report.usage.links[0].points.length > 3, 'the loopback load over time');
  const page = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(page, /real QEMU run \(QEMU emulator version/);
  for (const name of ['migrations.csv', 'rounds.csv', 'trace.paje']) assert.ok(existsSync(join(out, name)), name);
});
