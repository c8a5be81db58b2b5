// SimGrid 3.32 teshsuite/models/cloud-sharing (energy plugin, sorted output): 43 CPU-sharing cases on 1-, 2- and
// 4-core PMs with VMs that are never started; each task is sized to last exactly 0.1 s under two-level sharing, and
// the energy of each case tells how many cores were busy. Cases are written in SimGrid's notation, parsed below.
import { type ActorContext, formatFixed, formatG, Simulation } from '../../src/index.ts';
import { energyLines, longLine, platform } from './harness.ts';

/** 100 Mflop: 0.1 s on one 1 Gf core. */
const FLOPS = 100_000_000;

/**
 * A case in SimGrid's notation: `( [oo]2 o )4` is a 4-core PM running a 2-vCPU VM with two tasks plus one task of
 * its own; `(o)1 (o)1` two 1-core PMs. Each task is named after the case with its own `o` written `X`, which says
 * where it runs. `title` (`$case` = the case), `cores`: cores that should be busy, `vm`/`pm`: share of a core each
 * task in a VM / on a PM gets, hence its flops (C integer division, as in SimGrid).
 */
interface SharingCase {
  notation: string;
  title: string;
  cores: number;
  tasks: string[];
  vm?: string;
  pm?: string;
}

const c = (notation: string, title: string, cores: number, tasks: string[], loads: { vm?: string; pm?: string } = {}) =>
  ({ notation, title, cores, tasks, ...loads }) satisfies SharingCase;

