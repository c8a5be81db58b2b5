import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  readableByteRate,
  readableBytes,
  readableEnergy,
  readableFlopRate,
  readableNumber,
  readablePercent,
  readableSeconds,
  readableTime,
} from './readable.ts';

const GIB = 2 ** 30;

test('bytes take a binary prefix and three significant digits', () => {
  assert.equal(readableBytes(16 * GIB), '16 GiB');
  // The 9595405241 bytes a pre-copy of the datacenter example sends: 8.9364… GiB.
  assert.equal(readableBytes(9595405241), '8.94 GiB');
  assert.equal(readableBytes(64339939748), '59.9 GiB');
  assert.equal(readableBytes(0), '0 B');
  assert.equal(readableBytes(512), '512 B');
  assert.equal(readableBytes(1500), '1.46 KiB');
  assert.equal(readableBytes(16711850), '15.9 MiB');
  // 1023.9 MiB rounds to 1024 MiB, which is written 1 GiB.
  assert.equal(readableBytes(1023.9 * 2 ** 20), '1 GiB');
  assert.equal(readableBytes(1000 * 2 ** 20), '1000 MiB');
});

test('byte rates take the same prefixes, per second', () => {
  assert.equal(readableByteRate(125e6), '119 MiB/s');
  assert.equal(readableByteRate(1.25e9), '1.16 GiB/s');
  assert.equal(readableByteRate(Number.POSITIVE_INFINITY), '∞');
});

test('durations are in s, ms or µs; dates on the clock to the millisecond', () => {
  assert.equal(readableSeconds(72.179896626), '72.2 s');
  assert.equal(readableSeconds(0.0019515), '1.95 ms');
  assert.equal(readableSeconds(0.652969), '653 ms');
  assert.equal(readableSeconds(0.99996), '1 s');
  assert.equal(readableSeconds(12.5e-6), '12.5 µs');
  assert.equal(readableSeconds(0), '0 s');
  assert.equal(readableSeconds(1234.56), '1235 s');
  assert.equal(readableTime(132.7658014), '132.766 s');
  assert.equal(readableTime(5), '5.000 s');
  assert.equal(readableTime(-0), '0.000 s');
});

test('energy, flop rates, plain numbers and percentages follow the same three digits', () => {
  assert.equal(readableEnergy(23762.806), '23.8 kJ');
  assert.equal(readableEnergy(450), '450 J');
  assert.equal(readableEnergy(3.5e9), '3500 MJ');
  assert.equal(readableFlopRate(98.095e6), '98.1 Mflop/s');
  assert.equal(readableFlopRate(1e9), '1 Gflop/s');
  assert.equal(readableNumber(20146.111793), '20146');
  assert.equal(readableNumber(0.0131068), '0.0131');
  assert.equal(readableNumber(-1.5), '-1.5');
  assert.equal(readablePercent(0.125), '12.5 %');
});
