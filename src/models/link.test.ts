// Links single-stepped: a flow crossing a link follows its bandwidth when it changes, fails when the link is turned
// off, and a FATPIPE link gives every flow the whole bandwidth. CM02 (factors 1, weightS 0), one link of 1e8 B/s,
// route latency 10 ms, no cross-traffic (testing/two-hosts.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CM02 } from './network-config.ts';
import { recordEnds, round } from './testing/ends.ts';
import { twoHosts } from './testing/two-hosts.ts';

test('the bandwidth halved mid-way: the bytes left go at the new bandwidth', async () => {
  // 1e8 B: latency until 0.01 s, then 1e8 B/s. At 0.51 s, 5e7 B are done; the link drops to 5e7 B/s: the other
  // 5e7 B take 1 s more → 1.51 s (instead of 1.01 s).
  const { engine, model, link, a, b } = twoHosts(CM02, 1e8, 0.01);
  const ends = recordEnds(engine);
  const flow = model.communicate(a, b, 1e8, undefined, ends.owner('A'));
  engine.schedule(0.51, () => link.setBandwidth(5e7));
  assert.equal(engine.peek(), 0.01);
  await engine.step();
  assert.equal(engine.peek(), 0.51);
  await engine.step();
  assert.equal(Math.round(flow.remaining()), 5e7);
  // The shares are solved again when the engine asks for the next date (lazily, as SimGrid does).
  assert.equal(round(engine.peek()), 1.51);
  assert.equal(link.load(), 5e7);
  await engine.step();
  assert.deepEqual(ends.log, ['A ended at 1.51']);
});

test('a link turned off fails the flows that cross it, at that date', async () => {
  const { engine, model, link, a, b } = twoHosts(CM02, 1e8, 0.01);
  const ends = recordEnds(engine);
  model.communicate(a, b, 1e8, undefined, ends.owner('A'));
  engine.schedule(0.5, () => link.turnOff());
  await engine.run();
  assert.deepEqual(ends.log, ['A failed at 0.5']);
  assert.equal(link.isOn(), false);
});

test('FATPIPE: two flows each get the whole link, where SHARED splits it', async () => {
  // FATPIPE: each flow ≤ 1e8 on its own → 1e8 B in 1 s after 0.01 s for both. SHARED: 5e7 each → 2.01 s for both.
  for (const [sharing, end] of [
    ['fatpipe', 1.01],
    ['shared', 2.01],
  ] as const) {
    const { engine, model, a, b } = twoHosts(CM02, 1e8, 0.01, sharing);
    const ends = recordEnds(engine);
    model.communicate(a, b, 1e8, undefined, ends.owner('A'));
    model.communicate(a, b, 1e8, undefined, ends.owner('B'));
    await engine.run();
    // Both end at the same date (the order of equal dates is the solver's, not what this test is about).
    assert.deepEqual(ends.log.sort(), [`A ended at ${end}`, `B ended at ${end}`], sharing);
  }
});
