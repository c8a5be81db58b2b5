// A reduced run of the MPLM / NPB study (SP only, pre-copy at 0.3 s and 120 s, MPLM, post-copy, auto-converge): facts
// that must hold whatever the exact numbers, and its table compared with expected-reduced.txt, so that any change of
// the models shows up here. Regenerate after an intended change with LIVEMIG_UPDATE_EXPECTED=1 npm test.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runStudy, type StudyRow } from './study.ts';
import { studyTable } from './table.ts';

const result = await runStudy({ workloads: ['SP'], downtimeLimitsSec: [0.3, 120], sensitivity: false });

function run(algorithm: StudyRow['algorithm'], limit?: number): StudyRow {
  const found = result.rows.find(
    (r) => r.algorithm === algorithm && (limit === undefined || r.downtimeLimitSec === limit),
  );
  assert.ok(found !== undefined, `a ${algorithm} run`);
  return found;
}

test('pre-copy with a 120 s limit degenerates to stop-and-copy: the downtime is nearly the whole migration', () => {
  const cold = run('pre-copy', 120);
  assert.ok(cold.converged);
  // It switches over at its first 100 ms check; the rest is downtime.
  assert.ok(cold.totalSec - (cold.downtimeSec as number) <= 0.11, `${cold.totalSec} s, downtime ${cold.downtimeSec} s`);
});

test("MPLM ends within about twice the memory's transfer time plus one epoch", () => {
  const mplm = run('MPLM');
  const memoryTransferSec = run('pre-copy', 120).totalSec; // stop-and-copy of the non-zero memory
  assert.ok(mplm.converged);
  assert.ok(mplm.totalSec <= 2 * memoryTransferSec + 3, `MPLM ${mplm.totalSec} s, memory ${memoryTransferSec} s`);
});

test('pre-copy at 0.3 s does not converge while SP runs; auto-converge makes it, within the limit', () => {
  const plain = run('pre-copy', 0.3);
  const converged = run('auto-converge');
  assert.equal(plain.converged, false);
  assert.ok(converged.converged && converged.totalSec < plain.totalSec);
  assert.ok((converged.downtimeSec as number) <= 0.3 + 0.11, `downtime ${converged.downtimeSec} s`);
  assert.ok(converged.throttlePercent >= 20, `throttle ${converged.throttlePercent} %`);
});

test("post-copy's downtime is tiny: the VM resumes on the destination after its device state", () => {
  const post = run('post-copy');
  assert.ok(post.converged && (post.downtimeSec as number) < 0.01, `downtime ${post.downtimeSec} s`);
});

test('the reduced study prints the table saved in expected-reduced.txt', () => {
  const got = studyTable(result);
  const file = fileURLToPath(new URL('./expected-reduced.txt', import.meta.url));
  if (process.env.LIVEMIG_UPDATE_EXPECTED === '1') writeFileSync(file, got);
  assert.equal(got, readFileSync(file, 'utf8'));
});
