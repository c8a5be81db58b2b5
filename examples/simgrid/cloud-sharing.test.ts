import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './cloud-sharing.ts';
import { compareLines, expectedLines } from './harness.ts';

test('cloud-sharing prints what SimGrid 3.32 prints (cloud-sharing.out, sorted)', async () => {
  const problems = compareLines(await run(), expectedLines('cloud-sharing.out'), { sorted: true });
  assert.deepEqual(problems, [], problems.join('\n'));
});
