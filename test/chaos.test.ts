// The chaos campaign: a few hundred generated scenarios (fixed seeds) through the library, and a handful through the
// CLI as a user starts it, each checked by runChaosCase (test/chaos/check-run.ts): the run settles without an
// internal error or an uncaught actor failure, every VM lives on a host that is on, every migration has an outcome
// that matches where its VM ended, an operator whose host never failed reaches its last step, and a rerun gives a
// byte-identical report. A failure the campaign finds gets a minimal scenario in the tests of its area.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseScenario, reportJson, runScenario } from '../src/index.ts';
import { runChaosCase } from './chaos/check-run.ts';
import { generateScenario } from './chaos/generate-scenario.ts';

const LIBRARY_RUNS = 240;
const RERUN_EVERY = 8;
const CLI_SEEDS = [7, 42, 1234, 99991];

const repo = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'livemig-chaos-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test(`${LIBRARY_RUNS} generated scenarios run through the library keep every promise`, async () => {
  const failures: string[] = [];
  let migrations = 0;
  for (let seed = 1; seed <= LIBRARY_RUNS; seed++) {
    const chaos = generateScenario(seed);
    const first = await runChaosCase(chaos);
    migrations += (first.json.match(/"algorithm":/g) ?? []).length;
    for (const problem of first.problems) failures.push(`seed ${seed}: ${problem}`);
    if (seed % RERUN_EVERY === 0 && first.json !== '') {
      const again = await runChaosCase(chaos);
      if (again.json !== first.json) failures.push(`seed ${seed}: a rerun gave a different report`);
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(migrations > LIBRARY_RUNS, `the scenarios migrate (${migrations} migrations)`);
});

test('the generator is deterministic: the same seed gives the same scenario', () => {
  assert.equal(generateScenario(17).text, generateScenario(17).text);
  assert.notEqual(generateScenario(17).text, generateScenario(18).text);
});

test('generated scenarios run through the CLI exit 0 and write the report the library gives', async () => {
  for (const seed of CLI_SEEDS) {
    const chaos = generateScenario(seed);
    const file = join(scratch, `chaos-${seed}.json`);
    writeFileSync(file, chaos.text);
    const out = join(scratch, `out-${seed}`);
    const cli = spawnSync(process.execPath, [join(repo, 'bin', 'livemig.js'), 'run', file, '--out', out, '--quiet'], {
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, `seed ${seed}: ${cli.stderr}`);
    assert.ok(existsSync(join(out, 'report.html')), `seed ${seed}: report.html written`);
    const { report } = await runScenario(parseScenario(chaos.text, file));
    assert.equal(readFileSync(join(out, 'report.json'), 'utf8'), reportJson(report), `seed ${seed}`);
  }
});
