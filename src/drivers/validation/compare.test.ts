// Real against predicted: relative errors, which cases count in the median, and QEMU's setup sync.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CaseComparison, compareCase, medianAbsoluteError, type Observation, relativeError } from './compare.ts';

const identity = { name: 'c', description: 'd', requestedRateBytesPerSec: 1, achievedRateBytesPerSec: 1 };

function observation(overrides: Partial<Observation>): Observation {
  return {
    outcome: 'completed',
    totalSec: 1,
    downtimeSec: 0.01,
    bytes: 100,
    iterations: 4,
    maxThrottlePercent: 0,
    postcopyBytes: 0,
    rounds: [],
    ...overrides,
  };
}

test('a relative error is (predicted - real) / real, and undefined without both figures or with a real 0', () => {
  assert.equal(relativeError(1.1, 1), 0.10000000000000009);
  assert.equal(relativeError(0.9, 1), -0.09999999999999998);
  assert.equal(relativeError(1, 0), undefined);
  assert.equal(relativeError(undefined, 1), undefined);
});

test('total time and downtime are compared only when both runs completed; bytes and iterations always', () => {
  const both = compareCase(identity, observation({ totalSec: 2 }), observation({ totalSec: 2.2, bytes: 90 }));
  assert.ok(Math.abs((both.errors.totalSec ?? 0) - 0.1) < 1e-12);
  assert.ok(Math.abs((both.errors.bytes ?? 0) + 0.1) < 1e-12);
  const cancelled = compareCase(
    identity,
    observation({ outcome: 'aborted', totalSec: 20, downtimeSec: undefined }),
    observation({ outcome: 'aborted', totalSec: 20, downtimeSec: undefined, bytes: 110 }),
  );
  assert.equal(cancelled.errors.totalSec, undefined, "a cancelled run's total time is its timeout");
  assert.ok(Math.abs((cancelled.errors.bytes ?? 0) - 0.1) < 1e-12);
});

test('the median of |error| skips the cases without the figure', () => {
  const cases: CaseComparison[] = [0.3, -0.1, 0.02].map((error) =>
    compareCase(identity, observation({ totalSec: 1 }), observation({ totalSec: 1 + error })),
  );
  cases.push(compareCase(identity, observation({ outcome: 'aborted' }), observation({ outcome: 'aborted' })));
  assert.ok(Math.abs(medianAbsoluteError(cases, 'totalSec') - 0.1) < 1e-12);
  assert.ok(Number.isNaN(medianAbsoluteError([], 'totalSec')));
});
