// The radix sort must give exactly the order of a stable comparison sort, for any float64 keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortIndicesByDate } from './radix-sort.ts';
import { Random } from './rng.ts';

function reference(keys: Float64Array): number[] {
  return [...keys.keys()].sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
}

test('orders indices by key and keeps equal keys in index order', () => {
  const keys = new Float64Array([3, 1, 2, 1, 0, 3, 2.5]);
  assert.deepEqual([...sortIndicesByDate(keys)], [4, 1, 3, 2, 6, 0, 5]);
});

test('handles negative, fractional, huge and infinite keys like a comparison sort', () => {
  const keys = new Float64Array([5e300, -1, 0, Number.POSITIVE_INFINITY, -7.25, 1e-12, 0.5, -1e-300, 2 ** 40]);
  assert.deepEqual([...sortIndicesByDate(keys)], reference(keys));
});

test('agrees with a stable comparison sort on random dates with many ties', () => {
  const random = new Random(42);
  for (const n of [0, 1, 2, 255, 4096]) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = Math.floor(random.next() * 50) * 0.1 + (i % 3 === 0 ? 1e6 : 0);
    assert.deepEqual([...sortIndicesByDate(keys)], reference(keys));
  }
});
