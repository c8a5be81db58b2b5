// The CPU model (SimGrid's Cas01) single-stepped on tiny systems written out by hand: one processor is one SHARED
// constraint of capacity cores × speed; an execution is a variable of weight 1/priority, bounded by one core's speed
// (and by its own bound, if any). Max-min fair sharing gives each variable an equal weighted share unless a bound
// binds, and the engine moves from one end date to the next.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../kernel/index.ts';
import { CpuModel } from './cpu-model.ts';
import { recordEnds, round } from './testing/ends.ts';

function processor(speedsFlops: number[], cores: number) {
  const engine = new Engine();
  const model = new CpuModel(engine);
  engine.addModel(model);
  return { engine, cpu: model.createCpu('c', speedsFlops, 0, cores), ends: recordEnds(engine) };
}

test('three executions on two cores: 2/3 Gf each, then 1 Gf each once one ends, then alone', async () => {
  // C = 2 cores × 1e9 = 2e9 flop/s. x1, x2, x3 of 1, 2, 3 Gflop, each ≤ 1e9 (one core).
  // x1 + x2 + x3 ≤ 2e9 → xi = 2e9/3 (< 1e9, no bound binds). x1 ends at 1e9 / (2e9/3) = 1.5 s.
  // At 1.5 s x2 and x3 have done 1 Gf: 1 and 2 Gf left; x2 + x3 ≤ 2e9, xi ≤ 1e9 → 1e9 each: x2 ends at 2.5 s.
  // x3 has 1 Gf left, alone but bounded by one core: 1e9 → ends at 3.5 s.
  const { engine, cpu, ends } = processor([1e9], 2);
  cpu.execute(1e9, {}, ends.owner('x1'));
  const x2 = cpu.execute(2e9, {}, ends.owner('x2'));
  cpu.execute(3e9, {}, ends.owner('x3'));
  assert.equal(round(engine.peek()), 1.5);
  assert.equal(await engine.step(), true);
  assert.deepEqual(ends.log, ['x1 ended at 1.5']);
  assert.equal(Math.round(x2.remaining()), 1e9);
  assert.equal(round(engine.peek()), 2.5);
  await engine.step();
  assert.equal(round(engine.peek()), 3.5);
  await engine.step();
  assert.deepEqual(ends.log, ['x1 ended at 1.5', 'x2 ended at 2.5', 'x3 ended at 3.5']);
  assert.equal(await engine.step(), false);
});

test('priorities weigh the shares: priority 2 gets twice the rate of priority 1', async () => {
  // One core of 1e9. x (priority 1, weight 1) and y (priority 2, weight 1/2), 1 Gflop each.
  // Weighted max-min: x·1 = y·(1/2) and x + y = 1e9 → x = 1e9/3, y = 2e9/3. y ends at 1e9 / (2e9/3) = 1.5 s,
  // when x has done 0.5 Gf; alone, x computes the other 0.5 Gf at 1e9 → ends at 2 s.
  const { engine, cpu, ends } = processor([1e9], 1);
  cpu.execute(1e9, {}, ends.owner('x'));
  cpu.execute(1e9, { priority: 2 }, ends.owner('y'));
  await engine.run();
  assert.deepEqual(ends.log, ['y ended at 1.5', 'x ended at 2']);
});

test('a bound caps one execution and the other takes the rest of the processor', async () => {
  // One core of 1e9. b (1 Gflop) bounded at 0.25e9 flop/s; u (1 Gflop) unbounded: b = 0.25e9, u = 0.75e9.
  // u ends at 1e9 / 0.75e9 = 4/3 s. b keeps its bound alone: it ends at 1e9 / 0.25e9 = 4 s whatever u does.
  const { engine, cpu, ends } = processor([1e9], 1);
  cpu.execute(1e9, { boundFlopsPerSec: 0.25e9 }, ends.owner('b'));
  cpu.execute(1e9, {}, ends.owner('u'));
  await engine.run();
  assert.deepEqual(ends.log, [`u ended at ${round(4 / 3)}`, 'b ended at 4']);
});

test('a sleep takes no share, and turning the processor off fails what runs on it at that date', async () => {
  // One core of 1e9: x (5 Gflop) alone would end at 5 s; the sleep s of 2 s does not slow it. At 3 s the processor
  // is turned off: x fails then, after the sleep ended at 2 s.
  const { engine, cpu, ends } = processor([1e9], 1);
  const x = cpu.execute(5e9, {}, ends.owner('x'));
  cpu.sleep(2, ends.owner('s'));
  engine.schedule(3, () => cpu.turnOff());
  assert.equal(engine.peek(), 2);
  await engine.step();
  assert.equal(Math.round(x.remaining()), 3e9);
  await engine.run();
  assert.deepEqual(ends.log, ['s ended at 2', 'x failed at 3']);
});

test('a pstate change mid-way: the rest of the work goes at the new speed', async () => {
  // Speeds 1e9 (pstate 0) and 0.5e9 (pstate 1). x of 2 Gflop: 1 Gf done at 1 s, then pstate 1: 1 Gf at 0.5e9 is
  // 2 s more → ends at 3 s.
  const { engine, cpu, ends } = processor([1e9, 0.5e9], 1);
  cpu.execute(2e9, {}, ends.owner('x'));
  engine.schedule(1, () => cpu.setPstate(1));
  await engine.run();
  assert.deepEqual(ends.log, ['x ended at 3']);
});
