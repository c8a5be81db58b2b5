import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareLines } from './harness.ts';

test('lines match when their text is equal and their numbers agree to 1e-6', () => {
  assert.deepEqual(
    compareLines(['[  1.0000004] (1:a@h) took 9.23704e+08'], ['[  1.000000] (1:a@h) took 9.23704e+08']),
    [],
  );
});

test('a number off by more than 1e-6, a different word or a missing line is reported', () => {
  assert.equal(compareLines(['[  1.000010] (1:a@h) x'], ['[  1.000000] (1:a@h) x']).length, 1);
  assert.equal(compareLines(['[  1.000000] (1:a@h) y'], ['[  1.000000] (1:a@h) x']).length, 1);
  assert.equal(compareLines([], ['[  1.000000] (1:a@h) x']).length, 1);
});

test('sorted comparison ignores the order of lines', () => {
  assert.deepEqual(compareLines(['b 2', 'a 1'], ['a 1', 'b 2'], { sorted: true }), []);
  assert.equal(compareLines(['b 2', 'a 1'], ['a 1', 'b 2']).length, 2);
});
