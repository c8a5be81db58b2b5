// Saving a VM to its host's disk and restoring it (SAVING → SAVED → RESTORING → RUNNING), with durations from its
// memory and the disk bandwidth, and VM properties (get, set, list), through the public API.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLivemigError, parseScenario, runScenario, Simulation } from '../src/index.ts';

const MiB = 2 ** 20;

function sim(diskBandwidth: string | null = '100MiBps', ram = '4GiB') {
  const properties: Record<string, string> = { ram, ram_overcommit: 'false' };
  if (diskBandwidth !== null) properties.disk_bandwidth = diskBandwidth;
  return new Simulation({
    platform: {
      hosts: [{ name: 'pm', speed: '1Gf', cores: 2, properties }],
      links: [],
      routes: [],
    },
  });
}

test('saving and restoring a 1 GiB VM each take RAM / disk bandwidth, and its work stops in between', async () => {
  // 1024 MiB through a 100 MiB/s disk: 10.24 s to save, 10.24 s to restore. The application needs 5 s of CPU: 1 s
  // before the save, the remaining 4 s after the restore, which ends at 1 + 10.24 + 5 + 10.24 = 26.48 s: 30.48 s.
  const s = sim();
  const vm = s.createVm('pm', 'vm', { ramBytes: 1024 * MiB });
  vm.start();
  let workEnd = Number.NaN;
  s.spawn('app', vm, async (ctx) => {
    await ctx.execute(5e9);
    workEnd = ctx.now;
  });
  const seen: [number, string][] = [];
  s.spawn('op', 'pm', async (ctx) => {
    await ctx.sleep(1);
    await vm.save(); // the actor waits until the VM is saved
    seen.push([ctx.now, vm.state]);
    await ctx.sleep(5);
    await vm.restore();
    seen.push([ctx.now, vm.state]);
  });
  s.spawn('watcher', 'pm', async (ctx) => {
    for (const at of [1.5, 16.5]) {
      await ctx.sleep(at - ctx.now);
      seen.push([ctx.now, vm.state]);
    }
  });
  await s.run();
  assert.deepEqual(
    seen.map(([t, state]) => [Number(t.toFixed(6)), state]),
    [
      [1.5, 'saving'],
      [11.24, 'saved'],
      [16.5, 'restoring'],
      [26.48, 'running'],
    ],
  );
  assert.ok(Math.abs(workEnd - 30.48) < 1e-9, `work ended at ${workEnd}`);
});

test('the disk bandwidth given to save() overrides the host property, and SimGrid names the states', async () => {
  const s = sim(null);
  const vm = s.createVm('pm', 'vm', { ramBytes: 512 * MiB });
  vm.start();
  const names: string[] = [];
  s.spawn('op', 'pm', async (ctx) => {
    assert.throws(() => vm.save(), /no disk bandwidth is known for host "pm".*disk_bandwidth/);
    await vm.save({ diskBandwidthBytesPerSec: 256 * MiB });
    names.push(vm.simgridState, String(ctx.now));
    await vm.restore({ diskBandwidthBytesPerSec: 512 * MiB });
    names.push(vm.simgridState, String(ctx.now));
  });
  s.spawn('watcher', 'pm', async (ctx) => {
    await ctx.sleep(1);
    names.push(vm.simgridState);
    await ctx.sleep(1.5);
    names.push(vm.simgridState);
  });
  await s.run();
  assert.deepEqual(names, ['SAVING', 'SAVED', '2', 'RESTORING', 'RUNNING', '3']);
  assert.equal(vm.pendingDiskOperation, undefined);
});

test('a saved VM frees its memory; restoring it checks the memory again', async () => {
  const s = sim('1GiBps', '1GiB');
  const a = s.createVm('pm', 'a', { ramBytes: 768 * MiB });
  const b = s.createVm('pm', 'b', { ramBytes: 512 * MiB });
  a.start();
  const outcomes: string[] = [];
  s.spawn('op', 'pm', async () => {
    await a.save();
    b.start(); // fits: a is on disk
    try {
      await a.restore();
    } catch (error) {
      outcomes.push(isLivemigError(error, 'vm-failure') ? error.message : String(error));
    }
  });
  await s.run();
  assert.equal(b.state, 'running');
  assert.equal(a.state, 'saved');
  assert.match(outcomes[0] ?? '', /Memory shortage on host "pm": VM "a"/);
});

