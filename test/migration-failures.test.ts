// Failures around a live migration, one minimal scenario each: a host or a link failing on the migration's route,
// the issuer's own host or link failing while it waits, a VM started on a host that is off, a destination without
// room. The contract: the migration ends with an outcome that matches where the VM is (kept on its source,
// running on its destination, or lost in post-copy), the caller gets a typed error, every other actor goes on, and
// the run settles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLivemigError, type LivemigError, type MigrationRecord, Simulation } from '../src/index.ts';

const ALGORITHMS = ['simgrid-precopy', 'precopy', 'mplm', 'postcopy', 'hybrid', 'stop-and-copy'] as const;

/** Three hosts; h0 → h1 through l0 and l1, the issuer's host h2 reaches both through l2. */
function threeHosts(): Simulation {
  return new Simulation({
    platform: {
      hosts: [
        { name: 'h0', speed: '1Gf' },
        { name: 'h1', speed: '1Gf' },
        { name: 'h2', speed: '1Gf' },
      ],
      links: [
        { name: 'l0', bandwidth: '1GBps', latency: '10us' },
        { name: 'l1', bandwidth: '1GBps', latency: '10us' },
        { name: 'l2', bandwidth: '1GBps', latency: '10us' },
      ],
      routes: [
        { src: 'h0', dst: 'h1', links: ['l0', 'l1'] },
        { src: 'h0', dst: 'h2', links: ['l0', 'l2'] },
        { src: 'h1', dst: 'h2', links: ['l1', 'l2'] },
      ],
    },
  });
}

interface Outcome {
  record?: MigrationRecord;
  error?: LivemigError;
  after?: number;
  ticks: number;
}

/** vm0 (`ramBytes`, dirtying) on h0, migrated to h1 by "op" on `issuer`; a bystander on h1 ticks every second. */
function migration(
  options: Record<string, unknown>,
  fault: (sim: Simulation) => void,
  issuer = 'h2',
  ramBytes = 4 * 2 ** 30,
): { sim: Simulation; outcome: Outcome; done: Promise<unknown> } {
  const sim = threeHosts();
  const vm = sim.createVm('h0', 'vm0', { ramBytes });
  vm.dirtyModel = { kind: 'rate', rateBytesPerSec: 100 * 2 ** 20, workingSetBytes: 2 ** 30 } as never;
  vm.start();
  const outcome: Outcome = { ticks: 0 };
  sim.spawn('op', issuer, async (ctx) => {
    try {
      outcome.record = await sim.migrate('vm0', 'h1', options as never);
    } catch (error) {
      if (isLivemigError(error, 'actor-killed')) throw error; // the issuer died with its host
      assert.ok(isLivemigError(error), `a typed error, not ${String(error)}`);
      outcome.error = error as LivemigError;
    }
    outcome.after = ctx.now;
  });
  sim.spawn('bystander', 'h1', async (ctx) => {
    for (let i = 0; i < 30; i++) {
      await ctx.sleep(1);
      outcome.ticks++;
    }
  });
  fault(sim);
  return { sim, outcome, done: sim.run() };
}

/** The VM is on exactly one host, or lost; the record's outcome says which. */
function checkEnd(sim: Simulation, label: string): void {
  const record = sim.migrations[0];
  assert.ok(record !== undefined, `${label}: a record`);
  assert.notEqual(record.outcome, 'running', `${label}: an outcome`);
  assert.notEqual(record.outcome, undefined, `${label}: an outcome`);
  const vm = sim.vms.all.find((v) => v.name === 'vm0');
  if (record.outcome === 'completed') {
    assert.ok(vm !== undefined && vm.pm.name === record.to && vm.state === 'running', `${label}: completed → on dst`);
    assert.ok(record.bytesSent > 0, `${label}: a completed migration sent bytes`);
  } else if (vm !== undefined && vm.state !== 'destroyed') {
    assert.equal(vm.pm.name, record.from, `${label}: a failed migration leaves the VM on its source`);
  }
  if (vm !== undefined && vm.state === 'running') assert.ok(vm.pm.isOn(), `${label}: never live on a host that is off`);
}

test('a post-copy whose source fails during the push ends failed with the VM lost; the run goes on', async () => {
  const { sim, outcome, done } = migration({ algorithm: 'postcopy' }, (s) => s.at(3, () => s.host('h0').turnOff()));
  await done;
  assert.equal(outcome.error?.code, 'migration-failed');
  assert.match(outcome.error?.message ?? '', /lost/);
  assert.equal(sim.migrations[0]?.outcome, 'failed');
  assert.equal(sim.vms.all.length, 0, 'the VM is lost');
  assert.equal(outcome.ticks, 30, 'the bystander went on');
});

for (const algorithm of ALGORITHMS) {
  for (const protocol of ['direct', 'phased'] as const) {
    test(`a link failing on the route of a ${protocol} ${algorithm} migration fails it; the run goes on`, async () => {
      const { sim, outcome, done } = migration({ algorithm, protocol }, (s) =>
        s.at(2, () => s.platform.link('l1').turnOff()),
      );
      await done;
      assert.ok(outcome.error !== undefined, 'the caller is told');
      checkEnd(sim, `${protocol} ${algorithm}`);
      assert.equal(outcome.ticks, 30, 'the bystander went on');
    });
  }
}

