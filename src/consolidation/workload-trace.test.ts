// Utilization traces: PlanetLab lines and CSV read into a step function that repeats, and bad lines named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../core/index.ts';
import { fitWorkloadModel, generateTraces, lagOneAutocorrelation } from './workload-generator.ts';
import { parseUtilizationTrace, utilizationAt } from './workload-trace.ts';

test('a PlanetLab trace is one percentage per interval, a step function that repeats after its end', () => {
  const trace = parseUtilizationTrace('10\n20\n# a comment\n30\n', 300, 'vm.txt');
  assert.deepEqual(trace.values, [0.1, 0.2, 0.3]);
  assert.equal(trace.periodSec, 900);
  assert.equal(utilizationAt(trace, 0), 0.1);
  assert.equal(utilizationAt(trace, 299), 0.1);
  assert.equal(utilizationAt(trace, 600), 0.3);
  assert.equal(utilizationAt(trace, 900 + 300), 0.2);
});

test('a CSV trace has time,utilization lines after an optional header; values above 100 % are capped', () => {
  const trace = parseUtilizationTrace('time,utilization\n0,50\n600,120\n', 300, 'vm.csv');
  assert.deepEqual(trace.values, [0.5, 1]);
  assert.equal(utilizationAt(trace, 599), 0.5);
  assert.equal(utilizationAt(trace, 600), 1);
});

test('a bad line is named with its file and line number', () => {
  assert.throws(() => parseUtilizationTrace('10\nabc\n', 300, 'vm.txt'), /vm\.txt:2: "abc" is not a utilization/);
  assert.throws(() => parseUtilizationTrace('0,10\n0,20\n', 300, 'vm.csv'), /vm\.csv:2: time 0 does not increase/);
  assert.throws(() => parseUtilizationTrace('\n\n', 300, 'empty.txt'), /empty\.txt has no utilization value/);
  assert.throws(() => parseUtilizationTrace('time,utilization\n', 300, 'head.csv'), /head\.csv has no utilization/);
});

test('generated traces have the asked mean and autocorrelation, and fitting them finds those back', () => {
  const model = {
    mean: 0.3,
    spread: 0.2,
    diurnalAmplitude: 0,
    peakHour: 14,
    noise: 0.05,
    autocorrelation: 0.7,
    burstProbability: 0,
    burstHeight: 0,
    burstMaxSteps: 1,
  };
  const traces = generateTraces(model, 50, 2880, 300, new Random(3));
  const all = traces.flat();
  const mean = all.reduce((s, v) => s + v, 0) / all.length;
  assert.ok(Math.abs(mean - 0.3) < 0.01, `mean ${mean}`);
  const rho = traces.map(lagOneAutocorrelation).reduce((s, v) => s + v, 0) / traces.length;
  assert.ok(Math.abs(rho - 0.7) < 0.05, `autocorrelation ${rho}`);
  const fitted = fitWorkloadModel(traces, 300);
  assert.ok(Math.abs(fitted.mean - 0.3) < 0.01);
  assert.ok(Math.abs(fitted.noise - 0.05) < 0.01, `noise ${fitted.noise}`);
  assert.ok(Math.abs(fitted.autocorrelation - 0.7) < 0.05, `fitted autocorrelation ${fitted.autocorrelation}`);
  assert.deepEqual(generateTraces(model, 2, 10, 300, new Random(3)), generateTraces(model, 2, 10, 300, new Random(3)));
});
