// The protocol table, state × event, exhaustively: a second spelling of where each event leads (so that a change of
// the table is a change of this test too), and the rules every cell must keep — requests go to the peer the next
// state waits for, phases open and close in order, a failure is recorded once, terminal states absorb everything.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  awaitedPeer,
  CONTROL_EVENTS,
  CONTROL_STATES,
  type ControlEvent,
  type ControlState,
  TERMINAL_STATES,
  transition,
} from './protocol.ts';

/** Where each event leads, state by state, in the event order of CONTROL_EVENTS:
 * start, ok, failed, timeout, source-lost, destination-lost, switchover-ready ('·' = stays). */
const EXPECTED: Record<ControlState, string> = {
  idle: 'begin · · · · · ·',
  begin: '· prepare failed confirm-cancel failed · ·',
  prepare: '· perform confirm-cancel finish-cancel finish-abort confirm-cancel ·',
  perform: '· finish finish-abort finish-cancel finish-abort confirm-cancel ·',
  finish: '· confirm confirm-cancel finish-cancel · confirm-cancel ·',
  'finish-cancel': '· confirm-cancel confirm confirm-cancel · confirm-cancel ·',
  'finish-abort': '· failed confirm failed · failed ·',
  confirm: '· completed completed completed completed · ·',
  'confirm-cancel': '· failed failed failed failed · ·',
  completed: '· · · · · · ·',
  failed: '· · · · · · ·',
};

const PHASE_OF: Partial<Record<ControlState, [string, boolean]>> = {
  begin: ['begin', false],
  prepare: ['prepare', false],
  perform: ['perform', false],
  finish: ['finish', false],
  'finish-cancel': ['finish', true],
  'finish-abort': ['finish', true],
  confirm: ['confirm', false],
  'confirm-cancel': ['confirm', true],
};

const cells = CONTROL_STATES.flatMap((state) => CONTROL_EVENTS.map((event) => [state, event] as const));

test('every state answers every event, and each leads where the second spelling of the table says', () => {
  assert.equal(cells.length, 11 * 7);
  for (const [state, event] of cells) {
    const expected = EXPECTED[state].split(' ')[CONTROL_EVENTS.indexOf(event)];
    const next = transition(state, event).to;
    assert.equal(next, expected === '·' ? state : expected, `${state} + ${event}`);
  }
});

test('a request goes to the peer the next state waits for, for the phase that state is in', () => {
  for (const [state, event] of cells) {
    const { to, effects } = transition(state, event);
    for (const effect of effects) {
      if (effect.type !== 'request') continue;
      assert.equal(effect.to, awaitedPeer(to), `${state} + ${event}`);
      assert.deepEqual([effect.phase, effect.cancelled], PHASE_OF[to], `${state} + ${event}`);
    }
    const moved = to !== state && !TERMINAL_STATES.includes(to);
    const requests = effects.filter((e) => e.type === 'request').length;
    assert.equal(requests, moved ? 1 : 0, `${state} + ${event}: one request when it moves to a waiting state`);
  }
});

test('leaving a phase ends it, and the next one starts before its request', () => {
  for (const [state, event] of cells) {
    const { to, effects } = transition(state, event);
    const types = effects.map((e) => e.type);
    if (to === state) {
      assert.ok(!types.includes('start-phase') && !types.includes('end-phase'), `${state} + ${event}`);
      continue;
    }
    const phase = PHASE_OF[state];
    if (phase !== undefined) {
      const end = effects[0];
      assert.ok(end?.type === 'end-phase' && end.phase === phase[0], `${state} + ${event} ends ${phase[0]} first`);
    }
    const start = effects.findIndex((e) => e.type === 'start-phase');
    const request = effects.findIndex((e) => e.type === 'request');
    assert.ok(start < request || request < 0, `${state} + ${event}: start before request`);
    const conclude = effects.find((e) => e.type === 'conclude');
    assert.equal(conclude !== undefined, TERMINAL_STATES.includes(to), `${state} + ${event}: concludes iff terminal`);
    if (conclude?.type === 'conclude') assert.equal(conclude.outcome, to);
  }
});

test('a failure is recorded when a phase fails, never while the migration is already being undone', () => {
  const undoing: ControlState[] = ['finish-cancel', 'finish-abort', 'confirm-cancel', 'confirm'];
  for (const [state, event] of cells) {
    const fails = transition(state, event).effects.filter((e) => e.type === 'fail');
    assert.ok(fails.length <= 1, `${state} + ${event}`);
    if (undoing.includes(state)) assert.equal(fails.length, 0, `${state} + ${event}`);
    if (fails.length === 1)
      assert.deepEqual(fails[0], { type: 'fail', phase: PHASE_OF[state]?.[0] }, `${state} + ${event}`);
  }
});

test('only Perform lets the source switch over; any other state refuses the question', () => {
  for (const state of CONTROL_STATES) {
    const answer = transition(state, 'switchover-ready').effects.find((e) => e.type === 'answer-switchover');
    assert.deepEqual(answer, { type: 'answer-switchover', allow: state === 'perform' }, state);
    assert.equal(transition(state, 'switchover-ready').to, state);
  }
});

test('every waiting state moves on when its peer answers, times out or is lost', () => {
  const leaving: ControlEvent[] = ['ok', 'failed', 'timeout'];
  for (const state of CONTROL_STATES) {
    const peer = awaitedPeer(state);
    if (peer === undefined) continue;
    for (const event of [...leaving, `${peer}-lost` as ControlEvent]) {
      assert.notEqual(transition(state, event).to, state, `${state} + ${event}`);
    }
  }
});

test('from the start, both outcomes are reachable and no state is a dead end', () => {
  const reach = (from: ControlState): Set<ControlState> => {
    const seen = new Set<ControlState>([from]);
    for (const state of seen) for (const event of CONTROL_EVENTS) seen.add(transition(state, event).to);
    return seen;
  };
  const fromIdle = reach('idle');
  assert.deepEqual(
    [...CONTROL_STATES].filter((s) => !fromIdle.has(s)),
    [],
  );
  for (const state of CONTROL_STATES) {
    assert.ok(
      TERMINAL_STATES.some((t) => reach(state).has(t)),
      `${state} can end`,
    );
  }
  for (const terminal of TERMINAL_STATES) assert.deepEqual([...reach(terminal)], [terminal]);
});
