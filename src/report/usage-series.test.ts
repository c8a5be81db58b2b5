// The bounded piecewise-constant series: repeated values and same-date samples collapse, and merging keeps the
// area under the curve (the bytes or flops) while never touching the current value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PiecewiseSeries } from './usage-series.ts';

function area(points: [number, number][], end: number): number {
  return points.reduce((sum, [time, value], i) => sum + value * ((points[i + 1]?.[0] ?? end) - time), 0);
}

test('a value equal to the previous one adds no point, and a later sample at the same date replaces it', () => {
  const series = new PiecewiseSeries(10);
  series.add(0, 0);
  series.add(1, 5);
  series.add(2, 5);
  series.add(3, 7);
  series.add(3, 5); // the step [3, …) turned out to have the same load as [1, 3)
  series.add(4, 0);
  assert.deepEqual(series.points(), [
    [0, 0],
    [1, 5],
    [4, 0],
  ]);
  assert.equal(series.used, true);
  assert.equal(series.merged, false);
});

test('a series that stays at zero is not used', () => {
  const series = new PiecewiseSeries(10);
  for (let t = 0; t < 5; t++) series.add(t, 0);
  assert.equal(series.used, false);
  assert.deepEqual(series.points(), [[0, 0]]);
});

test('past the bound, intervals merge pairwise into averages that keep the area, and the last value stays', () => {
  const bounded = new PiecewiseSeries(8);
  const exact: [number, number][] = [];
  // Alternating loads on intervals of varied lengths: 1 s at 10, 2 s at 4, 1 s at 10, …
  let time = 0;
  for (let i = 0; i < 40; i++) {
    const value = i % 2 === 0 ? 10 : 4;
    bounded.add(time, value);
    exact.push([time, value]);
    time += i % 2 === 0 ? 1 : 2;
  }
  bounded.add(time, 3);
  exact.push([time, 3]);
  const points = bounded.points();
  assert.ok(points.length <= 8, `${points.length} points`);
  assert.equal(bounded.merged, true);
  assert.deepEqual(points[points.length - 1], [time, 3]);
  assert.deepEqual(points[0]?.[0], 0);
  const end = time + 5;
  assert.ok(Math.abs(area(points, end) - area(exact, end)) < 1e-9 * area(exact, end));
});

test('a bound below 4 points is refused with a hint', () => {
  assert.throws(() => new PiecewiseSeries(2), /at least 4 points.*maxPointsPerSeries/);
});