test("the issuer's host failing during a post-copy between healthy hosts: the VM lands on the destination", async () => {
  const { sim, outcome, done } = migration({ algorithm: 'postcopy' }, (s) => s.at(2, () => s.host('h2').turnOff()));
  await done;
  assert.equal(outcome.after, undefined, 'the issuer died with its host');
  assert.equal(sim.migrations[0]?.outcome, 'completed');
  assert.equal(sim.vm('vm0').pm.name, 'h1');
  checkEnd(sim, 'issuer host off');
});

for (const algorithm of ALGORITHMS) {
  test(`the issuer's host failing during ${algorithm}: the migration goes on and completes`, async () => {
    const { sim, outcome, done } = migration({ algorithm }, (s) => s.at(0.5, () => s.host('h2').turnOff()));
    await done;
    assert.equal(outcome.after, undefined);
    assert.equal(sim.migrations[0]?.outcome, 'completed');
    checkEnd(sim, algorithm);
  });
}

test("the issuer's link failing: the VM moves; the record says completed; the caller learns the ack was lost", async () => {
  const { sim, outcome, done } = migration(
    { algorithm: 'precopy' },
    (s) => s.at(0.5, () => s.platform.link('l2').turnOff()),
    'h2',
    2 ** 30,
  );
  await done;
  assert.equal(sim.vm('vm0').pm.name, 'h1');
  assert.equal(sim.migrations[0]?.outcome, 'completed');
  assert.equal(outcome.error?.code, 'network-failure');
  assert.match(outcome.error?.message ?? '', /completed/);
  checkEnd(sim, 'issuer link off');
});

test('the issuer on the source: it dies with its host and acts no more at that date', async () => {
  const sim = threeHosts();
  sim.createVm('h0', 'vm0', { ramBytes: 2 ** 30 }).start();
  const seen: string[] = [];
  sim.spawn('op', 'h0', async (ctx) => {
    try {
      await sim.migrate('vm0', 'h1', { algorithm: 'precopy' });
    } catch (error) {
      if (isLivemigError(error, 'actor-killed')) throw error;
      seen.push(`caught at ${ctx.now}`);
    }
    seen.push('after');
  });
  sim.at(0.5, () => sim.host('h0').turnOff());
  await sim.run();
  assert.deepEqual(seen, []);
  assert.equal(sim.migrations[0]?.outcome, 'failed');
});

test('a stop-and-copy whose sender still computes when the source fails gets an outcome matching the VM', async () => {
  for (const issuer of ['h0', 'h2']) {
    const sim = threeHosts();
    sim.createVm('h0', 'vm0', { ramBytes: 2 ** 30 }).start();
    sim.spawn('op', issuer, async () => {
      await sim.migrate('vm0', 'h1', { algorithm: 'stop-and-copy', sendFlopsPerByte: 5 }).catch(() => undefined);
    });
    sim.at(4, () => sim.host('h0').turnOff());
    await sim.run();
    checkEnd(sim, `issuer on ${issuer}`);
  }
});

test('a host turned off at t=0 by one actor while another starts the migration: the run settles', async () => {
  const sim = threeHosts();
  sim.createVm('h0', 'vm0', { ramBytes: 2 ** 30 }).start();
  let told: string | undefined;
  sim.spawn('op', 'h2', async () => {
    try {
      await sim.migrate('vm0', 'h1');
    } catch (error) {
      told = (error as LivemigError).code;
    }
  });
  sim.spawn('chaos', 'h1', async () => sim.host('h0').turnOff());
  await sim.run();
  assert.equal(told, 'migration-failed');
  checkEnd(sim, 't=0');
});

test('a VM cannot start on a host that is off', async () => {
  const sim = threeHosts();
  const vm = sim.createVm('h1', 'vm0', { ramBytes: 2 ** 20 });
  sim.host('h1').turnOff();
  assert.throws(
    () => vm.start(),
    (error: LivemigError) => error.code === 'host-failure' && /off/.test(error.message),
  );
  assert.notEqual(vm.state, 'running');
});

test('a migration into a host without room for the VM (no over-commitment) is refused at its start', async () => {
  const sim = threeHosts();
  sim.vms.setHostMemory(sim.host('h1'), { ramBytes: 2 ** 30, overcommit: false });
  sim.createVm('h1', 'resident', { ramBytes: 600 * 2 ** 20 }).start();
  sim.createVm('h0', 'vm0', { ramBytes: 800 * 2 ** 20 }).start();
  let code: string | undefined;
  sim.spawn('op', 'h2', async () => {
    try {
      await sim.migrate('vm0', 'h1');
    } catch (error) {
      code = (error as LivemigError).code;
    }
  });
  await sim.run();
  assert.equal(code, 'vm-failure');
  assert.equal(sim.vm('vm0').pm.name, 'h0');
  assert.equal(sim.vm('vm0').state, 'running');
});
