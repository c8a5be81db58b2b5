import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './energy-vm.ts';
import { compareLines, expectedLines } from './harness.ts';

test('energy-vm prints what SimGrid 3.32 prints (s4u-energy-vm.out)', async () => {
  const problems = compareLines(await run(), expectedLines('s4u-energy-vm.out'));
  assert.deepEqual(problems, [], problems.join('\n'));
});
