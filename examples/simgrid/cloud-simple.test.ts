import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './cloud-simple.ts';
import { compareLines, expectedLines } from './harness.ts';

test('cloud-simple prints what SimGrid 3.32 prints (s4u-cloud-simple.out)', async () => {
  const problems = compareLines(await run(), expectedLines('s4u-cloud-simple.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
