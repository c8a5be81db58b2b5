// SimGrid 3.32 examples/cpp/cloud-simple: 1e6-flop executions on PMs and VMs, 1e6-byte messages between PMs and
// VMs (loopback, one hop, shared links), then a message from a 1 GiB VM that migrates Fafard → Tremblay → Fafard
// while it sends: VMs add no CPU or network overhead, and a VM's network place is its PM's.
import { type ActorContext, formatG, type Host, type SimHost, Simulation } from '../../src/index.ts';
import { longLine, platform } from './harness.ts';

interface Stamp {
  sender: string;
  senderHost: string;
  start: number;
}

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('small_platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(longLine(record, 's4u_test')));

  const compute = (ctx: ActorContext, where: SimHost) =>
    ctx.spawn('compute', where, async (c) => {
      const start = c.now;
      await c.execute(1e6);
      c.log(`${c.host.name}:${c.name} executed ${formatG(c.now - start)}`);
    });

  const communicate = (ctx: ActorContext, from: SimHost, to: SimHost) => {
    const mailbox = `MBOX:${from.name}-${to.name}`;
    ctx.spawn('comm_tx', from, async (c) => {
      const stamp: Stamp = { sender: c.name, senderHost: c.host.name, start: c.now };
      await c.mailbox(mailbox).put(stamp, 1e6);
    });
    ctx.spawn('comm_rx', to, async (c) => {
      const stamp = await c.mailbox(mailbox).get<Stamp>();
      c.log(`${stamp.senderHost}:${stamp.sender} to ${c.host.name}:${c.name} => ${formatG(c.now - stamp.start)} sec`);
    });
  };

  sim.spawn('master_', 'Fafard', async (ctx) => {
    const [pm0, pm1, pm2] = ['Fafard', 'Tremblay', 'Bourassa'].map((name) => sim.host(name)) as [Host, Host, Host];

    ctx.log('## Test 1 (started): check computation on normal PMs');
    ctx.log('### Put an activity on a PM');
    compute(ctx, pm0);
    await ctx.sleep(2);
    ctx.log('### Put two activities on a PM');
    compute(ctx, pm0);
    compute(ctx, pm0);
    await ctx.sleep(2);
    ctx.log('### Put an activity on each PM');
    compute(ctx, pm0);
    compute(ctx, pm1);
    await ctx.sleep(2);
    ctx.log('## Test 1 (ended)');

    ctx.log(
      '## Test 2 (started): check impact of running an activity inside a VM (there is no degradation for the moment)',
    );
    ctx.log('### Put a VM on a PM, and put an activity to the VM');
    let vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.start();
    compute(ctx, vm0);
    await ctx.sleep(2);
    vm0.destroy();
    ctx.log('## Test 2 (ended)');

    ctx.log(
      '## Test 3 (started): check impact of running an activity collocated with a VM (there is no VM noise for the moment)',
    );
    ctx.log('### Put a VM on a PM, and put an activity to the PM');
    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.start();
    compute(ctx, pm0);
    await ctx.sleep(2);
    vm0.destroy();
    ctx.log('## Test 3 (ended)');

    ctx.log(
      '## Test 4 (started): compare the cost of running two activities inside two different VMs collocated or not ' +
        '(for the moment, there is no degradation for the VMs. Hence, the time should be equals to the time of test 1',
    );
    ctx.log('### Put two VMs on a PM, and put an activity to each VM');
    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.start();
    let vm1 = sim.createVm(pm0, 'VM1', { cores: 1 }); // never started: its executions run all the same
    compute(ctx, vm0);
    compute(ctx, vm1);
    await ctx.sleep(2);
    vm0.destroy();
    vm1.destroy();
    ctx.log('### Put a VM on each PM, and put an activity to each VM');
    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm1 = sim.createVm(pm1, 'VM1', { cores: 1 });
    vm0.start();
    vm1.start();
    compute(ctx, vm0);
    compute(ctx, vm1);
    await ctx.sleep(2);
    vm0.destroy();
    vm1.destroy();
    ctx.log('## Test 4 (ended)');

    ctx.log('## Test 5  (started): Analyse network impact');
    ctx.log('### Make a connection between PM0 and PM1');
    communicate(ctx, pm0, pm1);
    await ctx.sleep(5);
    ctx.log('### Make two connection between PM0 and PM1');
    communicate(ctx, pm0, pm1);
    communicate(ctx, pm0, pm1);
    await ctx.sleep(5);
    ctx.log('### Make a connection between PM0 and VM0@PM0');
    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.start();
    communicate(ctx, pm0, vm0);
    await ctx.sleep(5);
    vm0.destroy();
    ctx.log('### Make a connection between PM0 and VM0@PM1');
    vm0 = sim.createVm(pm1, 'VM0', { cores: 1 }); // never started
    communicate(ctx, pm0, vm0);
    await ctx.sleep(5);
    vm0.destroy();
    ctx.log('### Make two connections between PM0 and VM0@PM1');
    vm0 = sim.createVm(pm1, 'VM0', { cores: 1 });
    vm0.start();
    communicate(ctx, pm0, vm0);
    communicate(ctx, pm0, vm0);
    await ctx.sleep(5);
    vm0.destroy();
    ctx.log('### Make a connection between PM0 and VM0@PM1, and also make a connection between PM0 and PM1');
    vm0 = sim.createVm(pm1, 'VM0', { cores: 1 });
    vm0.start();
    communicate(ctx, pm0, vm0);
    communicate(ctx, pm0, pm1);
    await ctx.sleep(5);
    vm0.destroy();
    ctx.log(
      '### Make a connection between VM0@PM0 and PM1@PM1, and also make a connection between VM0@PM0 and VM1@PM1',
    );
    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm1 = sim.createVm(pm1, 'VM1', { cores: 1 });
    vm0.start();
    vm1.start();
    communicate(ctx, vm0, vm1);
    communicate(ctx, vm0, vm1);
    await ctx.sleep(5);
    vm0.destroy();
    vm1.destroy();
    ctx.log('## Test 5 (ended)');

    ctx.log(
      '## Test 6 (started): Check migration impact (not yet implemented neither on the CPU resource nor on the network one',
    );
    ctx.log('### Relocate VM0 between PM0 and PM1');
    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.ramBytes = 1024 * 1024 * 1024;
    vm0.start();
    communicate(ctx, vm0, pm2);
    await ctx.sleep(0.01);
    await vm0.migrate(pm1);
    await ctx.sleep(0.01);
    await vm0.migrate(pm0);
    await ctx.sleep(5);
    vm0.destroy();
    ctx.log('## Test 6 (ended)');
  });
  await sim.run();
  lines.push(
    longLine(
      { time: sim.now, pid: 0, actor: 'maestro', host: '', message: `Simulation time ${formatG(sim.now)}` },
      's4u_test',
    ),
  );
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
