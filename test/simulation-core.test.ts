// Acceptance of the simulation core (no VM): SimGrid 3.32's printed numbers, the hand computations of the model,
// determinism, deadlock detection and typed failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ActorContext, isLivemigError, type LivemigError, Simulation, simgridLogLine } from '../src/index.ts';

const platforms = fileURLToPath(new URL('../examples/simgrid/platforms/', import.meta.url));
const small = `${platforms}small_platform.xml`;

const near = (actual: number, expected: number, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} differs from ${expected} by more than ${tolerance}`);

/** Runs `body` as an actor on `host` and returns what it resolves to. */
async function inActor<T>(sim: Simulation, host: string, body: (ctx: ActorContext) => Promise<T>): Promise<T> {
  let result: T | undefined;
  sim.spawn('test', host, async (ctx) => {
    result = await body(ctx);
  });
  await sim.run();
  return result as T;
}

test('computations take SimGrid cloud-simple test 1 times (Fafard 76.296 Mf, Tremblay 98.095 Mf)', async () => {
  // s4u-cloud-simple.out: "Fafard:compute executed 0.0131068", two at once 0.0262137, Tremblay 0.0101942.
  const sim = new Simulation({ platform: small });
  const durations: number[] = [];
  sim.spawn('alone', 'Fafard', async (ctx) => {
    await ctx.execute(1e6);
    durations.push(ctx.now);
    const t0 = ctx.now;
    const other = ctx.spawn('other', 'Fafard', (c) => c.execute(1e6));
    await ctx.execute(1e6);
    durations.push(ctx.now - t0);
    await ctx.join(other);
  });
  sim.spawn('tremblay', 'Tremblay', async (ctx) => {
    await ctx.execute(1e6);
    durations.push(ctx.now);
  });
  await sim.run();
  // 1e6/98.095e6 ends first, then 1e6/76.296e6, then two sharing Fafard: 2e6/76.296e6.
  near(durations[0] as number, 1e6 / 98.095e6);
  near(durations[1] as number, 1e6 / 76.296e6);
  near(durations[2] as number, 2e6 / 76.296e6);
  near(durations[1] as number, 0.0131068);
  near(durations[0] as number, 0.0101942);
  near(durations[2] as number, 0.0262137);
});

test('a 1e6-byte message Fafard → Tremblay takes 0.158397 s alone and 0.291085 s with another (cloud-simple test 5)', async () => {
  const sim = new Simulation({ platform: small });
  const ends: number[] = [];
  sim.spawn('rx', 'Tremblay', async (ctx) => {
    await ctx.mailbox('a').get();
    ends.push(ctx.now);
  });
  sim.spawn('tx', 'Fafard', async (ctx) => {
    await ctx.mailbox('a').put('x', 1e6);
    await ctx.sleep(5);
    const t0 = ctx.now;
    const rx = ctx.spawn('rx2', 'Tremblay', async (c) => {
      await c.mailbox('b').get();
      ends.push(c.now - t0);
    });
    const first = ctx.mailbox('c').putAsync('x', 1e6);
    ctx.spawn('rx3', 'Tremblay', async (c) => {
      await c.mailbox('c').get();
      ends.push(c.now - t0);
    });
    await ctx.mailbox('b').put('y', 1e6);
    await first.wait();
    await ctx.join(rx);
  });
  await sim.run();
  near(ends[0] as number, 0.158397);
  near(ends[1] as number, 0.291085);
  near(ends[2] as number, 0.291085);
});

test('a 1e9-byte transfer Fafard → Tremblay matches the LV08 formula of docs/models.md to 1e-6 s', async () => {
  // Route links 8,1,0,2,3,4: latency L = 1.976025 ms, bottleneck link 8 = 8.158 MBps, crossed both ways (1.05).
  const sim = new Simulation({ platform: small });
  const L = 0.000270544 + 0.000514433 + 0.000059904 + 0.000136931 + 0.000514433 + 0.00047978;
  near(L, 0.001976025, 1e-12);
  const expected = 1e9 / ((0.97 * 8.158e6) / 1.05) + 13.01 * L;
  const duration = await inActor(sim, 'Fafard', async (ctx) => {
    ctx.spawn('rx', 'Tremblay', (c) => c.mailbox('m').get());
    await ctx.mailbox('m').put('data', 1e9);
    return ctx.now;
  });
  near(duration, expected);
  // SimGrid's migration of the same VM adds two 0-byte messages (stage 3 and ack): 132.765801 s.
  near(duration + 2 * 13.01 * L, 132.765801);
});

test('two flows from Fafard to Tremblay and Bourassa share link 8 in proportion to 1/penalty (LV08 weight-S)', async () => {
  // SimGrid's cloud-migration: 216.508796 s and 265.435541 s for the two 1e9-byte VMs (minus 3 latencies each).
  const sim = new Simulation({ platform: small });
  const ends: Record<string, number> = {};
  sim.spawn('tx', 'Fafard', async (ctx) => {
    const a = ctx.mailbox('t').putAsync('x', 1e9);
    const b = ctx.mailbox('b').putAsync('x', 1e9);
    await ctx.waitAll([a, b]);
  });
  for (const dst of ['Tremblay', 'Bourassa']) {
    sim.spawn(`rx-${dst}`, dst, async (ctx) => {
      await ctx.mailbox(dst === 'Tremblay' ? 't' : 'b').get();
      ends[dst] = ctx.now;
    });
  }
  await sim.run();
  const route = (names: string[]) => names.map((n) => sim.platform.link(n).latencySec).reduce((s, l) => s + l, 0);
  const toTremblay = route(['8', '1', '0', '2', '3', '4']);
  const toBourassa = route(['8', '6', '7']);
  near((ends.Tremblay as number) + 2 * 13.01 * toTremblay, 265.435541);
  near((ends.Bourassa as number) + 2 * 13.01 * toBourassa, 216.508796);
});

test('the same simulation twice gives byte-identical logs', async () => {
  const once = async () => {
    const sim = new Simulation({ platform: small });
    const lines: string[] = [];
    sim.onLog((record) => lines.push(simgridLogLine(record)));
    for (const [i, host] of ['Fafard', 'Tremblay', 'Jupiter', 'Bourassa'].entries()) {
      sim.spawn(`worker-${i}`, host, async (ctx) => {
        for (let k = 0; k < 3; k++) {
          await ctx.execute(1e7 * (k + 1));
          const sent = ctx.mailbox(`m${(i + 1) % 4}`).putAsync(`from ${i}`, 1e5 * (i + 1));
          ctx.log(`round ${k} got ${await ctx.mailbox(`m${i}`).get()}`);
          await sent.wait();
        }
      });
    }
    await sim.run();
    return lines.join('\n');
  };
  const first = await once();
  assert.ok(first.split('\n').length === 12);
  assert.equal(await once(), first);
});

test('a deadlock is an error that lists every blocked actor and what it waits for', async () => {
  const sim = new Simulation({ platform: small });
  sim.spawn('alice', 'Fafard', async (ctx) => {
    await ctx.mailbox('from-bob').get();
  });
  sim.spawn('bob', 'Tremblay', async (ctx) => {
    await ctx.sleep(1);
    await ctx.mailbox('from-alice').get();
  });
  await assert.rejects(sim.run(), (error: unknown) => {
    assert.ok(isLivemigError(error, 'deadlock'));
    assert.match(error.message, /Deadlock at 1 s: 2 actor/);
    assert.match(error.message, /"alice" on Fafard: waiting for communication .*from-bob/);
    assert.match(error.message, /"bob" on Tremblay: waiting for communication .*from-alice/);
    return true;
  });
});

test('an execution on a host turned off mid-way rejects with a typed host-failure error', async () => {
  const sim = new Simulation({ platform: small });
  let caught: unknown;
  sim.spawn('remote', 'Fafard', async (ctx) => {
    const exec = ctx.execAsync(1e9, {}, sim.host('Jupiter'));
    try {
      await exec.wait();
    } catch (error) {
      caught = error;
    }
    ctx.log(`caught at ${ctx.now}`);
  });
  sim.spawn('local', 'Jupiter', async (ctx) => {
    await ctx.execute(1e12);
    ctx.log('never');
  });
  sim.at(2, () => sim.host('Jupiter').turnOff());
  await sim.run();
  assert.ok(isLivemigError(caught, 'host-failure'), String(caught));
  assert.match((caught as LivemigError).message, /Jupiter/);
  assert.equal(sim.now, 2);
});

test('waitFor times out with a typed timeout error and the actor goes on', async () => {
  const sim = new Simulation({ platform: small });
  const times: number[] = [];
  sim.spawn('waiter', 'Fafard', async (ctx) => {
    const message = ctx.mailbox('silence').getAsync();
    await assert.rejects(message.waitFor(2.5), (e: unknown) => isLivemigError(e, 'timeout'));
    times.push(ctx.now);
    await assert.rejects(ctx.execAsync(1e9).waitFor(1), (e: unknown) => isLivemigError(e, 'timeout'));
    times.push(ctx.now);
  });
  await sim.run();
  assert.deepEqual(times, [2.5, 3.5]);
});

test('kill, join and daemons: a killed actor unwinds, joiners wake, daemons die with the last actor', async () => {
  const sim = new Simulation({ platform: small });
  const events: string[] = [];
  sim.spawn('main', 'Fafard', async (ctx) => {
    const sleeper = ctx.spawn('sleeper', 'Fafard', async (c) => {
      try {
        await c.sleep(100);
      } finally {
        events.push(`sleeper unwound at ${c.now}`);
      }
    });
    ctx.spawn(
      'daemon',
      'Tremblay',
      async (c) => {
        for (;;) await c.sleep(1);
      },
      { daemon: true },
    );
    await ctx.sleep(3);
    ctx.kill(sleeper);
    await ctx.join(sleeper);
    events.push(`joined at ${ctx.now}`);
    await ctx.sleep(2);
  });
  await sim.run();
  assert.deepEqual(events, ['sleeper unwound at 3', 'joined at 3']);
  assert.equal(sim.now, 5);
});

test('an uncaught error in an actor ends the run loudly, naming the actor', async () => {
  const sim = new Simulation({ platform: small });
  sim.spawn('clumsy', 'Fafard', async (ctx) => {
    await ctx.sleep(1);
    throw new Error('boom');
  });
  await assert.rejects(sim.run(), /Actor "clumsy" on host "Fafard" failed at 1 s and nobody caught it: boom/);
});

test('an operation called while another actor runs (a forgotten await) is refused clearly', async () => {
  const sim = new Simulation({ platform: small });
  let caught: unknown;
  sim.spawn('hasty', 'Fafard', async (ctx) => {
    const first = ctx.sleep(1);
    try {
      await ctx.sleep(1);
    } catch (error) {
      caught = error;
    }
    await first;
  });
  sim.spawn('other', 'Tremblay', (ctx) => ctx.sleep(1));
  await sim.run();
  assert.ok(isLivemigError(caught, 'invalid-state'));
  assert.match((caught as Error).message, /forgot|Await every simulated operation/);
});
