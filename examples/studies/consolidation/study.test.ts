// The consolidation study's pipeline, shrunk (6 hosts, 10 VMs, 3 hours): the script runs as a user runs it, writes
// its table, CSV, JSON and plots, with one row per overload × selection × migration algorithm beside the baseline,
// and figures that must hold whatever the exact numbers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { StudyRow } from './charts.ts';

const script = fileURLToPath(new URL('./study.ts', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'livemig-consolidation-study-'));
const args = ['--import', 'tsx', script, '--out', out, '--hosts', '6', '--vms', '10', '--days', '0.125'];
const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
test.after(() => rmSync(out, { recursive: true, force: true }));

function rows(): StudyRow[] {
  return (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { rows: StudyRow[] }).rows;
}

test('the study script runs and writes its table, CSV, JSON and plots', () => {
  assert.equal(run.status, 0, run.stderr);
  for (const file of ['results.json', 'results.csv', 'results.md', 'plots/energy-slav.png', 'plots/pdm.png']) {
    assert.ok(statSync(join(out, file)).size > 0, file);
  }
  assert.equal(readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n').length, 1 + 41);
  assert.match(readFileSync(join(out, 'results.md'), 'utf8'), /\| post-copy \| lrr-mu \|/);
});

test('every overload × selection pair runs with pre-copy and with post-copy, beside the baseline', () => {
  const all = rows();
  assert.equal(all.length, 41);
  for (const algorithm of ['precopy', 'postcopy']) {
    for (const overload of ['thr', 'iqr', 'mad', 'lr', 'lrr']) {
      for (const selection of ['mmt', 'mc', 'rs', 'mu']) {
        assert.ok(all.some((r) => r.algorithm === algorithm && r.policy === `${overload}-${selection}`));
      }
    }
  }
});

test('consolidation migrates and saves energy over the baseline, which never migrates nor loses CPU to it', () => {
  const [baseline, ...consolidated] = rows() as [StudyRow, ...StudyRow[]];
  assert.equal(baseline.policy, 'none');
  assert.equal(baseline.migrations, 0);
  assert.equal(baseline.pdm, 0);
  for (const r of consolidated) {
    assert.ok(r.migrations > 0, `${r.algorithm} ${r.policy} migrates`);
    assert.ok(r.energyKWh < baseline.energyKWh, `${r.algorithm} ${r.policy} saves energy`);
    assert.ok(r.pdm > 0 && r.pdm < 1, `${r.algorithm} ${r.policy} PDM ${r.pdm}`);
    assert.equal(r.slav, r.slatah * r.pdm);
  }
});

test('post-copy stops a migrating VM for less time than pre-copy, with every pair of policies', () => {
  const all = rows();
  for (const pre of all.filter((r) => r.algorithm === 'precopy')) {
    const post = all.find((r) => r.algorithm === 'postcopy' && r.policy === pre.policy) as StudyRow;
    assert.ok(post.meanDowntimeSec < pre.meanDowntimeSec, `${pre.policy}: ${post.meanDowntimeSec} s`);
  }
});
