// `livemig validate-real`: bad arguments exit 2 before anything runs; with QEMU, --quick calibrates, runs its three
// cases for real and in the simulator, prints the table and writes validation.json and validation.md.
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
const scratch = mkdtempSync(join(tmpdir(), 'livemig-validate-real-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = memoryIo(repo);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('validate-real refuses unknown options and stray arguments with exit 2, and its help says what it runs', async () => {
  const typo = await cli(['validate-real', '--quik']);
  assert.equal(typo.code, 2);
  assert.match(typo.err, /unknown option --quik.*\n.*did you mean "--quick"/);
  assert.equal((await cli(['validate-real', 'matrix.yaml'])).code, 2);
  const help = await cli(['validate-real', '--help']);
  assert.match(help.out, /dirty rates 0, 8 and 24 MiB\/s × max-bandwidth/);
  assert.match(help.out, /none of the cases/);
});

test('validate-real --quick compares three real migrations with their predictions and writes the table', {
  skip,
  timeout: 300_000,
}, async () => {
  const out = join(scratch, 'quick');
  const result = await cli(['validate-real', '--quick', '--out', out]);
  assert.equal(result.code, 0, result.err);
  assert.match(result.err, /^calibration 1\/3: idle guest, no cap: /m);
  assert.match(result.err, /^calibration 3\/3: a 16 MiB\/s writer, 64 MiB\/s: /m);
  const rows = result.out.split('\n').filter((line) => line.startsWith('| `'));
  assert.deepEqual(
    rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1]),
    ['r8-c128-d30', 'r24-c128-d300', 'r0-c128-d300'],
  );
  for (const row of rows) assert.match(row, /\| completed \/ completed \|/);
  assert.match(
    result.out,
    /Median \|error\| over the held-out cases: total time \*\*[\d.]+ %\*\* \(target ≤ 10\.0 %: (met|missed)\) over the 3 cases/,
  );
  assert.match(result.out, /\| `r8-c128-d30` \| `precopy` \|/, 'predicted by the public precopy');
  const json = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
  assert.equal(json.cases.length, 3);
  assert.ok(Number.isFinite(json.medians.totalSec));
  assert.equal(readFileSync(join(out, 'validation.md'), 'utf8'), result.out);
  assert.ok(existsSync(join(out, 'validation.json')));
});
