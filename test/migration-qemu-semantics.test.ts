// QEMU's own semantics in the public algorithms: the switch-over sends without the rate cap (migration_completion
// lifts it once the guest is paused), query-migrate's pre-copy and downtime bytes split where the guest stopped,
// stop-and-copy honours max-bandwidth, extend-live holds a pre-copy, and MPLM takes its operator's commands before the
// migration starts and has no downtime parameter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  algorithmOptions,
  type DirtyModelSpec,
  InputError,
  isLivemigError,
  type MigrateOptions,
  type MigrationAlgorithm,
  type MigrationRecord,
  type MigrationStrategy,
  Simulation,
} from '../src/index.ts';
import { runPhased } from './phased-fixture.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const IDLE: DirtyModelSpec = { kind: 'rate', rateBytesPerSec: 0, workingSetBytes: 0 };

/** A 1 GiB VM on a 10 Gbit/s link (SimGrid's LV08: 0.97 × 1.25 GB/s, 13.01 × 50 µs of latency) migrated at t = 0;
 * `setup` may schedule operator commands. */
async function migrate(
  options: MigrateOptions,
  dirty: DirtyModelSpec = IDLE,
  setup?: (sim: Simulation) => void,
): Promise<MigrationRecord> {
  const sim = new Simulation({
    platform: {
      hosts: [
        { name: 'src', speed: '1Gf', cores: 2 },
        { name: 'dst', speed: '1Gf', cores: 2 },
      ],
      links: [{ name: 'lan', bandwidth: '10Gbps', latency: '50us' }],
      routes: [{ src: 'src', dst: 'dst', links: ['lan'] }],
    },
  });
  const vm = sim.createVm('src', 'vm', { ramBytes: GiB });
  vm.dirtyModel = dirty;
  vm.start();
  let record: MigrationRecord | undefined;
  sim.spawn('op', 'src', async () => {
    record = await vm.migrate(sim.host('dst'), options);
  });
  setup?.(sim);
  await sim.run({ until: 3000 });
  assert.ok(record !== undefined, 'the migration ended');
  return record;
}

const capped = { maxBandwidthBytesPerSec: 100 * MiB, downtimeLimitSec: 0.3 };

test('the switch-over of pre-copy sends what is left at link speed, not at max-bandwidth (migration_completion)', async () => {
  // Threshold 100 MiB/s × 0.3 s = 30 MiB: the pass stops with ≤ 30 MiB unsent, which 10 Gbit/s sends in ~25 ms
  // (at the 100 MiB/s cap it would take ~240 ms).
  for (const algorithm of ['precopy', 'hybrid']) {
    const record = await migrate({ algorithm, ...capped });
    const downtime = record.downtimeSec as number;
    assert.ok(downtime < 0.03, `${algorithm}: downtime ${downtime}`);
    assert.equal(record.stats.postcopyBytes, 0, `${algorithm} converged in pre-copy`);
  }
});

test('the switch-over of MPLM and the device state of post-copy go at link speed too', async () => {
  const busy: DirtyModelSpec = { kind: 'rate', rateBytesPerSec: 40 * MiB, workingSetBytes: 256 * MiB };
  const mplm = await migrate({ algorithm: 'mplm', maxBandwidthBytesPerSec: 100 * MiB }, busy);
  const last = mplm.rounds.at(-1);
  assert.ok(last !== undefined && last.stage === 3 && last.bytes > 10 * MiB, 'MPLM ends with a dirty set to send');
  assert.ok(last.bandwidth > 1e9, `MPLM's stop-and-copy at ${last.bandwidth} B/s`);
  const post = await migrate({ algorithm: 'postcopy', maxBandwidthBytesPerSec: 100 * MiB, deviceStateBytes: 30 * MiB });
  assert.ok((post.downtimeSec as number) < 0.03, `post-copy downtime ${post.downtimeSec}`);
});

test('query-migrate: an idle VM switched over in the middle of its pass reports the bytes sent live as pre-copy', async () => {
  for (const algorithm of ['precopy', 'hybrid']) {
    const { stats } = await migrate({ algorithm, ...capped });
    // What was sent before the guest paused is pre-copy; only the ≤ 30 MiB left of the pass is downtime.
    assert.ok(stats.downtimeBytes <= 30 * MiB && stats.downtimeBytes > 0, `${algorithm}: ${stats.downtimeBytes}`);
    assert.ok(stats.precopyBytes >= GiB - 30 * MiB, `${algorithm}: precopy ${stats.precopyBytes}`);
    assert.equal(stats.precopyBytes + stats.downtimeBytes, GiB);
    assert.equal(stats.transferredBytes, GiB);
  }
});

