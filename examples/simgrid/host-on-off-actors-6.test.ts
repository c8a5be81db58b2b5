import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareLines, expectedLines } from './harness.ts';
import { run } from './host-on-off-actors-6.ts';

test('host-on-off-actors-6 prints what SimGrid 3.32 prints (host-on-off-actors-6.out)', async () => {
  const problems = compareLines(await run(), expectedLines('host-on-off-actors-6.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
