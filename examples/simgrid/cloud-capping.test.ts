import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './cloud-capping.ts';
import { compareLines, expectedLines } from './harness.ts';

test('cloud-capping prints what SimGrid 3.32 prints, compared sorted as its tesh does (s4u-cloud-capping.out)', async () => {
  const problems = compareLines(await run(), expectedLines('s4u-cloud-capping.out'), { sorted: true });
  assert.deepEqual(problems, [], problems.join('\n'));
});
