// SimGrid 3.32 examples/c/cloud-masterworker: a master on node-0 feeds workers in two 1 GiB VMs (1e7-byte messages,
// 1e7-flop tasks), suspends the VMs for 2 s, adds workers, migrates both VMs to node-1 then to node-10, stops half
// of the workers by message and the rest by VM shutdown. `simcall()` yields where SimGrid ends an actor's turn.
import { type ActorContext, formatG, type Host, Simulation, type VirtualMachine } from '../../src/index.ts';
import { longLine, platform } from './harness.ts';

const TASK_FLOPS = 1e7;
const MESSAGE_BYTES = 1e7;
const FINALIZE = 'finalize';

const twoDigits = (i: number) => String(i).padStart(2, '0');

/** SimGrid ends an actor's turn at every simcall, even one that does not block (VM creation, start, suspend,
 * shutdown, destroy; actor creation, in two steps; mailbox lookup), and the actors ready at the same date run in
 * between; livemig's non-blocking operations take effect at once (docs/decisions/0001), so the actors yield there. */
const simcall = (ctx: ActorContext) => ctx.yield();

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('cluster_backbone.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(longLine(record, 'cloud_masterworker')));

  async function worker(ctx: ActorContext): Promise<void> {
    const mailbox = `MBOX:${ctx.name}`;
    await simcall(ctx);
    ctx.log(`${ctx.name} is listening on mailbox(${mailbox})`);
    for (;;) {
      const task = await ctx.mailbox(mailbox).get<number | typeof FINALIZE>();
      ctx.log(`${ctx.name} received from mailbox(${mailbox})`);
      if (task === FINALIZE) return;
      await ctx.execute(task);
      ctx.log(`${ctx.name} executed`);
    }
  }

  async function sendTasks(ctx: ActorContext, workers: number): Promise<void> {
    for (let i = 0; i < workers; i++) {
      const mailbox = `MBOX:WRK${twoDigits(i)}`;
      await simcall(ctx);
      ctx.log(`Send to mailbox(${mailbox})`);
      await ctx.mailbox(mailbox).put(TASK_FLOPS, MESSAGE_BYTES);
    }
  }

  // SimGrid lists hosts sorted by name: node-0, node-1, node-10, ...
  const [masterPm, ...workerPms] = [...sim.hosts]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, 3) as [Host, Host, Host];

  async function putWorker(ctx: ActorContext, name: string, vm: VirtualMachine): Promise<void> {
    ctx.log(`put an actor (${name}) on ${vm.name}`);
    await simcall(ctx);
    ctx.spawn(name, vm, worker);
    await simcall(ctx);
  }

  sim.spawn('master', masterPm, async (ctx) => {
    const vms: VirtualMachine[] = [];
    ctx.log('# Launch 2 VMs');
    for (const [i, pm] of workerPms.entries()) {
      const name = `VM${twoDigits(i)}`;
      ctx.log(`create ${name} on PM(${pm.name})`);
      const vm = sim.createVm(pm, name, { cores: 1, ramBytes: 1024 * 1024 * 1024 });
      await simcall(ctx);
      vm.start();
      await simcall(ctx);
      vms.push(vm);
      await putWorker(ctx, `WRK${twoDigits(i)}`, vm);
    }

    ctx.log('# Send to 2 worker actors');
    await sendTasks(ctx, 2);

    ctx.log('# Suspend all VMs');
    for (const vm of vms) {
      ctx.log(`suspend ${vm.name}`);
      vm.suspend();
      await simcall(ctx);
    }
    ctx.log('# Wait a while');
    await ctx.sleep(2);
    ctx.log('# Resume all VMs');
    for (const vm of vms) vm.resume();

    ctx.log('# Sleep long enough for everyone to be done with previous batch of work');
    await ctx.sleep(10 - ctx.now);

    ctx.log('# Add one more actor on each VM');
    for (const [i, vm] of vms.entries()) await putWorker(ctx, `WRK${twoDigits(i + 2)}`, vm);
    ctx.log('# Send to 4 worker actors');
    await sendTasks(ctx, 4);

    for (const pm of workerPms) {
      ctx.log(`# Migrate all VMs to PM(${pm.name})`);
      for (const vm of vms) await vm.migrate(pm);
    }

    ctx.log('# Shutdown the half of worker actors gracefully. The remaining half will be forcibly killed.');
    for (let i = 0; i < 2; i++) {
      await simcall(ctx);
      await ctx.mailbox(`MBOX:WRK${twoDigits(i)}`).put(FINALIZE, 0);
    }

    ctx.log('# Wait a while before effective shutdown.');
    await ctx.sleep(2);

    ctx.log('# Shutdown and destroy all the VMs. The remaining worker actors will be forcibly killed.');
    for (const vm of vms) {
      ctx.log(`shutdown ${vm.name}`);
      vm.shutdown();
      await simcall(ctx);
      ctx.log(`destroy ${vm.name}`);
      vm.destroy();
      await simcall(ctx);
    }
    ctx.log('# Goodbye now!');
  });

  await sim.run();
  lines.push(
    longLine(
      { time: sim.now, pid: 0, actor: 'maestro', host: '', message: `Bye (simulation time ${formatG(sim.now)})` },
      'cloud_masterworker',
    ),
  );
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
