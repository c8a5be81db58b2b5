// Injected faults: a counted fault wears off after its requests, an uncounted one stays until changed, message
// losses match a kind or a family and the hosts given, and bad faults are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FaultBook } from './faults.ts';

test('a counted fault applies to that many requests, an uncounted one until it is set back to none', () => {
  const book = new FaultBook();
  book.inject({ target: 'bridge', host: 'br', mode: 'refuse', count: 2 });
  book.inject({ target: 'database', host: 'db', mode: 'slow', delaySec: 3 });
  assert.deepEqual(
    [1, 2, 3].map(() => book.behaviour('bridge', 'br').mode),
    ['refuse', 'refuse', 'none'],
  );
  assert.deepEqual(book.behaviour('database', 'db'), { mode: 'slow', delaySec: 3 });
  assert.deepEqual(book.behaviour('database', 'db'), { mode: 'slow', delaySec: 3 });
  book.inject({ target: 'database', host: 'db', mode: 'none' });
  assert.equal(book.behaviour('database', 'db').mode, 'none');
  assert.equal(book.behaviour('agent', 'db').mode, 'none', 'a fault belongs to one service of a host');
});

test('a message loss matches its kind, or a family named without a dot, and the hosts it names', () => {
  const book = new FaultBook();
  book.inject({ target: 'messages', kind: 'vdp', to: 'br2', count: 2 });
  book.inject({ target: 'messages', kind: 'rpc.finish', count: 1 });
  assert.equal(book.loses('vdp.associate', 'dst', 'br1'), false, 'not to that host');
  assert.equal(book.loses('vdp.associate', 'dst', 'br2'), true);
  assert.equal(book.loses('rpc.finish.reply', 'dst', 'mgmt'), false, 'a kind with a dot is matched exactly');
  assert.equal(book.loses('rpc.finish', 'mgmt', 'dst'), true);
  assert.equal(book.loses('rpc.finish', 'mgmt', 'dst'), false, 'used up');
  assert.equal(book.loses('vdp.de-associate', 'src', 'br2'), true);
  assert.equal(book.loses('vdp.de-associate', 'src', 'br2'), false);
});

test('a fault with a mode its target does not have, a slow one without delay, or a bad count is refused', () => {
  const book = new FaultBook();
  assert.throws(() => book.inject({ target: 'agent', host: 'a', mode: 'refuse' as 'silent' }), /agent fault is one of/);
  assert.throws(() => book.inject({ target: 'bridge', host: 'b', mode: 'slow' }), /needs a delay > 0 s/);
  assert.throws(() => book.inject({ target: 'messages', kind: 'vdp', count: 0 }), /whole number ≥ 1/);
});
