import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './cloud-two-execs.ts';
import { compareLines, expectedLines } from './harness.ts';

test('cloud-two-execs prints what SimGrid 3.32 prints (cloud-two-execs.out)', async () => {
  const problems = compareLines(await run(), expectedLines('cloud-two-execs.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
