// The constant network model (SimGrid's network_constant.cpp) single-stepped: every transfer lasts the same time
// whatever its size or route, and its bytes drain linearly over that time, so a transfer of 0 bytes ends at the
// next event of the simulation, whatever it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine, type NetworkEndpoint } from '../kernel/index.ts';
import { CONSTANT_TRANSFER_TIME_SEC, ConstantNetworkModel } from './constant-network.ts';
import { recordEnds } from './testing/ends.ts';

const host: NetworkEndpoint = { name: 'h', networkNode: undefined as never };

function constantNetwork(transferTimeSec = CONSTANT_TRANSFER_TIME_SEC) {
  const engine = new Engine();
  const model = new ConstantNetworkModel(engine, transferTimeSec);
  engine.addModel(model);
  return { engine, model, ends: recordEnds(engine) };
}

test('a small and a large transfer both last 13.01 s, half-way at half the time', async () => {
  // 13.01 s is SimGrid's default latency factor, the duration of every transfer. At 6.505 s (a timer) each has
  // half its bytes left: 500 of 1e3, 5e8 of 1e9.
  const { engine, model, ends } = constantNetwork();
  const small = model.communicate(host, host, 1e3, undefined, ends.owner('small'));
  const large = model.communicate(host, host, 1e9, undefined, ends.owner('large'));
  engine.schedule(13.01 / 2, () => {});
  assert.equal(engine.peek(), 13.01 / 2);
  await engine.step();
  assert.equal(Math.round(small.remaining()), 500);
  assert.equal(Math.round(large.remaining()), 5e8);
  assert.equal(engine.peek(), 13.01);
  await engine.step();
  assert.deepEqual(ends.log, ['small ended at 13.01', 'large ended at 13.01']);
});

test('a 0-byte transfer ends at the next event, here a timer at 1 s', async () => {
  // Its 0 bytes are drained at the first step whatever its length: the timer makes that step at 1 s.
  const { engine, model, ends } = constantNetwork();
  model.communicate(host, host, 0, undefined, ends.owner('empty'));
  engine.schedule(1, () => {});
  await engine.step();
  assert.deepEqual(ends.log, ['empty ended at 1']);
});

test('with a transfer time of 0, a transfer ends at once, at the date it started', async () => {
  const { engine, model, ends } = constantNetwork(0);
  model.communicate(host, host, 1e9, undefined, ends.owner('instant'));
  assert.equal(await engine.step(), true);
  assert.deepEqual(ends.log, ['instant ended at 0']);
  assert.equal(engine.now, 0);
});
