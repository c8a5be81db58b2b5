import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transition, VM_EVENTS, VM_STATES, type VmEvent, type VmState } from './lifecycle.ts';

// The expected outcome of every (state, event) pair, written out independently of the table:
// '-' means illegal. Columns follow VM_EVENTS: start, suspend, resume, shutdown, destroy,
// migration-started, migration-completed, migration-failed, save, save-completed, restore, restore-completed.
const expected: Record<VmState, readonly (VmState | '-')[]> = {
  created: ['running', '-', '-', 'destroyed', 'destroyed', '-', '-', '-', '-', '-', '-', '-'],
  running: ['-', 'suspended', '-', 'destroyed', 'destroyed', 'migrating', '-', '-', 'saving', '-', '-', '-'],
  suspended: ['-', '-', 'running', 'destroyed', 'destroyed', '-', '-', '-', '-', '-', '-', '-'],
  migrating: ['-', '-', '-', 'destroyed', 'destroyed', '-', 'running', 'running', '-', '-', '-', '-'],
  saving: ['-', '-', '-', 'destroyed', 'destroyed', '-', '-', '-', '-', 'saved', '-', '-'],
  saved: ['-', '-', '-', 'destroyed', 'destroyed', '-', '-', '-', '-', '-', 'restoring', '-'],
  restoring: ['-', '-', '-', 'destroyed', 'destroyed', '-', '-', '-', '-', '-', '-', 'running'],
  destroyed: ['running', '-', '-', 'destroyed', 'destroyed', '-', '-', '-', '-', '-', '-', '-'],
};

test('every state × event pair gives the expected next state or is illegal', () => {
  for (const state of VM_STATES) {
    VM_EVENTS.forEach((event, column) => {
      const want = expected[state][column];
      const got = transition(state, event);
      if (want === '-') {
        assert.equal(got.ok, false, `${state} --${event}--> should be illegal`);
      } else {
        assert.ok(got.ok, `${state} --${event}--> should be legal`);
        assert.equal(got.next, want, `${state} --${event}-->`);
      }
    });
  }
});

test('an illegal transition names the state and the events that state accepts', () => {
  const got = transition('migrating', 'suspend');
  assert.equal(got.ok, false);
  if (got.ok) return;
  assert.equal(got.state, 'migrating');
  assert.deepEqual([...got.allowed].sort(), ['destroy', 'migration-completed', 'migration-failed', 'shutdown']);
});

test('shutting down a migrating VM aborts its migration before killing its actors', () => {
  const got = transition('migrating', 'shutdown');
  assert.ok(got.ok);
  if (!got.ok) return;
  assert.deepEqual(got.effects, ['abort-migration', 'kill-actors']);
});

test('starting checks the memory of the physical machine; suspending pauses the actors', () => {
  const start = transition('created', 'start' as VmEvent);
  const suspend = transition('running', 'suspend');
  assert.ok(start.ok && start.effects.includes('check-memory'));
  assert.ok(suspend.ok && suspend.effects.includes('pause-actors'));
});

test('saving pauses the actors, restoring checks the memory and resumes them; ending either cancels its timer', () => {
  const save = transition('running', 'save');
  const restore = transition('saved', 'restore');
  const done = transition('restoring', 'restore-completed');
  assert.ok(save.ok && save.effects.includes('pause-actors'));
  assert.ok(restore.ok && restore.effects.includes('check-memory'));
  assert.ok(done.ok && done.effects.includes('resume-actors'));
  for (const state of ['saving', 'restoring'] as const) {
    const shutdown = transition(state, 'shutdown');
    assert.ok(shutdown.ok && shutdown.effects[0] === 'cancel-pending', state);
  }
});