test('query-migrate: the switch-over is decided during a pass, from what the pass has not sent yet', async () => {
  // A 30 MiB/s writer over 64 MiB: the first pass (1 GiB at 100 MiB/s) ends with ≤ 30 MiB of it unsent plus the
  // pages dirtied meanwhile; QEMU checks pending ≤ bandwidth × limit every 100 ms, so it stops within a pass.
  const busy: DirtyModelSpec = { kind: 'rate', rateBytesPerSec: 30 * MiB, workingSetBytes: 64 * MiB };
  const record = await migrate({ algorithm: 'precopy', maxBandwidthBytesPerSec: 100 * MiB, downtimeLimitSec: 1 }, busy);
  const live = record.rounds.filter((r) => r.stage !== 3);
  const cut = live.at(-1);
  assert.ok(cut !== undefined && cut.bytes > 0);
  // The last live round was cut where the guest paused: fewer bytes than it was asked to send (here the first pass,
  // 1 GiB, is that round: its pending bytes fall under 100 MiB × 1 s before it ends).
  assert.equal(live.length, 1, `live rounds ${live.length}`);
  assert.ok(cut.bytes < GiB, `the first pass sent ${cut.bytes} of ${GiB} before the pause`);
  assert.ok(record.stats.downtimeBytes < 100 * MiB, `downtime bytes ${record.stats.downtimeBytes}`);
  assert.ok((record.downtimeSec as number) < 0.15, `downtime ${record.downtimeSec}`);
  assert.equal(record.stats.precopyBytes + record.stats.downtimeBytes, record.stats.transferredBytes);
});

test('query-migrate of a phased migration: the bytes sent before the pause are pre-copy bytes', async () => {
  const { record } = await runPhased({
    algorithm: 'precopy',
    maxBandwidthBytesPerSec: 100 * MiB,
    downtimeLimitSec: 1,
  });
  assert.ok(record !== undefined);
  const stats = record.stats;
  // 256 MiB at 100 MiB/s with a 20 MiB/s writer over 64 MiB: the threshold is 100 MiB, so the guest pauses within
  // the first pass, with at most 100 MiB (the pass's rest and the dirty set) left for the downtime.
  assert.ok(stats.precopyBytes > 150 * MiB, `precopy ${stats.precopyBytes}`);
  assert.ok(stats.downtimeBytes <= 101 * MiB, `downtime ${stats.downtimeBytes}`);
});

test('stop-and-copy honours maxBandwidth: 1 GiB at 100 MiB/s takes about 10.24 s of downtime', async () => {
  const free = await migrate({ algorithm: 'stop-and-copy', maxBandwidthBytesPerSec: 0 });
  const cold = await migrate({ algorithm: 'stop-and-copy', maxBandwidthBytesPerSec: 100 * MiB });
  assert.ok((free.downtimeSec as number) < 1, `uncapped downtime ${free.downtimeSec}`);
  assert.ok(Math.abs((cold.downtimeSec as number) - 10.24) < 0.01, `capped downtime ${cold.downtimeSec}`);
});

test('extend-live holds a pre-copy that would converge until end-live; switch-over forces it too', async () => {
  const plain = await migrate({ algorithm: 'precopy', ...capped });
  assert.ok((plain.end as number) < 11, `plain pre-copy ended at ${plain.end}`);
  const held = await migrate({ algorithm: 'precopy', ...capped }, IDLE, (sim) => {
    sim.at(1, () => sim.migrationCommand('vm', 'extend-live'));
    sim.at(20, () => sim.migrationCommand('vm', 'end-live'));
  });
  assert.equal(held.outcome, 'completed');
  assert.ok((held.end as number) >= 20 && (held.end as number) < 20.2, `held pre-copy ended at ${held.end}`);
  const forced = await migrate({ algorithm: 'precopy', ...capped }, IDLE, (sim) => {
    sim.at(1, () => sim.migrationCommand('vm', 'extend-live'));
    sim.at(15, () => sim.migrationCommand('vm', 'switch-over'));
  });
  assert.ok((forced.end as number) >= 15 && (forced.end as number) < 15.2, `forced at ${forced.end}`);
  // Hybrid held live does not go post-copy after its pass; end-live then goes post-copy (the real driver's endLive).
  const busy: DirtyModelSpec = { kind: 'rate', rateBytesPerSec: 200 * MiB, workingSetBytes: 512 * MiB };
  const hybrid = await migrate({ algorithm: 'hybrid', ...capped }, busy, (sim) => {
    sim.at(1, () => sim.migrationCommand('vm', 'extend-live'));
    sim.at(25, () => sim.migrationCommand('vm', 'end-live'));
  });
  const postcopyAt = hybrid.stats.statusHistory.find((s) => s.status === 'postcopy-active')?.time ?? 0;
  assert.ok(postcopyAt >= 25 && postcopyAt < 25.2, `post-copy at ${postcopyAt}`);
});

