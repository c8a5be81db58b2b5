// The engine single-stepped: peek says when the next event is, step processes that one date, run goes to the end;
// ties are broken by the order things were scheduled or woken; listeners go away when unsubscribed; a deadlock names
// every blocked actor. Hosts here are unshared processors (testing/unshared-cpu.ts): a sleep of d seconds ends d
// seconds later, an execution of f flops on a 1 flop/s host ends f seconds later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LivemigError } from '../core/index.ts';
import type { Activity } from './activity.ts';
import { Engine, type LogRecord } from './engine.ts';
import { unsharedHost } from './testing/unshared-cpu.ts';

test('timers alone: peek gives the next date, step runs what is due then, and false once nothing is left', async () => {
  const engine = new Engine();
  const fired: string[] = [];
  engine.schedule(2, () => fired.push(`b@${engine.now}`));
  engine.schedule(1, () => fired.push(`a@${engine.now}`));
  engine.schedule(1, () => fired.push(`a'@${engine.now}`));
  assert.equal(engine.peek(), 1);
  assert.equal(await engine.step(), true);
  // Both timers of date 1 ran, in the order they were scheduled; the one of date 2 waits.
  assert.deepEqual(fired, ['a@1', "a'@1"]);
  assert.equal(engine.now, 1);
  assert.equal(engine.peek(), 2);
  assert.equal(await engine.step(), true);
  assert.deepEqual(fired, ['a@1', "a'@1", 'b@2']);
  assert.equal(engine.peek(), Number.POSITIVE_INFINITY);
  assert.equal(await engine.step(), false);
  assert.throws(() => engine.step(), /has ended/);
});

test('now is read-only and a date in the past is refused', () => {
  const engine = new Engine();
  assert.throws(() => {
    (engine as unknown as { now: number }).now = 5;
  }, TypeError);
  engine.schedule(0, () => {});
  assert.throws(() => engine.schedule(-1, () => {}), /before now/);
});

test('an actor single-stepped: its first run at date 0, then one step per date it wakes at', async () => {
  const engine = new Engine();
  const host = unsharedHost(engine, 'h');
  const seen: number[] = [];
  engine.spawn('sleeper', host, async (ctx) => {
    seen.push(ctx.now);
    await ctx.sleep(1);
    seen.push(ctx.now);
    await ctx.execute(2); // 2 flops at 1 flop/s
    seen.push(ctx.now);
  });
  // The actor is ready: the next event is now.
  assert.equal(engine.peek(), 0);
  assert.equal(await engine.step(), true);
  assert.deepEqual(seen, [0]);
  assert.equal(engine.peek(), 1);
  assert.equal(await engine.step(), true);
  assert.deepEqual(seen, [0, 1]);
  assert.equal(engine.now, 1);
  assert.equal(engine.peek(), 3);
  assert.equal(await engine.step(), true);
  assert.deepEqual(seen, [0, 1, 3]);
  assert.equal(await engine.step(), false);
});

test('run to a date, then step on from there, then run to the end', async () => {
  const engine = new Engine();
  const host = unsharedHost(engine, 'h');
  const seen: number[] = [];
  engine.spawn('ticker', host, async (ctx) => {
    for (let i = 0; i < 4; i++) {
      await ctx.sleep(1);
      seen.push(ctx.now);
    }
  });
  assert.deepEqual(await engine.run({ until: 1.5 }), { endTime: 1.5, reason: 'until' });
  assert.deepEqual(seen, [1]);
  assert.equal(engine.peek(), 2);
  assert.equal(await engine.step(), true);
  assert.deepEqual(seen, [1, 2]);
  assert.deepEqual(await engine.run(), { endTime: 4, reason: 'finished' });
  assert.deepEqual(seen, [1, 2, 3, 4]);
});

test('ties are deterministic: actors run in creation order, then in the order they are woken', async () => {
  const order = async (): Promise<string[]> => {
    const engine = new Engine();
    const host = unsharedHost(engine, 'h');
    const lines: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      engine.spawn(name, host, async (ctx) => {
        lines.push(`${name}0`);
        await ctx.yield(); // the others ready at this date run first
        lines.push(`${name}1`);
        await ctx.sleep(name === 'a' ? 2 : 1); // b and c end together at 1, in the order they started
        lines.push(`${name}@${ctx.now}`);
      });
    }
    await engine.run();
    return lines;
  };
  const first = await order();
  assert.deepEqual(first, ['a0', 'b0', 'c0', 'a1', 'b1', 'c1', 'b@1', 'c@1', 'a@2']);
  assert.deepEqual(await order(), first);
});

test('a second run or step while one is in progress is refused', async () => {
  const engine = new Engine();
  const host = unsharedHost(engine, 'h');
  engine.spawn('a', host, (ctx) => ctx.sleep(1));
  const running = engine.run();
  assert.throws(() => engine.run(), /already running/);
  assert.throws(() => engine.step(), /already running/);
  await running;
});

test('on… listeners are told until they unsubscribe', async () => {
  const engine = new Engine();
  const host = unsharedHost(engine, 'h');
  const logs: string[] = [];
  const execs: number[] = [];
  const completed: Activity['kind'][] = [];
  const stopLog = engine.onLog((record: LogRecord) => logs.push(`${record.time} ${record.actor}: ${record.message}`));
  const stopExec = engine.onExecStarted((exec) => execs.push(exec.flops));
  const stopCompleted = engine.onActivityCompleted((activity) => completed.push(activity.kind));
  engine.spawn('worker', host, async (ctx) => {
    ctx.log('start');
    await ctx.execute(1);
    await ctx.sleep(1);
    stopLog();
    stopExec();
    stopCompleted();
    ctx.log('unheard');
    await ctx.execute(3);
    await ctx.sleep(1);
  });
  await engine.run();
  assert.deepEqual(logs, ['0 worker: start']);
  assert.deepEqual(execs, [1]);
  assert.deepEqual(completed, ['exec', 'sleep']);
  assert.equal(engine.now, 6);
});

test('a deadlock rejects the step with an error that lists every blocked actor and what it waits for', async () => {
  const engine = new Engine();
  const host = unsharedHost(engine, 'h');
  engine.spawn('reader', host, (ctx) => ctx.mailbox('never').get());
  engine.spawn('joiner', host, async (ctx) => {
    const other = ctx.spawn('stuck', host, (inner) => inner.mailbox('nobody').get());
    await ctx.join(other);
  });
  assert.equal(await engine.step(), true); // date 0: everyone runs once, then waits
  const error = await engine.step().then(
    () => assert.fail('the step should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof LivemigError);
  assert.equal(error.code, 'deadlock');
  const blocked = (error.details as { blocked: { actor: string; waitingFor: string }[] }).blocked;
  assert.deepEqual(
    blocked.map((b) => b.actor),
    ['reader', 'joiner', 'stuck'],
  );
  assert.match(error.message, /Deadlock at 0 s: 3 actor\(s\)/);
  assert.match(error.message, /actor 1 "reader" on h: waiting for communication of 0 bytes on mailbox "never"/);
  assert.match(error.message, /actor 2 "joiner" on h: waiting for the end of actor 3 "stuck"/);
});

test('an error an actor does not catch rejects the step, naming the actor', async () => {
  const engine = new Engine();
  const host = unsharedHost(engine, 'h');
  engine.spawn('careless', host, async (ctx) => {
    await ctx.sleep(1);
    throw new Error('boom');
  });
  assert.equal(await engine.step(), true);
  await assert.rejects(engine.step(), /Actor "careless" on host "h" failed at 1 s and nobody caught it: boom/);
});
