// livemig's side of peer/constant-network.cpp (SimGrid 3.32, network/model:Constant): every transfer lasts the
// same time (SimGrid's network/latency-factor, 13.01 s by default), whatever its size; a 0-byte transfer ends at
// the next event of the simulation.
import { Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

/** `factor`: the transfer duration given to the model (SimGrid's --cfg=network/latency-factor), default 13.01. */
export async function run(factor?: number): Promise<string[]> {
  const sim = new Simulation({
    platform: platform('peer-no-links.xml'),
    network: 'constant',
    ...(factor === undefined ? {} : { constantTransferTimeSec: factor }),
  });
  const lines = ["[  0.000000] (0:maestro@) Configuration change: Set 'network/model' to 'Constant'"];
  if (factor !== undefined) {
    lines.push(`[  0.000000] (0:maestro@) Configuration change: Set 'network/latency-factor' to '${factor}'`);
  }
  sim.onLog((record) => lines.push(shortLine(record)));
  sim.spawn('sender', 'A', async (ctx) => {
    const box = ctx.mailbox('box');
    await box.put('big', 1e9);
    ctx.log('1e9 bytes sent');
    await box.put('small', 1);
    ctx.log('1 byte sent');
    await box.put('empty', 0);
    ctx.log('0 bytes sent, nothing else happening');
    await ctx.sleep(100 - ctx.now);
    const comm = box.putAsync('empty-2', 0);
    await ctx.sleep(0.75);
    ctx.log('slept 0.75 s');
    await comm.wait();
    ctx.log('0 bytes sent, during a sleep');
    await ctx.sleep(200 - ctx.now);
    const c1 = box.putAsync('concurrent-1', 5e6);
    await ctx.sleep(1);
    const c2 = box.putAsync('concurrent-2', 5e6);
    await c1.wait();
    ctx.log('first of two overlapping transfers sent');
    await c2.wait();
    ctx.log('second of two overlapping transfers sent');
  });
  sim.spawn('receiver', 'B', async (ctx) => {
    for (let i = 0; i < 6; i++) {
      // SimGrid's get is two simcalls (irecv, then wait): the actor's turn ends between them (docs/decisions/0001).
      const comm = ctx.mailbox('box').getAsync<string>();
      await ctx.yield();
      ctx.log(`received ${await comm.wait()}`);
    }
  });
  await sim.run();
  sim.log('Simulation ended');
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