const PLAN: (string | SharingCase)[] = [
  '# TEST ON SINGLE-CORE PMs',
  '## Check computation on regular PMs',
  c('(o)1', "Test '$case'. A task on a regular PM", 1, ['(X)1']),
  c('(oo)1', "Test '$case'. 2 tasks on a regular PM", 1, ['(Xo)1', '(oX)1'], { pm: '1/2' }),
  c('(o)1 (o)1', "Test '$case'. 2 regular PMs, with a task each.", 2, ['(X)1 (o)1', '(o)1 (X)1']),
  '# TEST ON SINGLE-CORE PMs AND SINGLE-CORE VMs',
  '## Check the impact of running tasks inside a VM (no degradation for the moment)',
  c('( [o]1 )1', "Test '$case'. A task in a VM on a PM.", 1, ['( [X]1 )1']),
  c('( [oo]1 )1', "Test '$case'. 2 tasks co-located in a VM on a PM.", 1, ['( [Xo]1 )1', '( [oX]1 )1'], {
    vm: '1/2',
  }),
  '## Check impact of running tasks collocated with VMs (no VM noise for the moment)',
  c('( [ ]1 o )1', "Test '$case'. 1 task collocated with an empty VM", 1, ['( [ ]1 X )1']),
  c('( [o]1 o )1', "Test '$case'. A task in a VM, plus a task", 1, ['( [X]1 o )1', '( [o]1 X )1'], {
    vm: '1/2',
    pm: '1/2',
  }),
  c('( [oo]1 o )1', "Test '$case'. 2 tasks in a VM, plus a task", 1, ['( [Xo]1 o )1', '( [oX]1 o )1', '( [oo]1 X )1'], {
    vm: '1/4',
    pm: '1/2',
  }),
  '# TEST ON TWO-CORE PMs',
  '## Check computation on 2 cores PMs',
  c('( o )2', "Test '$case'. A task on bicore PM", 1, ['(X)2']),
  c('( oo )2', "Test '$case'. 2 tasks on a bicore PM", 2, ['(Xx)2', '(xX)2']),
  c('( ooo )2', "Test '$case'. 3 tasks on a bicore PM", 2, ['(Xxx)2', '(xXx)2', '(xxX)2'], { pm: '2/3' }),
  '# TEST ON TWO-CORE PMs AND SINGLE-CORE VMs',
  '## Check impact of a single VM (no degradation for the moment)',
  c('( [o]1 )2', "Test '$case'. A task in a VM on a bicore PM", 1, ['( [X]1 )2']),
  c('( [oo]1 )2', "Test '$case'. 2 tasks in a VM on a bicore PM", 1, ['( [Xx]1 )2', '( [xX]1 )2'], { vm: '1/2' }),
  c('( [ ]1 o )2', 'Put a VM on a PM, and put a task to the PM', 1, ['( [ ]1 X )2']),
  c('( [o]1 o )2', 'Put a VM on a PM, put a task to the PM and a task to the VM', 2, ['( [X]1 x )2', '( [x]1 X )2']),
  '## Check impact of a several VMs (there is no degradation for the moment)',
  c('( [o]1 [ ]1 )2', 'Put two VMs on a PM, and put a task to one VM', 1, ['( [X]1 [ ]1 )2']),
  c('( [o]1 [o]1 )2', 'Put two VMs on a PM, and put a task to each VM', 2, ['( [X]1 [x]1 )2', '( [x]1 [X]1 )2']),
  c('( [o]1 [o]1 [ ]1 )2', 'Put three VMs on a PM, and put a task to two VMs', 2, [
    '( [X]1 [x]1 [ ]1 )2',
    '( [x]1 [X]1 [ ]1 )2',
  ]),
  c(
    '( [o]1 [o]1 [o]1 )2',
    'Put three VMs on a PM, and put a task to each VM',
    2,
    ['( [X]1 [o]1 [o]1 )2', '( [o]1 [X]1 [o]1 )2', '( [o]1 [o]1 [X]1 )2'],
    { vm: '2/3' },
  ),
  '# TEST ON TWO-CORE PMs AND TWO-CORE VMs',
  '## Check impact of a single VM (there is no degradation for the moment)',
  c('( [o]2 )2', 'Put a VM on a PM, and put a task to the VM', 1, ['( [X]2 )2']),
  c('( [oo]2 )2', 'Put a VM on a PM, and put two tasks to the VM', 2, ['( [Xo]2 )2', '( [oX]2 )2']),
  c(
    '( [ooo]2 )2',
    'Put a VM on a PM, and put three tasks to the VM',
    2,
    ['( [Xoo]2 )2', '( [oXo]2 )2', '( [ooX]2 )2'],
    {
      vm: '2/3',
    },
  ),
  '## Check impact of a single VM collocated with a task (there is no degradation for the moment)',
  c('( [ ]2 o )2', 'Put a VM on a PM, and put a task to the PM', 1, ['( [ ]2 X )2']),
  c('( [o]2 o )2', 'Put a VM on a PM, put one task to the PM and one task to the VM', 2, [
    '( [o]2 X )2',
    '( [X]2 o )2',
  ]),
  c(
    '( [oo]2 o )2',
    'Put a VM on a PM, put one task to the PM and two tasks to the VM',
    2,
    ['( [oo]2 X )2', '( [Xo]2 o )2', '( [oX]2 o )2'],
    { vm: '2/3', pm: '2/3' },
  ),
  c(
    '( [ooo]2 o )2',
    'Put a VM on a PM, put one task to the PM and three tasks to the VM',
    2,
    ['( [ooo]2 X )2', '( [Xoo]2 o )2', '( [oXo]2 o )2', '( [ooX]2 o )2'],
    { vm: '4/9', pm: '2/3' },
  ),
  c('( [ ]2 oo )2', 'Put a VM on a PM, and put two tasks to the PM', 2, ['( [ ]2 Xo )2', '( [ ]2 oX )2']),
  c(
    '( [o]2 oo )2',
    'Put a VM on a PM, put one task to the PM and one task to the VM',
    2,
    ['( [o]2 Xo )2', '( [o]2 oX )2', '( [X]2 oo )2'],
    { vm: '2/3', pm: '2/3' },
  ),
  c(
    '( [oo]2 oo )2',
    'Put a VM on a PM, put one task to the PM and two tasks to the VM',
    2,
    ['( [oo]2 Xo )2', '( [oo]2 oX )2', '( [Xo]2 oo )2', '( [oX]2 oo )2'],
    { vm: '1/2', pm: '1/2' },
  ),
  c(
    '( [ooo]2 oo )2',
    'Put a VM on a PM, put one task to the PM and three tasks to the VM',
    2,
    ['( [ooo]2 Xo )2', '( [ooo]2 oX )2', '( [Xoo]2 oo )2', '( [oXo]2 oo )2', '( [ooX]2 oo )2'],
    { vm: '1/3', pm: '1/2' },
  ),
  '# TEST ON FOUR-CORE PMs AND TWO-CORE VMs',
  '## Check impact of a single VM',
  c('( [o]2 )4', 'Put a VM on a PM, and put a task to the VM', 1, ['( [X]2 )4']),
  c('( [oo]2 )4', 'Put a VM on a PM, and put two tasks to the VM', 2, ['( [Xo]2 )4', '( [oX]2 )4']),
  c(
    '( [ooo]2 )4',
    '$case: Put a VM on a PM, and put three tasks to the VM',
    2,
    ['( [Xoo]2 )4', '( [oXo]2 )4', '( [ooX]2 )4'],
    { vm: '2/3' },
  ),
  '## Check impact of a single empty VM collocated with tasks',
  c('( [ ]2 o )4', 'Put a VM on a PM, and put a task to the PM', 1, ['( [ ]2 X )4']),
  c('( [ ]2 oo )4', 'Put a VM on a PM, and put two tasks to the PM', 2, ['( [ ]2 Xo )4', '( [ ]2 oX )4']),
  c('( [ ]2 ooo )4', 'Put a VM on a PM, and put three tasks to the PM', 3, [
    '( [ ]2 Xoo )4',
    '( [ ]2 oXo )4',
    '( [ ]2 ooX )4',
  ]),
  c('( [ ]2 oooo )4', 'Put a VM on a PM, and put four tasks to the PM', 4, [
    '( [ ]2 Xooo )4',
    '( [ ]2 oXoo )4',
    '( [ ]2 ooXo )4',
    '( [ ]2 oooX )4',
  ]),
  '## Check impact of a single working VM collocated with tasks',
  c('( [o]2 o )4', 'Put a VM on a PM, and put one task to the PM and one task to the VM', 2, [
    '( [X]2 o )4',
    '( [o]2 X )4',
  ]),
  c('( [o]2 oo )4', 'Put a VM on a PM, and put two tasks to the PM and one task to the VM', 3, [
    '( [X]2 oo )4',
    '( [o]2 Xo )4',
    '( [o]2 oX )4',
  ]),
  c('( [oo]2 oo )4', 'Put a VM on a PM, and put two tasks to the PM and two tasks to the VM', 4, [
    '( [Xo]2 oo )4',
    '( [oX]2 oo )4',
    '( [oo]2 Xo )4',
    '( [oo]2 oX )4',
  ]),
  c('( [o]2 ooo )4', 'Put a VM on a PM, and put three tasks to the PM and one tasks to the VM', 4, [
    '( [X]2 ooo )4',
    '( [o]2 Xoo )4',
    '( [o]2 oXo )4',
    '( [o]2 ooX )4',
  ]),
  c(
    '( [oo]2 ooo )4',
    'Put a VM on a PM, and put three tasks to the PM and two tasks to the VM',
    4,
    ['( [Xo]2 ooo )4', '( [oX]2 ooo )4', '( [oo]2 Xoo )4', '( [oo]2 oXo )4', '( [oo]2 ooX )4'],
    { vm: '4/5', pm: '4/5' },
  ),
  c(
    '( [ooo]2 ooo )4',
    'Put a VM on a PM, and put three tasks to the PM and three tasks to the VM',
    4,
    ['( [Xoo]2 ooo )4', '( [oXo]2 ooo )4', '( [ooX]2 ooo )4', '( [ooo]2 Xoo )4', '( [ooo]2 oXo )4', '( [ooo]2 ooX )4'],
    { vm: '8/15', pm: '4/5' },
  ),
];

