// SimGrid 3.32 examples/cpp/cloud-capping (compared sorted, as its tesh does): execution bounds on a PM and in VMs,
// a VM capped at 10 % of its PM, a migration Fafard → Fafard of a capped 1e9-byte VM (the cap survives it), and
// a VM bound changed while its execution runs.
import {
  type ActorContext,
  formatFixed,
  formatG,
  type SimHost,
  Simulation,
  type VirtualMachine,
} from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

const f = (x: number) => formatFixed(x, 6);

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('small_platform.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const pm0 = sim.host('Fafard');
  const speedOf = (host: SimHost) =>
    host.isVirtual ? (host as VirtualMachine).cpu.speed : sim.host(host.name).speedFlops;

  /** Spawns an actor computing `flops`, bounded when `bound` is given, that prints its duration and rate. */
  const worker = (ctx: ActorContext, name: string, host: SimHost, flops: number, bound?: number) =>
    ctx.spawn(name, host, async (c) => {
      const start = c.now;
      if (bound !== undefined && bound < 1e-12) c.log('bound == 0 means no capping (i.e., unlimited).');
      await c.execute(flops, bound === undefined ? {} : { boundFlopsPerSec: bound });
      const duration = c.now - start;
      const rate = `duration ${f(duration)} (${f(flops / duration)} flops/s)`;
      c.log(bound === undefined ? `not bound => ${rate}` : `bound to ${f(bound)} => ${rate}`);
    });

  async function oneActivity(ctx: ActorContext, host: SimHost): Promise<void> {
    const speed = speedOf(host);
    const flops = speed * 10;
    ctx.log('### Test: with/without activity set_bound');
    const cases: [string, number | undefined][] = [
      [`no bound for Task1@${host.name}`, undefined],
      [`50% for Task1@${host.name}`, speed / 2],
      [`33% for Task1@${host.name}`, speed / 3],
      [`zero for Task1@${host.name} (i.e., unlimited)`, 0],
      [`200% for Task1@${host.name} (i.e., meaningless)`, speed * 2],
    ];
    for (const [title, bound] of cases) {
      ctx.log(`### Test: ${title}`);
      worker(ctx, 'worker0', host, flops, bound);
      await ctx.sleep(1000);
    }
  }

  async function twoActivities(ctx: ActorContext, a: SimHost, b: SimHost): Promise<void> {
    const speed = speedOf(a);
    if (speed !== speedOf(b)) throw new Error(`${a.name} and ${b.name} must have the same speed`);
    const flops = speed * 10;
    const cases: [string, number | undefined, string, number | undefined][] = [
      ['no bound', undefined, 'no bound', undefined],
      ['0', 0, '0', 0],
      ['50%', speed / 2, '50%', speed / 2],
      ['25%', speed / 4, '25%', speed / 4],
      ['75%', speed * 0.75, '100%', speed],
      ['no bound', undefined, '25%', speed / 4],
      ['75%', speed * 0.75, '25%', speed / 4],
    ];
    for (const [titleA, boundA, titleB, boundB] of cases) {
      const unlimited = boundA === 0 && boundB === 0 ? ' (i.e., unlimited)' : '';
      ctx.log(`### Test: ${titleA} for Task1@${a.name}, ${titleB} for Task2@${b.name}${unlimited}`);
      worker(ctx, 'worker0', a, flops, boundA);
      worker(ctx, 'worker1', b, flops, boundB);
      await ctx.sleep(1000);
    }
  }

  /** Two VMs on Fafard, each running a long execution; VM1's bound grows by a tenth of the PM speed every 101 s. */
  async function dynamicBound(ctx: ActorContext): Promise<void> {
    const vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    const vm1 = sim.createVm(pm0, 'VM1', { cores: 1 });
    vm0.start();
    vm1.start();
    const busyLoop = (name: string, vm: VirtualMachine, step: number | undefined) => async (c: ActorContext) => {
      let previous = 1e11;
      const exec = c.execAsync(previous);
      for (let i = 0; i < 10; i++) {
        if (step !== undefined) {
          const bound = (step / 10) * i;
          c.log(`set bound of VM1 to ${f(bound)}`);
          vm.setBound(bound);
        }
        await c.sleep(100);
        const now = exec.remaining;
        c.log(`${name}@${c.host.name}: ${formatFixed((previous - now) / 100, 0)} flops/s`);
        previous = now;
        await c.sleep(1);
      }
      await exec.wait();
    };
    ctx.spawn('worker0', vm0, busyLoop('Task0', vm0, undefined));
    ctx.spawn('worker1', vm1, busyLoop('Task1', vm1, pm0.speedFlops));
    await ctx.sleep(3000);
    vm0.destroy();
    vm1.destroy();
  }

  sim.spawn('master_', pm0, async (ctx) => {
    ctx.log('# 1. Put a single activity on a PM.');
    await oneActivity(ctx, pm0);
    ctx.log('.');
    ctx.log('# 2. Put two activities on a PM.');
    await twoActivities(ctx, pm0, pm0);
    ctx.log('.');

    let vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.start();
    ctx.log('# 3. Put a single activity on a VM.');
    await oneActivity(ctx, vm0);
    ctx.log('.');
    ctx.log('# 4. Put two activities on a VM.');
    await twoActivities(ctx, vm0, vm0);
    ctx.log('.');
    vm0.destroy();

    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.start();
    ctx.log('# 6. Put an activity on a PM and an activity on a VM.');
    await twoActivities(ctx, pm0, vm0);
    ctx.log('.');
    vm0.destroy();

    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.setBound(pm0.speedFlops / 10);
    vm0.start();
    ctx.log('# 7. Put a single activity on the VM capped by 10%.');
    await oneActivity(ctx, vm0);
    ctx.log('.');
    ctx.log('# 8. Put two activities on the VM capped by 10%.');
    await twoActivities(ctx, vm0, vm0);
    ctx.log('.');
    ctx.log('# 9. Put an activity on a PM and an activity on the VM capped by 10%.');
    await twoActivities(ctx, pm0, vm0);
    ctx.log('.');
    vm0.destroy();

    vm0 = sim.createVm(pm0, 'VM0', { cores: 1 });
    vm0.ramBytes = 1e9;
    vm0.start();
    const speed = pm0.speedFlops;
    ctx.log('# 10. Test migration');
    ctx.log('# 10. (a) Put an activity on a VM without any bound.');
    worker(ctx, 'worker0', vm0, speed * 10);
    await ctx.sleep(1000);
    ctx.log('.');
    ctx.log('# 10. (b) set 10% bound to the VM, and then put an activity on the VM.');
    vm0.setBound(speed / 10);
    worker(ctx, 'worker0', vm0, speed * 10);
    await ctx.sleep(1000);
    ctx.log('.');
    ctx.log('# 10. (c) migrate');
    await vm0.migrate(sim.host('Fafard'));
    ctx.log('.');
    ctx.log('# 10. (d) Put an activity again on the VM.');
    worker(ctx, 'worker0', vm0, speed * 10);
    await ctx.sleep(1000);
    ctx.log('.');
    vm0.destroy();

    ctx.log('# 11. Change a bound dynamically.');
    await dynamicBound(ctx);
  });
  await sim.run();
  const bye = `Bye (simulation time ${formatG(sim.now)})`;
  lines.push(shortLine({ time: sim.now, pid: 0, actor: 'maestro', host: '', message: bye }));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
