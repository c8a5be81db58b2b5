// Options of a real migration: defaults, rates in several spellings, and every bad option reported at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../core/index.ts';
import { migrationParameters } from './configure.ts';
import { parseDirtyRate, resolveMigrationOptions } from './options.ts';

test('dirty rates are pages/s, max, or a bandwidth turned into 4 KiB pages per second', () => {
  assert.equal(parseDirtyRate(2560), 2560);
  assert.equal(parseDirtyRate('max'), -1);
  assert.equal(parseDirtyRate('12800pages/s'), 12800);
  assert.equal(parseDirtyRate('10MiB/s'), 2560); // 10 MiB/s ÷ 4 KiB = 2560 pages/s
  assert.equal(parseDirtyRate('fast'), undefined);
  assert.equal(parseDirtyRate(-5), undefined);
});

test('defaults leave QEMU parameters alone, and given ones become QEMU units', () => {
  const defaults = resolveMigrationOptions({});
  assert.equal(defaults.ramBytes, 256 * 1024 * 1024);
  assert.equal(defaults.guestRate, 2560);
  assert.equal(defaults.postcopy, false);
  assert.deepEqual(migrationParameters(defaults), {});
  const settings = resolveMigrationOptions({
    maxBandwidth: '32MiB/s',
    downtimeLimitSec: 0.03,
    autoConverge: { initialPercent: 30, incrementPercent: 5 },
    postcopyAfterRounds: 2,
  });
  assert.equal(settings.postcopy, true); // implied by postcopyAfterRounds
  assert.deepEqual(migrationParameters(settings), {
    'downtime-limit': 30,
    'max-bandwidth': 33554432,
    'cpu-throttle-initial': 30,
    'cpu-throttle-increment': 5,
  });
  assert.equal(resolveMigrationOptions({ maxBandwidth: Number.POSITIVE_INFINITY }).maxBandwidthBytesPerSec, 0);
});

test('every bad option is listed in one InputError', () => {
  try {
    resolveMigrationOptions({
      ramMiB: 128,
      workingSetMiB: 64,
      dirtyRate: 'fast',
      maxBandwidth: 'lots',
      timeoutSec: -1,
    });
    assert.fail('expected an InputError');
  } catch (error) {
    assert.ok(error instanceof InputError);
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ['workingSetMiB', 'dirtyRate', 'maxBandwidth', 'timeoutSec'],
    );
  }
});