/** One PM of a case: `(…)N` is the N-core PM number `index` of its cluster; `[…]K` inside it a K-vCPU VM. */
interface PmGroup {
  host: string;
  /** The PM's own tasks (the text outside brackets). */
  own: string;
  vms: { name: string; cores: number; content: string }[];
}

/** Reads SimGrid's notation. VMs are numbered VM0, VM1… across the whole case. */
function parseNotation(text: string): PmGroup[] {
  let vmCount = 0;
  return [...text.matchAll(/\(([^()]*)\)(\d+)/g)].map((group, index) => {
    const cores = Number(group[2]);
    const body = group[1] as string;
    const vms = [...body.matchAll(/\[([^\]]*)\](\d+)/g)].map((vm) => ({
      name: `VM${vmCount++}`,
      cores: Number(vm[2]),
      content: vm[1] as string,
    }));
    const suffix = cores === 1 ? '1core' : `${cores}cores`;
    return { host: `node-${index}.${suffix}.org`, own: body.replace(/\[[^\]]*\]\d+/g, ''), vms };
  });
}

/** Where the task named `name` runs (the PM or VM whose part of the name holds its `X`), and whether it is a VM. */
function placeOf(name: string): { place: string; inVm: boolean } {
  for (const group of parseNotation(name)) {
    if (group.own.includes('X')) return { place: group.host, inVm: false };
    const vm = group.vms.find((v) => v.content.includes('X'));
    if (vm !== undefined) return { place: vm.name, inVm: true };
  }
  throw new Error(`Task "${name}" has no X saying where it runs.`);
}

