// livemig's side of peer/comm-suspend-latency.cpp (SimGrid 3.32): a transfer suspended during its latency phase
// and resumed skips the rest of its latency; so does one whose actor is suspended then; one suspended mid-transfer
// keeps its remaining bytes.
import { Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('peer-platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const sleepUntil = (ctx: { now: number; sleep(s: number): Promise<void> }, t: number) => ctx.sleep(t - ctx.now);
  const sender = sim.spawn('sender', 'A', async (ctx) => {
    const box = ctx.mailbox('box');
    let comm = box.putAsync('first', 1e6);
    await ctx.sleep(0.05);
    comm.suspend();
    ctx.log(`first suspended, remaining ${comm.remaining.toFixed(0)}`);
    await sleepUntil(ctx, 1);
    comm.resume();
    await comm.wait();
    ctx.log('first sent');
    await sleepUntil(ctx, 10);
    comm = box.putAsync('second', 1e6);
    await ctx.sleep(0.05);
    comm.suspend();
    await ctx.sleep(0.01);
    comm.resume();
    await comm.wait();
    ctx.log('second sent');
    await sleepUntil(ctx, 20);
    await box.put('third', 1e6);
    ctx.log('third sent');
    await sleepUntil(ctx, 30);
    comm = box.putAsync('fourth', 1e8);
    await ctx.sleep(0.5);
    comm.suspend();
    ctx.log(`fourth suspended, remaining ${comm.remaining.toFixed(0)}`);
    await sleepUntil(ctx, 31);
    comm.resume();
    await comm.wait();
    ctx.log('fourth sent');
  });
  sim.spawn('receiver', 'B', async (ctx) => {
    for (let i = 0; i < 4; i++) ctx.log(`received ${await ctx.mailbox('box').get<string>()}`);
  });
  sim.spawn('controller', 'B', async (ctx) => {
    await sleepUntil(ctx, 20.05);
    ctx.log('suspend the sender');
    sim.suspendActor(sender);
    await sleepUntil(ctx, 21);
    ctx.log('resume the sender');
    sim.resumeActor(sender);
  });
  await sim.run();
  sim.log('Simulation ended');
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
