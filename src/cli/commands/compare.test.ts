import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../io.ts';
import { main } from '../main.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(repo, 'test/fixtures/sweeps');
const dir = mkdtempSync(join(tmpdir(), 'livemig-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = memoryIo(repo);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function runWithSeed(seed: number): Promise<string> {
  const scenario = join(fixtures, `seed-${seed}.tmp.yaml`);
  writeFileSync(scenario, `seed: ${seed}\n${readFileSync(join(fixtures, 'base.yaml'), 'utf8')}`);
  const out = join(dir, `seed-${seed}`);
  try {
    assert.equal((await cli(['run', scenario, '--out', out, '--quiet'])).code, 0);
  } finally {
    rmSync(scenario);
  }
  return out;
}

test('compare prints what differs between two runs and writes both side by side', async () => {
  const [a, b] = [await runWithSeed(1), await runWithSeed(2)];
  const page = join(dir, 'runs.html');
  const { code, out } = await cli(['compare', a, b, '--out', page]);
  assert.equal(code, 0);
  assert.match(out, /figures differ/);
  assert.match(out, /migration 1 \(VM0\) +duration \(s\)/);
  assert.doesNotMatch(out, /algorithm/, 'what is equal is not printed');
  const html = readFileSync(page, 'utf8');
  assert.match(html, /<tr class="differs"><td>migration 1 \(VM0\)<\/td><td>duration \(s\)<\/td>/);
  assert.match(html, /<tr class="same"><td>migration 1 \(VM0\)<\/td><td>algorithm<\/td><td>precopy<\/td><td>precopy/);
  const same = await cli(['compare', a, a, '--out', join(dir, 'same.html')]);
  assert.match(same.out, /No difference in \d+ figures/);
});

test('compare refuses folders of different kinds, as bad input', async () => {
  const run = await runWithSeed(3);
  const empty = mkdtempSync(join(dir, 'empty-'));
  const { code, err } = await cli(['compare', run, empty]);
  assert.equal(code, 2);
  assert.match(err, /holds neither report\.json \(a run\) nor summary\.csv \(a sweep\)/);
});

test('compare sets the summaries of two sweeps side by side', async () => {
  const sweep = async (name: string, seeds: string) => {
    const file = join(fixtures, `${name}.tmp.yaml`);
    writeFileSync(file, `version: 1\nscenario: base.yaml\nseeds: ${seeds}\ngrid:\n  vms.VM0.dirty.rate: [20MiB/s]\n`);
    const out = join(dir, name);
    try {
      assert.equal((await cli(['sweep', file, '--out', out, '--workers', '1', '--quiet'])).code, 0);
    } finally {
      rmSync(file);
    }
    return out;
  };
  const [a, b] = [await sweep('sweep-a', '[1, 2]'), await sweep('sweep-b', '[3, 4]')];
  const { code, out } = await cli(['compare', a, b, '--out', join(dir, 'sweeps.html')]);
  assert.equal(code, 0);
  assert.match(out, /vms\.VM0\.dirty\.rate=20MiB\/s · durationSec +mean/);
  assert.doesNotMatch(out, /durationSec +n /, 'both have n = 2');
});