/** `share` of FLOPS ("2/3"), computed as C does: FLOPS * 2 / 3 in integers. */
function flopsFor(share = '1/1'): number {
  const [numerator, denominator] = share.split('/').map(Number) as [number, number];
  return Math.trunc((FLOPS * numerator) / denominator);
}

export async function run(): Promise<string[]> {
  const sim = new Simulation({ platform: platform('cluster_multi.xml') });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(longLine(record, 's4u_test')));
  let failed = 0;
  let previousJoules = 0;

  async function task(ctx: ActorContext, flops: number): Promise<void> {
    const begin = ctx.now;
    await ctx.execute(flops);
    const duration = ctx.now - begin;
    const what = `${ctx.name} with ${formatG(flops / FLOPS, 4)} load (${flops}flops)`;
    if (0.1 - duration > 0.001) {
      ctx.log(`FAILED TEST: ${what} took ${formatFixed(duration, 4)}s instead of 0.1s`);
      failed++;
    } else {
      ctx.log(`Passed: ${what} took 0.1s as expected`);
    }
  }

  function checkEnergy(ctx: ActorContext, notation: string, cores: number): void {
    const joules = sim.hosts.reduce((sum, host) => sum + sim.energy.consumedJoules(host), 0);
    const consumed = joules - previousJoules;
    previousJoules = joules;
    const expected = 0.1 * cores;
    if (Math.abs(expected - consumed) > 0.001) {
      ctx.log(
        `FAILED TEST: ${notation} consumed ${formatFixed(consumed, 6)} instead of ${formatFixed(expected, 6)} J ` +
          `(i.e. ${cores} cores should have been used)`,
      );
      failed++;
    } else {
      ctx.log(`Passed: ${notation} consumed ${formatFixed(consumed, 6)} J (i.e. ${cores} cores used)`);
    }
  }

  async function runCase(ctx: ActorContext, test: SharingCase): Promise<void> {
    ctx.log(`### ${test.title.replace('$case', test.notation)}`);
    const vms = parseNotation(test.notation).flatMap((group) =>
      group.vms.map((vm) => sim.createVm(group.host, vm.name, { cores: vm.cores })),
    );
    for (const name of test.tasks) {
      const { place, inVm } = placeOf(name);
      const flops = flopsFor(inVm ? test.vm : test.pm);
      ctx.spawn(name, place, (worker) => task(worker, flops));
    }
    await ctx.sleep(2);
    checkEnergy(ctx, test.notation, test.cores);
    for (const vm of vms) vm.destroy();
  }

  sim.spawn('master', 'node-0.1core.org', async (ctx) => {
    for (const step of PLAN) {
      if (typeof step === 'string') ctx.log(step);
      else await runCase(ctx, step);
    }
    ctx.log('.');
    ctx.log(`## ${failed} test failed`);
    ctx.log('.');
  });
  await sim.run();

  lines.push(...energyLines(sim));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
