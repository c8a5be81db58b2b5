// The VM model visits only the VMs whose capacity inputs changed since its last query. Every VM it leaves out must
// be one that a walk over all VMs would leave unchanged: after each query, no VM may still have a virtual-CPU
// capacity that differs from its share on its PM while it runs executions and is not frozen. A model registered
// after the VM layer checks exactly that at every step of runs that go through every way a VM's inputs change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Simulation, type VirtualMachine } from '../src/index.ts';

/** Two 2-core hosts with two pstates each (1 Gf, 0.5 Gf), joined by one link. */
function twoHosts(): Simulation {
  return new Simulation({
    platform: {
      hosts: [
        { name: 'a', speed: '1Gf,0.5Gf', cores: 2 },
        { name: 'b', speed: '1Gf,0.5Gf', cores: 2 },
      ],
      links: [{ name: 'l', bandwidth: '100MBps', latency: '1ms' }],
      routes: [{ src: 'a', dst: 'b', links: ['l'] }],
    },
  });
}

/** A VM whose capacity the VM model would still change now: the sign that it skipped a VM it had to visit. */
function stale(vm: VirtualMachine): boolean {
  const constraint = vm.cpu.constraint;
  if (constraint.enabled.head === null || vm.pausedForMigration) return false;
  if (['suspended', 'saving', 'saved', 'restoring'].includes(vm.state)) return false;
  return constraint.bound !== vm.pmShareFlops;
}

interface Watch {
  steps: number;
  /** Steps at which some VM's capacity had changed since the step before (the VM model did some work). */
  changes: number;
  misses: string[];
}

/** Registers, after the VM layer's models, one that checks every VM at every step. */
function watch(sim: Simulation): Watch {
  const seen: Watch = { steps: 0, changes: 0, misses: [] };
  const bounds = new Map<VirtualMachine, number>();
  sim.engine.addModel({
    name: 'vm-check',
    nextEventDelay(now: number): number {
      seen.steps++;
      let changed = false;
      for (const vm of sim.vms.all) {
        if (stale(vm))
          seen.misses.push(`${vm.name} at ${now}: capacity ${vm.cpu.constraint.bound}, share ${vm.pmShareFlops}`);
        if (bounds.get(vm) !== vm.cpu.constraint.bound) changed = true;
        bounds.set(vm, vm.cpu.constraint.bound);
      }
      if (changed) seen.changes++;
      return Number.POSITIVE_INFINITY;
    },
    advance(): void {},
    drainEnded(): void {},
  });
  return seen;
}

/** An actor in `vm` that computes `rounds` chunks of `flops`, `threads` cores at a time. */
function worker(sim: Simulation, vm: VirtualMachine, name: string, rounds: number, flops: number, threads = 1) {
  const ends: number[] = [];
  const actor = sim.spawn(name, vm, async (ctx) => {
    for (let i = 0; i < rounds; i++) await ctx.execute(flops, { cores: threads });
    ends.push(ctx.now);
  });
  return { actor, ends };
}

test('bounds, pstates, suspend, save, moves, pauses and destruction leave no VM with a stale capacity', async () => {
  const sim = twoHosts();
  const seen = watch(sim);
  const v1 = sim.createVm('a', 'v1', { cores: 1 });
  const v2 = sim.createVm('a', 'v2', { cores: 2 });
  const v3 = sim.createVm('b', 'v3', { cores: 1, ramBytes: 2 ** 20 });
  const v4 = sim.createVm('b', 'v4', { cores: 2 });
  for (const vm of [v1, v2, v3, v4]) vm.start();
  const w1 = worker(sim, v1, 'w1', 40, 1e8);
  worker(sim, v1, 'w1b', 25, 1.5e8);
  const w2 = worker(sim, v2, 'w2', 20, 2e8, 2);
  worker(sim, v2, 'w2b', 30, 1e8);
  const w3 = worker(sim, v3, 'w3', 30, 1e8);
  worker(sim, v4, 'w4', 60, 5e7);
  sim.at(0.55, () => v1.setBound(3e8));
  sim.at(0.9, () => sim.host('a').setPstate(1));
  sim.at(1.3, () => v2.suspend());
  sim.at(1.7, () => v2.resume());
  sim.at(2.1, () => sim.suspendActor(w1.actor));
  sim.at(2.4, () => sim.resumeActor(w1.actor));
  sim.at(2.6, () => v1.setThrottle(0.5));
  sim.at(2.9, () => v1.setBound(0));
  sim.at(3.1, () => v2.setPm(sim.host('b')));
  sim.at(3.3, () => sim.host('a').setPstate(0));
  sim.at(3.5, () => v4.pauseForMigration(true));
  sim.at(3.8, () => v4.pauseForMigration(false));
  sim.at(4.2, () => v3.save({ diskBandwidthBytesPerSec: 2 ** 21 }));
  sim.at(5.2, () => v3.restore({ diskBandwidthBytesPerSec: 2 ** 21 }));
  sim.at(5.5, () => v4.destroy());
  sim.spawn('mover', 'a', async (ctx) => {
    await ctx.sleep(1.1);
    await v1.migrate(sim.host('b'));
  });
  await sim.run();
  assert.deepEqual(seen.misses, []);
  assert.ok(w1.ends.length === 1 && w2.ends.length === 1 && w3.ends.length === 1, 'the workers finished');
  assert.equal(v1.pm.name, 'b');
  assert.equal(v4.state, 'destroyed');
  assert.ok(seen.steps > 100, `${seen.steps} steps`);
  assert.ok(seen.changes > 10, `capacities changed at ${seen.changes} steps only`);
});

test('VMs shut down with their host, destroyed, and created again under a used name leave no stale capacity either', async () => {
  const sim = twoHosts();
  const seen = watch(sim);
  const vms = Array.from({ length: 6 }, (_, i) =>
    sim.createVm(i % 2 === 0 ? 'a' : 'b', `v${i}`, { cores: 1 + (i % 2) }),
  );
  for (const vm of vms) vm.start();
  vms.forEach((vm, i) => {
    worker(sim, vm, `w${i}`, 10 + i, 1e8, 1 + (i % 2));
  });
  sim.at(0.8, () => sim.host('a').turnOff());
  sim.at(1.5, () => {
    // A new VM on the host back on, and one that takes the name of a destroyed VM (so comes last in creation order).
    sim.host('a').turnOn();
    (vms[1] as VirtualMachine).destroy();
    for (const [pm, name] of [
      ['a', 'late'],
      ['b', 'v1'],
    ] as const) {
      const vm = sim.createVm(pm, name, { cores: 2 });
      vm.start();
      worker(sim, vm, `again-${name}`, 8, 1e8, 2);
      worker(sim, vm, `again-${name}-1`, 5, 1e8);
    }
  });
  await sim.run();
  assert.deepEqual(seen.misses, []);
  assert.equal(vms[2]?.state, 'destroyed');
  assert.ok(seen.changes > 3, `capacities changed at ${seen.changes} steps only`);
});