test('MPLM: extend-live issued before migrate, or at the same date, holds the migration that starts next', async () => {
  const busy: DirtyModelSpec = { kind: 'rate', rateBytesPerSec: 60 * MiB, workingSetBytes: 256 * MiB };
  const plain = await migrate({ algorithm: 'mplm' }, busy);
  assert.ok((plain.end as number) < 40, `plain MPLM ended at ${plain.end}`);
  for (const at of [-1, 0]) {
    const record = await migrate({ algorithm: 'mplm' }, busy, (sim) => {
      if (at < 0) sim.migrationCommand('vm', 'extend-live');
      else sim.at(0, () => sim.migrationCommand('vm', 'extend-live'));
      sim.at(45, () => sim.migrationCommand('vm', 'end-live'));
    });
    assert.ok((record.end as number) >= 45, `extend-live at ${at}: ended at ${record.end}`);
    const states = ((record.details?.mplmEpochs ?? []) as { state: string }[]).map((e) => e.state);
    assert.ok(states.includes('S3'), `extend-live at ${at}: the live phase was extended`);
  }
});

test('MPLM has no downtime parameter: downtimeLimitSec is refused with a typed error before anything runs', async () => {
  const sim = new Simulation({
    platform: {
      hosts: [
        { name: 'src', speed: '1Gf' },
        { name: 'dst', speed: '1Gf' },
      ],
      links: [{ name: 'lan', bandwidth: '1Gbps', latency: '50us' }],
      routes: [{ src: 'src', dst: 'dst', links: ['lan'] }],
    },
  });
  const vm = sim.createVm('src', 'vm', { ramBytes: 256 * MiB });
  vm.start();
  let caught: unknown;
  sim.spawn('op', 'src', async () => {
    try {
      await vm.migrate(sim.host('dst'), { algorithm: 'mplm', downtimeLimitSec: 0.03 });
    } catch (error) {
      caught = error;
    }
  });
  await sim.run();
  assert.ok(caught instanceof InputError && isLivemigError(caught, 'invalid-input'), `a typed error, not ${caught}`);
  assert.match(caught.message, /MPLM has no downtime limit/);
  assert.deepEqual(
    caught.issues.map((issue) => [issue.code, issue.path]),
    [['option-not-applicable', 'downtimeLimitSec']],
  );
  assert.equal(vm.state, 'running');
  assert.equal(vm.pm.name, 'src');
  assert.equal(sim.migrations.length, 0, 'no migration was started');
});

test('query-migrate: a custom strategy that lets its pass finish in the downtime counts the part sent live as pre-copy', async () => {
  // One 100 MiB pass at 10 MiB/s; at the check 5 s in, switch over and let the pass finish (no cancelInFlight), at
  // the same cap: 50 MiB were sent live (less the 0.65 ms of LV08 latency, 7 kB), the rest with the VM paused.
  const holdPass: MigrationAlgorithm = {
    name: 'finish-pass',
    options: algorithmOptions('finish-pass', {}),
    create: (): MigrationStrategy => ({
      name: 'finish-pass',
      checkIntervalSec: 5,
      start: () => ({ action: 'send', bytes: 100 * MiB, stage: 1, rateBytesPerSec: 10 * MiB }),
      check: () => ({ action: 'switch-over', bytes: 0, finalSync: false }),
      roundEnded: () => ({ action: 'give-up', reason: 'not reached' }),
    }),
  };
  const record = await migrate({ algorithm: holdPass });
  const latencyBytes = 13.01 * 50e-6 * 10 * MiB;
  assert.ok(Math.abs(record.stats.precopyBytes - (50 * MiB - latencyBytes)) < 1024, `${record.stats.precopyBytes}`);
  assert.equal(record.stats.precopyBytes + record.stats.downtimeBytes, 100 * MiB);
  assert.ok(Math.abs((record.downtimeSec as number) - 5) < 0.01, `downtime ${record.downtimeSec}`);
});
