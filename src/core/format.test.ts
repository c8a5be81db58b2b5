import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatExponential, formatFixed, formatG } from './format.ts';

test('formatG prints like C %g, as in SimGrid logs', () => {
  // Values printed by SimGrid's cloud-two-execs and cloud-simple tests.
  assert.equal(formatG(923704000), '9.23704e+08');
  assert.equal(formatG(1e6 / 76.296e6), '0.0131068');
  assert.equal(formatG(8.152e6), '8.152e+06');
  assert.equal(formatG(132.765801), '132.766');
  assert.equal(formatG(20146.111793), '20146.1');
  assert.equal(formatG(2e9), '2e+09');
  assert.equal(formatG(210), '210');
  assert.equal(formatG(0.0001), '0.0001');
  assert.equal(formatG(0.00001), '1e-05');
  assert.equal(formatG(0), '0');
  assert.equal(formatG(-1.5), '-1.5');
});

test('formatFixed pads like %10.6f', () => {
  assert.equal(formatFixed(0, 6, 10), '  0.000000');
  assert.equal(formatFixed(132.7658014, 6, 10), '132.765801');
  assert.equal(formatFixed(10362.620589, 6, 10), '10362.620589');
  assert.equal(formatFixed(1e22, 2), '10000000000000000000000.00');
});

test('formatExponential always writes a two-digit exponent', () => {
  assert.equal(formatExponential(1e6), '1.000000e+06');
  assert.equal(formatExponential(1.5e-7, 2), '1.50e-07');
});
