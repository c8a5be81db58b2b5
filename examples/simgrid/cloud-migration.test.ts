import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './cloud-migration.ts';
import { compareLines, expectedLines } from './harness.ts';

test('cloud-migration prints what SimGrid 3.32 prints (s4u-cloud-migration.out)', async () => {
  const problems = compareLines(await run(), expectedLines('s4u-cloud-migration.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
