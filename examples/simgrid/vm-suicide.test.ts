import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareLines, expectedLines } from './harness.ts';
import { run } from './vm-suicide.ts';

test('vm-suicide prints what SimGrid 3.32 prints (vm-suicide.out)', async () => {
  const problems = compareLines(await run(), expectedLines('vm-suicide.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
