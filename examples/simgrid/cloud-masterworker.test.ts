import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './cloud-masterworker.ts';
import { compareLines, expectedLines } from './harness.ts';

test('cloud-masterworker prints what SimGrid 3.32 prints (c-cloud-masterworker.out)', async () => {
  const problems = compareLines(await run(), expectedLines('c-cloud-masterworker.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
