// CPU and network models through the public API: each expected number is derived by hand in the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ActorContext, isLivemigError, Simulation } from '../src/index.ts';

const near = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);

/** Two 1 Gf hosts (2 pstates: 1 Gf and 0.5 Gf, 2 cores) joined by one link of the given kind. */
function pair(sharing: 'shared' | 'split-duplex' | 'fatpipe', network: 'LV08' | 'CM02' | 'constant' = 'CM02') {
  return new Simulation({
    network,
    platform: {
      hosts: [
        { name: 'a', speed: '1Gf,0.5Gf', cores: 2 },
        { name: 'b', speed: '1Gf' },
      ],
      links: [{ name: 'l', bandwidth: '100MBps', latency: '10ms', sharing }],
      routes: [{ src: 'a', dst: 'b', links: [sharing === 'split-duplex' ? { name: 'l', direction: 'up' } : 'l'] }],
    },
  });
}

async function timed(sim: Simulation, host: string, body: (ctx: ActorContext) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  sim.spawn('t', host, async (ctx) => {
    await body(ctx);
    times.push(ctx.now);
  });
  await sim.run();
  return times;
}

test('CM02: a transfer takes latency + size / bandwidth, the reverse route costing 5 % of the link', async () => {
  // CM02: factors 1; one SHARED link crossed both ways: capacity 1e8 / 1.05 for the flow. 1e8 B → 1.05 s + 10 ms.
  const sim = pair('shared');
  sim.spawn('rx', 'b', (ctx) => ctx.mailbox('m').get());
  const [end] = await timed(sim, 'a', (ctx) => ctx.mailbox('m').put('x', 1e8));
  near(end as number, 0.01 + 1.05);
});

test('LV08 on the same link: 13.01 × latency, 0.97 × bandwidth, and the TCP window bound', async () => {
  // Window bound gamma/(2·L) = 4194304/0.02 = 209715200 B/s > 1e8/1.05, so the link limits: rate 0.97·1e8/1.05.
  const sim = pair('shared', 'LV08');
  sim.spawn('rx', 'b', (ctx) => ctx.mailbox('m').get());
  const [end] = await timed(sim, 'a', (ctx) => ctx.mailbox('m').put('x', 1e8));
  near(end as number, 13.01 * 0.01 + 1e8 / ((0.97 * 1e8) / 1.05));
});

test('a rate cap on a transfer (setRate) limits it below the link', async () => {
  const sim = pair('shared');
  sim.spawn('rx', 'b', (ctx) => ctx.mailbox('m').get());
  const [end] = await timed(sim, 'a', (ctx) => ctx.mailbox('m').put('x', 1e7, { rateBytesPerSec: 1e6 }));
  near(end as number, 0.01 + 10);
});

test('SPLITDUPLEX: opposite transfers use separate halves; FATPIPE: parallel transfers each get the whole link', async () => {
  // Split-duplex: a→b on l_UP (weight 1) and l_DOWN (0.05, reverse); b→a on l_DOWN (1) and l_UP (0.05).
  // Each half carries 1 + 0.05 → each flow gets 1e8/1.05: 1e8 B in 1.05 s + 10 ms, as if alone.
  const split = pair('split-duplex');
  const ends: number[] = [];
  split.spawn('rx-b', 'b', async (ctx) => {
    const send = ctx.mailbox('to-a').putAsync('y', 1e8);
    await ctx.mailbox('to-b').get();
    await send.wait();
    ends.push(ctx.now);
  });
  split.spawn('rx-a', 'a', async (ctx) => {
    const send = ctx.mailbox('to-b').putAsync('x', 1e8);
    await ctx.mailbox('to-a').get();
    await send.wait();
    ends.push(ctx.now);
  });
  await split.run();
  for (const end of ends) near(end, 1.06);
  // FATPIPE: two flows a→b: each may use the whole 1e8 (max, not sum): 1e8 B in 1 s + 10 ms.
  const fat = pair('fatpipe');
  fat.spawn('rx1', 'b', (ctx) => ctx.mailbox('1').get());
  fat.spawn('rx2', 'b', (ctx) => ctx.mailbox('2').get());
  const [end] = await timed(fat, 'a', async (ctx) => {
    await ctx.waitAll([ctx.mailbox('1').putAsync('x', 1e8), ctx.mailbox('2').putAsync('y', 1e8)]);
  });
  near(end as number, 1.01);
});

test('the constant network model gives every transfer the same duration, 13.01 s by default', async () => {
  // SimGrid 3.32's Constant model lasts network/latency-factor seconds, 13.01 by default (sg_config.cpp); see
  // examples/simgrid/peer/constant-network.cpp for the side-by-side check.
  const sim = new Simulation({ ...{ platform: pair('shared').platform.description }, network: 'constant' });
  sim.spawn('rx', 'b', (ctx) => ctx.mailbox('m').get());
  const [end] = await timed(sim, 'a', (ctx) => ctx.mailbox('m').put('x', 1e12));
  near(end as number, 13.01);
});

test('CPU: priorities weight the share, a bound caps it, cores add up, pstates change the speed mid-way', async () => {
  // Host a: 2 cores × 1 Gf. Three single-core tasks with priorities 1, 1, 2: penalties 1, 1, 1/2; capacity 2e9, each
  // bounded at 1e9: fair shares 0.5e9, 0.5e9, 1e9 — all within bounds. 1e9 flops each.
  const sim = pair('shared');
  const ends: Record<string, number> = {};
  for (const [name, priority] of [
    ['p1', 1],
    ['p1b', 1],
    ['p2', 2],
  ] as const) {
    sim.spawn(name, 'a', async (ctx) => {
      await ctx.execute(1e9, { priority });
      ends[name] = ctx.now;
    });
  }
  await sim.run();
  // p2 ends at 1 s; then p1 and p1b have 0.5e9 left and one core each: 0.5 s more.
  near(ends.p2 as number, 1);
  near(ends.p1 as number, 1.5);
  near(ends.p1b as number, 1.5);

  const bounded = pair('shared');
  const [cap] = await timed(bounded, 'a', (ctx) => ctx.execute(1e9, { boundFlopsPerSec: 2.5e8 }));
  near(cap as number, 4);

  // A parallel execution: 2 threads of 1e9 flops each on the 2 cores (SimGrid's thread_count): 1 s.
  const parallel = pair('shared');
  const [both] = await timed(parallel, 'a', (ctx) => ctx.execute(1e9, { cores: 2 }));
  near(both as number, 1);

  const slowed = pair('shared');
  slowed.at(0.5, () => slowed.host('a').setPstate(1));
  const [pstate] = await timed(slowed, 'a', (ctx) => ctx.execute(1e9));
  // 0.5e9 flops at 1 Gf, then 0.5e9 at 0.5 Gf.
  near(pstate as number, 1.5);
});

test('a host turned off and on again runs new actors; a transfer from a host that dies fails for its peer', async () => {
  const sim = pair('shared');
  let peerError: unknown;
  sim.spawn('rx', 'b', async (ctx) => {
    try {
      await ctx.mailbox('m').get();
    } catch (error) {
      peerError = error;
    }
  });
  sim.spawn('tx', 'a', (ctx) => ctx.mailbox('m').put('x', 1e9));
  sim.at(1, () => sim.host('a').turnOff());
  sim.at(2, () => {
    sim.host('a').turnOn();
    sim.spawn('again', 'a', (ctx) => ctx.execute(1e9));
  });
  await sim.run();
  assert.ok(isLivemigError(peerError, 'network-failure'), String(peerError));
  near(sim.now, 3);
});