test('shutting a VM down while it is saved or being saved cancels the save; the waiter is told', async () => {
  const s = sim();
  const vm = s.createVm('pm', 'vm', { ramBytes: 1024 * MiB });
  vm.start();
  const errors: string[] = [];
  s.spawn('op', 'pm', async () => {
    try {
      await vm.save();
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  });
  s.spawn('killer', 'pm', async (ctx) => {
    await ctx.sleep(2);
    vm.shutdown();
  });
  await s.run();
  assert.deepEqual(errors, ['The save of VM "vm" did not complete: the VM was shut down.']);
  assert.equal(vm.state, 'destroyed');
  assert.equal(s.now, 2, 'the cancelled save leaves no timer behind');
});

test('only a running VM can be saved and only a saved one restored, with errors that say so', async () => {
  const s = sim();
  const vm = s.createVm('pm', 'vm', { ramBytes: MiB });
  assert.throws(() => vm.restore(), /Cannot restore VM "vm": it is created/);
  vm.start();
  vm.suspend();
  assert.throws(() => vm.save(), /Cannot save VM "vm": it is suspended/);
  vm.resume();
  void vm.save(); // outside an actor: starts the save only
  assert.equal(vm.state, 'saving');
  await s.run();
  assert.equal(vm.state, 'saved');
});

test('VM properties can be set, read, removed and listed in name order', () => {
  const s = sim();
  const vm = s.createVm('pm', 'vm');
  assert.equal(vm.property('owner'), undefined);
  vm.setProperty('tier', 'web');
  vm.setProperty('owner', 'ops');
  assert.equal(vm.property('tier'), 'web');
  assert.deepEqual(Object.entries(vm.properties), [
    ['owner', 'ops'],
    ['tier', 'web'],
  ]);
  vm.setProperty('tier', undefined);
  assert.deepEqual(vm.properties, { owner: 'ops' });
  assert.throws(() => vm.setProperty('', 'x'), /needs a name/);
});

test('a scenario saves and restores a VM (a step waits, an event does not) and sets its properties', async () => {
  // 1 GiB through 256 MiB/s: 4 s each way. The actor's steps save at 1 s (saved at 5 s) and restore at 6 s (running
  // at 10 s); the event at 20 s starts a save that ends at 24 s.
  const scenario = parseScenario(`version: 1
platform:
  hosts:
    - { name: pm, speed: 1Gf, properties: { disk_bandwidth: 256MiBps } }
vms:
  - { name: VM0, host: pm, ram: 1GiB, properties: { owner: ops, tier: web } }
actors:
  - name: op
    host: pm
    steps:
      - sleep: 1
      - save: VM0
      - log: saved
      - sleep: 1
      - restore: VM0
      - log: restored
      - setProperty: { vm: VM0, name: tier }
      - setProperty: { vm: VM0, name: zone, value: a }
events:
  - { at: 20, save: VM0 }
`);
  const { simulation, report } = await runScenario(scenario);
  const vm = simulation.vm('VM0');
  assert.deepEqual(vm.properties, { owner: 'ops', zone: 'a' });
  assert.deepEqual(report.vms[0]?.properties, { owner: 'ops', zone: 'a' }, 'the report lists them');
  assert.equal(vm.state, 'saved');
  assert.equal(simulation.now, 24);
  const lines = report.log.map((line) => [line.time, line.message]);
  assert.deepEqual(lines, [
    [5, 'saved'],
    [10, 'restored'],
  ]);
});

test('a scenario with a misspelt property map or a setProperty without a name is refused with every issue', () => {
  assert.throws(
    () =>
      parseScenario(`version: 1
platform: { hosts: [ { name: pm, speed: 1Gf } ] }
vms:
  - { name: VM0, host: pm, properties: { owner: 3 } }
actors:
  - { name: op, host: pm, steps: [ { setProperty: { vm: VM0, value: x } } ] }
`),
    (error: unknown) => {
      const text = String(error);
      assert.match(text, /vms\[0\]\.properties\.owner/);
      assert.match(text, /setProperty/);
      return true;
    },
  );
});

test('a scenario that saves a VM on a host without a disk bandwidth is refused before it runs, at the step', () => {
  assert.throws(
    () =>
      parseScenario(`version: 1
platform:
  hosts:
    - { name: pm, speed: 1Gf, properties: { disk_bandwidth: 100MBps } }
    - { name: pm2, speed: 1Gf, properties: { disk_bandwidth: fast } }
  links: [ { name: l, bandwidth: 125MBps, latency: 100us } ]
  routes: [ { src: pm, dst: pm2, links: [l] } ]
vms:
  - { name: VM0, host: pm, ram: 1GiB }
actors:
  - name: op
    host: pm
    steps:
      - migrate: { vm: VM0, to: pm2 }
      - save: VM0
`),
    /inline>:15:15: VM "VM0" may be on host "pm2" at its save, and "pm2" has disk_bandwidth="fast"/,
  );
});
