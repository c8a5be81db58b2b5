// The flow network models (SimGrid's CM02 and LV08, on the lazy max-min machinery of lmm-model.ts) single-stepped
// on one link written out by hand: a transfer first waits latency × latencyFactor, then is a variable on the link's
// constraint (capacity = bandwidth) bounded by the slowest link and the TCP window gamma / (2 × latency), and moves
// value × bandwidthFactor bytes per second. Here a → b crosses one link of 1e8 B/s with a route latency of 10 ms;
// b → a has no route, so there is no cross-traffic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CM02, LV08 } from './network-config.ts';
import { recordEnds, round } from './testing/ends.ts';
import { twoHosts } from './testing/two-hosts.ts';

test('CM02, two flows on one link: the latency first, then half the link each, then the rest alone', async () => {
  // CM02: latency factor 1, bandwidth factor 1, weightS 0 → both penalties are the latency (equal weights).
  // Window bound 4194304 / (2 × 0.01) ≈ 2.1e8 > 1e8: the link binds. A = 1e8 B, B = 5e7 B.
  // Both wait 0.01 s; then A + B ≤ 1e8 → 5e7 each: B ends at 0.01 + 5e7/5e7 = 1.01 s. A has 5e7 B left, alone at
  // 1e8 B/s → 0.5 s more → 1.51 s.
  const { engine, model, a, b } = twoHosts(CM02, 1e8, 0.01);
  const ends = recordEnds(engine);
  const flowA = model.communicate(a, b, 1e8, undefined, ends.owner('A'));
  model.communicate(a, b, 5e7, undefined, ends.owner('B'));
  assert.equal(engine.peek(), 0.01);
  await engine.step();
  assert.deepEqual(ends.log, []);
  assert.equal(flowA.remaining(), 1e8); // nothing moves during the latency
  assert.equal(round(engine.peek()), 1.01);
  await engine.step();
  assert.deepEqual(ends.log, ['B ended at 1.01']);
  assert.equal(Math.round(flowA.remaining()), 5e7);
  assert.equal(round(engine.peek()), 1.51);
  await engine.step();
  assert.deepEqual(ends.log, ['B ended at 1.01', 'A ended at 1.51']);
});

test('LV08, one flow: 13.01 × the latency, then 0.97 × the bandwidth', async () => {
  // Latency phase 13.01 × 0.01 = 0.1301 s. Then the variable gets the whole link, 1e8 (its bound is the link's
  // 1e8 and the window's ≈ 2.1e8), and moves 0.97 × 1e8 B/s: 1e8 B take 1 / 0.97 s. End: 0.1301 + 1/0.97 s.
  const { engine, model, a, b } = twoHosts({ ...LV08, crossTraffic: false }, 1e8, 0.01);
  const ends = recordEnds(engine);
  const flow = model.communicate(a, b, 1e8, undefined, ends.owner('A'));
  assert.equal(round(engine.peek()), 0.1301);
  await engine.step();
  assert.equal(flow.remaining(), 1e8);
  await engine.step();
  assert.deepEqual(ends.log, [`A ended at ${round(0.1301 + 1 / 0.97)}`]);
});

test('a rate cap bounds a flow below the link (divided by the bandwidth factor, as SimGrid does)', async () => {
  // CM02 (factor 1): 1e7 B capped at 1e6 B/s → 0.01 s of latency + 10 s.
  const { engine, model, a, b } = twoHosts(CM02, 1e8, 0.01);
  const ends = recordEnds(engine);
  model.communicate(a, b, 1e7, 1e6, ends.owner('A'));
  await engine.run();
  assert.deepEqual(ends.log, ['A ended at 10.01']);
});

test('a tight TCP window binds before the link: gamma / (2 × latency)', async () => {
  // Route latency 0.5 s: window bound 4194304 / (2 × 0.5) = 4194304 B/s < 1e8. 4194304 × 2 B take 2 s after the
  // 0.5 s latency → 2.5 s.
  const { engine, model, a, b } = twoHosts(CM02, 1e8, 0.5);
  const ends = recordEnds(engine);
  model.communicate(a, b, 4194304 * 2, undefined, ends.owner('A'));
  await engine.run();
  assert.deepEqual(ends.log, ['A ended at 2.5']);
});
