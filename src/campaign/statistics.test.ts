import assert from 'node:assert/strict';
import { test } from 'node:test';
import { studentTQuantile, summarise } from './statistics.ts';

test("Student's t 97.5 % quantiles match the printed tables to 4 decimals", () => {
  // Two-sided 95 % critical values, as printed in every statistics table.
  const table: [number, number][] = [
    [1, 12.7062],
    [2, 4.3027],
    [4, 2.7764],
    [9, 2.2622],
    [29, 2.0452],
    [120, 1.9799],
  ];
  for (const [df, expected] of table) assert.equal(studentTQuantile(0.975, df).toFixed(4), expected.toFixed(4));
});

test('a sample of four is summarised as computed by hand', () => {
  // 2, 4, 4, 6: mean 4; squared deviations 4+0+0+4 = 8, sd = sqrt(8/3); half-width = t(3) 3.18245 × sd / 2.
  const s = summarise([6, 2, 4, 4]);
  const sd = Math.sqrt(8 / 3);
  assert.ok(s !== undefined);
  assert.equal(s.n, 4);
  assert.equal(s.mean, 4);
  assert.ok(Math.abs(s.sd - sd) < 1e-12);
  assert.ok(Math.abs(s.ci95High - (4 + (3.182446305 * sd) / 2)) < 1e-8);
  assert.ok(Math.abs(s.ci95Low - (4 - (3.182446305 * sd) / 2)) < 1e-8);
  assert.deepEqual([s.min, s.median, s.max], [2, 4, 6]);
});

test('one value has no spread; no value has no summary', () => {
  assert.deepEqual(summarise([3]), { n: 1, mean: 3, sd: 0, ci95Low: 3, ci95High: 3, min: 3, median: 3, max: 3 });
  assert.equal(summarise([]), undefined);
});
