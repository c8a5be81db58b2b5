import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareLines, expectedLines } from './harness.ts';
import { run } from './vm-live-migration.ts';

test('vm-live-migration prints what SimGrid 3.32 prints (vm-live-migration.out)', async () => {
  const problems = compareLines(await run(), expectedLines('vm-live-migration.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
