// The study's sweep file runs the same migrations as the study's code: with the guest system fixed at the study's
// 512 MiB, each row of the sweep's runs.csv equals the study's result for that downtime limit.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { inlineExecutor, loadSweep, planSweep, runSweep } from '../../../../src/index.ts';
import { runStudy } from '../study.ts';
import { GiB, MiB, workload, zeroPageRatio } from '../workloads.ts';

test("sp.yaml at the study's assumptions gives the study's pre-copy results for SP", async () => {
  const zeroPages = zeroPageRatio(workload('SP', 8), 8 * GiB, 512 * MiB);
  const here = import.meta.dirname;
  const sweepFile = join(here, 'fixed.tmp.yaml');
  writeFileSync(
    sweepFile,
    [
      'version: 1',
      'scenario: sp.yaml',
      'seeds: [1]',
      'grid:',
      `  actors.operator.steps.0.migrate.zeroPages: [${zeroPages}]`,
      '  actors.operator.steps.0.migrate.downtimeLimit: [10, 60]',
      '',
    ].join('\n'),
  );
  const out = mkdtempSync(join(tmpdir(), 'livemig-npb-sweep-'));
  try {
    await runSweep(planSweep(loadSweep(sweepFile)), { outDir: out, executor: inlineExecutor() });
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const study = await runStudy({
      workloads: ['SP'],
      downtimeLimitsSec: [10, 60],
      algorithms: ['pre-copy'],
      sensitivity: false,
    });
    assert.equal(study.rows.length, 2, 'one row per downtime limit');
    for (const expected of study.rows) {
      const row = rows.find((r) => Number(r[3]) === expected.downtimeLimitSec);
      assert.ok(row !== undefined);
      assert.equal(row[6], 'completed');
      assert.equal(Number(row[7]), expected.totalSec);
      assert.equal(Number(row[8]), expected.downtimeSec);
      assert.equal(Number(row[9]), expected.bytesSent);
    }
  } finally {
    rmSync(sweepFile);
    rmSync(out, { recursive: true, force: true });
  }
});
