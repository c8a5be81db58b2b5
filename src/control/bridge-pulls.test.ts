// The life cycle of a bridge's PULL, state × event from the table, and the resource-wait deadline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BridgePulls,
  PULL_EVENTS,
  PULL_STATUSES,
  type PullEvent,
  type PullStatus,
  pullTransition,
} from './bridge-pulls.ts';
import type { Address } from './network.ts';

// Written out independently of the table; columns follow PULL_EVENTS: acknowledged, installed, failed.
const expected: Record<PullStatus, readonly PullStatus[]> = {
  requested: ['held', 'installed', 'failed'],
  held: ['held', 'installed', 'failed'],
  installed: ['installed', 'installed', 'installed'],
  failed: ['failed', 'installed', 'failed'],
};

test('every status × event pair gives the expected status', () => {
  for (const status of PULL_STATUSES) {
    PULL_EVENTS.forEach((event: PullEvent, column) => {
      assert.equal(pullTransition(status, event), expected[status][column], `${status} --${event}-->`);
    });
  }
});

test('a PULL not acknowledged by its deadline fails once, with the reason; an acknowledged one does not', () => {
  const station = { name: 'agent:dst', mailbox: 'm', host: {} } as unknown as Address;
  const pulls = new BridgePulls();
  pulls.requested('a', station, 1, 'db', 10, 0.5);
  pulls.requested('b', station, 2, 'db', 10, 0.5);
  pulls.acknowledged('b');
  assert.ok(Math.abs((pulls.nextDeadlineIn(10.2) ?? 0) - 0.3) < 1e-12, 'only the unacknowledged PULL has a deadline');
  assert.deepEqual(pulls.expire(10.4), []);
  const failures = pulls.expire(10.5);
  assert.deepEqual(
    failures.map((f) => [f.vm, f.migration, f.reason]),
    [['a', 1, 'no answer from database "db" within 0.5 s']],
  );
  assert.deepEqual(pulls.expire(11), [], 'reported once');
  assert.deepEqual(pulls.status('a'), { status: 'failed', reason: 'no answer from database "db" within 0.5 s' });
  assert.deepEqual(pulls.status('b'), { status: 'held', reason: undefined });
  assert.equal(pulls.nextDeadlineIn(11), undefined);
  pulls.installed('a');
  assert.equal(pulls.status('a').status, 'installed', 'a late state is installed anyway');
  assert.equal(pulls.status('c').status, 'none');
});
