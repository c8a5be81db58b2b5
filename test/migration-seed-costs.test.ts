// The costs and options of SimGrid 3.10's migration model that SimGrid 3.32 dropped: the dirty-page tracking cost
// (dpt_cpu_overhead × updated bytes) and the receive cost run inside the VM as deferred executions, and the
// skip_stage1 / skip_stage2 switches of its pre-copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MigrateOptions, type MigrationRecord, parseScenario, runScenario, Simulation } from '../src/index.ts';

const MiB = 2 ** 20;

interface Run {
  record: MigrationRecord;
  workEnd: number;
  costs: { cost: string; flops: number; host: string }[];
}

/** A 1 GiB VM (1 vCPU on a 1 Gf host) computing 30 Gf, migrated at t = 1 s over a 125 MB/s link. */
async function run(options: MigrateOptions): Promise<Run> {
  const sim = new Simulation({
    platform: {
      hosts: [
        { name: 'src', speed: '1Gf', cores: 2 },
        { name: 'dst', speed: '1Gf', cores: 2 },
      ],
      links: [{ name: 'lan', bandwidth: '125MBps', latency: '100us' }],
      routes: [{ src: 'src', dst: 'dst', links: ['lan'] }],
    },
  });
  const vm = sim.createVm('src', 'vm', { ramBytes: 1024 * MiB });
  vm.dirtyModel = { kind: 'rate', rateBytesPerSec: 40 * MiB, workingSetBytes: 256 * MiB };
  vm.start();
  const costs: Run['costs'] = [];
  sim.trace.on('vm.migration.cost-started', (e) => {
    const event = e as unknown as { cost: string; flops: number; host: string };
    costs.push({ cost: event.cost, flops: event.flops, host: event.host });
  });
  let workEnd = Number.NaN;
  sim.spawn('app', vm, async (ctx) => {
    await ctx.execute(30e9);
    workEnd = ctx.now;
  });
  let record: MigrationRecord | undefined;
  sim.spawn('op', 'src', async (ctx) => {
    await ctx.sleep(1);
    record = await vm.migrate(sim.host('dst'), options);
  });
  await sim.run();
  assert.ok(record !== undefined);
  return { record, workEnd, costs };
}

const total = (costs: Run['costs'], cost: string) =>
  costs.filter((c) => c.cost === cost).reduce((a, c) => a + c.flops, 0);

test('the tracking cost, updated bytes × flops per byte, runs inside the VM and delays its work by exactly that', async () => {
  // The dirty rate does not depend on the CPU, so both migrations are the same; the VM's single vCPU (1 Gf) then
  // computes the tracking executions beside the application: its end moves by their flops / 1 Gf.
  const base = await run({ algorithm: 'precopy' });
  const tracked = await run({ algorithm: 'precopy', trackingFlopsPerByte: 5 });
  assert.equal(tracked.record.outcome, 'completed');
  assert.equal(tracked.record.end, base.record.end, 'the migration itself is unchanged');
  const flops = total(tracked.costs, 'tracking');
  assert.ok(flops > 0, 'tracking executions ran');
  assert.ok(
    tracked.costs.every((c) => c.host === 'src'),
    'every sync happened while the VM ran on the source',
  );
  assert.ok(
    Math.abs(tracked.workEnd - base.workEnd - flops / 1e9) < 1e-6,
    `${tracked.workEnd} − ${base.workEnd} vs ${flops / 1e9}`,
  );
});

test('the receive cost runs on the destination by default, inside the VM with receiveCostIn: vm', async () => {
  const base = await run({ algorithm: 'precopy' });
  const onDestination = await run({ algorithm: 'precopy', receiveFlopsPerByte: 2 });
  const inVm = await run({ algorithm: 'precopy', receiveFlopsPerByte: 2, receiveCostIn: 'vm' });
  assert.equal(onDestination.workEnd, base.workEnd, 'the destination host is another machine');
  assert.equal(onDestination.costs.length, 0);
  const flops = total(inVm.costs, 'receive');
  assert.equal(flops, 2 * inVm.record.bytesSent, 'every byte received costs 2 flops in the VM');
  assert.ok(Math.abs(inVm.workEnd - base.workEnd - flops / 1e9) < 1e-6, `${inVm.workEnd} vs ${base.workEnd}`);
  await assert.rejects(run({ algorithm: 'precopy', receiveCostIn: 'pm' as 'vm' }), /receiveCostIn must be/);
});

test('skipStage2 goes from stage 1 to stage 3; with skipStage1 too, the whole memory is a stop-and-copy', async () => {
  const both = await run({ skipStage1: true, skipStage2: true });
  assert.deepEqual(
    both.record.rounds.map((r) => [r.stage, r.bytes]),
    [[3, 1024 * MiB]],
  );
  const second = await run({ skipStage2: true });
  // Pages dirtied during stage 1 are not resent (SimGrid's stage 3 sends what stage 1 left: nothing).
  assert.deepEqual(
    second.record.rounds.map((r) => [r.stage, r.bytes]),
    [
      [1, 1024 * MiB],
      [3, 0],
    ],
  );
  const normal = await run({});
  assert.ok(
    normal.record.rounds.some((r) => r.stage === 2),
    'without the switches, stage 2 runs',
  );
  await assert.rejects(run({ skipStage1: true }), /skipStage1 needs skipStage2/);
});

test('a scenario reaches trackingCost, receiveCostIn and the skip switches', async () => {
  const scenario = parseScenario(`version: 1
platform:
  hosts: [ { name: a, speed: 1Gf }, { name: b, speed: 1Gf } ]
  links: [ { name: l, bandwidth: 125MBps, latency: 100us } ]
  routes: [ { src: a, dst: b, links: [l] } ]
vms:
  - { name: VM0, host: a, ram: 256MiB, dirty: { model: rate, rate: 20MiB/s, workingSet: 64MiB } }
actors:
  - name: app
    host: VM0
    steps: [ { execute: 20Gf } ]
  - name: op
    host: a
    steps:
      - migrate: { vm: VM0, to: b, algorithm: precopy, trackingCost: 4, receiveCost: 1, receiveCostIn: vm }
      - migrate: { vm: VM0, to: a, skipStage1: true, skipStage2: true }
`);
  const { report } = await runScenario(scenario);
  const [first, second] = report.migrations;
  assert.equal(first?.outcome, 'completed');
  assert.equal(second?.outcome, 'completed');
  assert.deepEqual(
    second?.rounds.map((r) => r.stage),
    [3],
  );
});

test('a scenario with skipStage1 alone is refused before it runs, at the key', () => {
  assert.throws(
    () =>
      parseScenario(`version: 1
platform:
  hosts: [ { name: a, speed: 1Gf }, { name: b, speed: 1Gf } ]
  links: [ { name: l, bandwidth: 125MBps, latency: 100us } ]
  routes: [ { src: a, dst: b, links: [l] } ]
vms: [ { name: VM0, host: a, ram: 256MiB } ]
actors:
  - name: op
    host: a
    steps:
      - migrate: { vm: VM0, to: b, skipStage1: true }
`),
    /<inline>:11:48: skipStage1 needs skipStage2/,
  );
});
