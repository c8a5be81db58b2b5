// What each algorithm does that the others do not: QEMU's threshold and auto-converge, MPLM's ending condition and
// operator commands, post-copy's immediate resume and degraded run, stop-and-copy's downtime, and the engine's
// streams, compression, chunking and tracking cost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DirtyModelSpec, type MigrateOptions, type MigrationRecord, Simulation } from '../src/index.ts';

const MiB = 2 ** 20;

function platform(bandwidth = '125MBps') {
  return {
    hosts: [
      { name: 'src', speed: '1Gf', cores: 2 },
      { name: 'dst', speed: '1Gf', cores: 2 },
    ],
    links: [{ name: 'lan', bandwidth, latency: '100us' }],
    routes: [{ src: 'src', dst: 'dst', links: ['lan'] }],
  };
}

interface Run {
  record: MigrationRecord;
  workEnd: number;
  sim: Simulation;
}

async function migrate(
  options: MigrateOptions,
  dirty: DirtyModelSpec,
  setup?: (sim: Simulation) => void,
  bandwidth?: string,
): Promise<Run> {
  const sim = new Simulation({ platform: platform(bandwidth) });
  const vm = sim.createVm('src', 'vm', { ramBytes: 1024 * MiB });
  vm.dirtyModel = dirty;
  vm.start();
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
  setup?.(sim);
  await sim.run({ until: 3000 });
  assert.ok(record !== undefined, 'the migration ended');
  return { record, workEnd, sim };
}

const rate = (mibPerSec: number, workingSetMiB = 256): DirtyModelSpec => ({
  kind: 'rate',
  rateBytesPerSec: mibPerSec * MiB,
  workingSetBytes: workingSetMiB * MiB,
});

test('QEMU pre-copy switches over when what is left fits in the downtime limit', async () => {
  for (const limit of [0.05, 0.3, 1]) {
    const { record } = await migrate({ algorithm: 'precopy', downtimeLimitSec: limit }, rate(30));
    const downtime = record.downtimeSec as number;
    // At ~115 MB/s, the last copy is at most limit × bandwidth bytes (plus one 100 ms window of slack).
    assert.ok(downtime <= limit + 0.11, `limit ${limit}: downtime ${downtime}`);
    assert.ok(record.rounds.length >= 3, `limit ${limit}: ${record.rounds.length} rounds`);
    assert.ok(record.stats.expectedDowntimeSec !== undefined);
  }
});

test('QEMU pre-copy without convergence is forced over by maxRounds; auto-converge throttles 20 %, then +10 %', async () => {
  // 200 MiB/s of dirtying over 512 MiB against a 125 MB/s link never converges with a 30 ms limit.
  const stuck = await migrate({ algorithm: 'precopy', downtimeLimitSec: 0.03, maxRounds: 6 }, rate(200, 512));
  assert.equal(stuck.record.rounds.filter((r) => r.stage !== 3).length, 6);
  assert.ok((stuck.record.downtimeSec as number) > 1, 'a forced switch-over copies a big dirty set');
  const converged = await migrate({ algorithm: 'precopy', downtimeLimitSec: 0.03, autoConverge: true }, rate(200, 512));
  const throttle = converged.record.stats.throttlePercent;
  assert.ok(throttle >= 20 && (throttle - 20) % 10 === 0, `throttle ${throttle}`);
  assert.ok((converged.record.downtimeSec as number) < 0.2, `downtime ${converged.record.downtimeSec}`);
  assert.ok(converged.workEnd > stuck.workEnd, 'throttling slows the workload');
});

test('MPLM ends its live phase when the non-dirty set is empty, within about twice the memory', async () => {
  const { record } = await migrate({ algorithm: 'mplm' }, rate(60));
  const epochs = record.details?.mplmEpochs as { nonDirtySetPages: number; state: string; time: number }[];
  assert.ok(epochs.length >= 2);
  assert.equal(epochs.at(-1)?.nonDirtySetPages, 0);
  assert.equal(epochs.at(-1)?.state, 'S4');
  const live = record.rounds.filter((r) => r.stage !== 3).reduce((sum, r) => sum + r.bytes, 0);
  assert.ok(live <= 2 * 1024 * MiB + 3 * 125e6, `live-stage bytes ${live}`);
  for (let i = 1; i < epochs.length; i++) {
    const gap = (epochs[i] as { time: number }).time - (epochs[i - 1] as { time: number }).time;
    assert.ok(gap >= 2.99 || i === epochs.length - 1, `epoch gap ${gap}`);
  }
});

test('MPLM: extend-live keeps the live phase going until end-live', async () => {
  const plain = await migrate({ algorithm: 'mplm' }, rate(60));
  const extended = await migrate({ algorithm: 'mplm' }, rate(60), (sim) => {
    sim.at(2, () => sim.migrationCommand('vm', 'extend-live'));
    sim.at(42, () => sim.migrationCommand('vm', 'end-live'));
  });
  assert.ok((plain.record.end as number) < 40);
  assert.ok((extended.record.end as number) >= 42, `ended at ${extended.record.end}`);
  const epochs = (extended.record.details?.mplmEpochs ?? []) as { state: string; time: number }[];
  const states = epochs.map((e) => e.state);
  assert.ok(states.includes('S3'), 'extended live phase (S3) seen');
  // Held live, it sends each epoch's dirty set, then waits for the next sync: one round and one sync per epoch.
  // end-live, arriving while it waits (the dirty set of the 40 s sync was sent by 41.2 s), ends the live phase at once.
  for (let i = 1; i < epochs.length - 1; i++) {
    const gap = (epochs[i] as { time: number }).time - (epochs[i - 1] as { time: number }).time;
    assert.ok(gap >= 2.99, `epoch gap ${gap} at ${(epochs[i] as { time: number }).time}`);
  }
  assert.ok(extended.record.rounds.length <= epochs.length + 3, `${extended.record.rounds.length} rounds`);
  assert.equal(epochs.at(-1)?.state, 'S4');
  assert.ok(Math.abs((epochs.at(-1)?.time as number) - 42) < 1e-9, `the live phase ended at ${epochs.at(-1)?.time}`);
});

test('post-copy resumes the VM on the destination at once and slows it until every page is there', async () => {
  const quiet = await migrate({ algorithm: 'precopy' }, rate(5));
  const post = await migrate({ algorithm: 'postcopy' }, rate(100));
  assert.ok((post.record.downtimeSec as number) < 0.01, `downtime ${post.record.downtimeSec}`);
  const postcopy = post.record.rounds.filter((r) => r.stage === 4);
  assert.equal(postcopy.length, 1);
  assert.ok(post.record.stats.postcopyRequests > 0, 'the VM faulted on missing pages');
  assert.ok(post.record.stats.statusHistory.some((s) => s.status === 'postcopy-active'));
  assert.ok(post.workEnd > quiet.workEnd, 'faults slow the workload');
});

test('hybrid runs a pre-copy pass, then post-copy; stop-and-copy is all downtime', async () => {
  const hybrid = await migrate({ algorithm: 'hybrid' }, rate(100));
  assert.deepEqual(
    hybrid.record.rounds.map((r) => r.stage),
    [1, 3, 4],
  );
  const cold = await migrate({ algorithm: 'stop-and-copy' }, rate(100));
  assert.ok(
    Math.abs((cold.record.downtimeSec as number) - ((cold.record.durationSec as number) - 13.01 * 0.0001)) < 1e-3,
  );
});

test('engine options: compression cuts the bytes on the wire, chunks cost latency, tracking costs CPU', async () => {
  const base = await migrate({ algorithm: 'precopy' }, rate(40));
  const compressed = await migrate({ algorithm: 'precopy', compression: { ratio: 0.25 } }, rate(40));
  assert.ok((compressed.record.durationSec as number) < (base.record.durationSec as number));
  const chunked = await migrate(
    { algorithm: 'simgrid-precopy', bulkChunkBytes: 16 * MiB },
    { kind: 'flops' },
    undefined,
    '1GBps',
  );
  const whole = await migrate({ algorithm: 'simgrid-precopy' }, { kind: 'flops' }, undefined, '1GBps');
  // 64 chunks each pay 13.01 × 100 µs of latency.
  const extra = (chunked.record.durationSec as number) - (whole.record.durationSec as number);
  assert.ok(Math.abs(extra - 63 * 13.01 * 1e-4) < 1e-3, `extra ${extra}`);
  const tracked = await migrate({ algorithm: 'precopy', trackingCpuShare: 0.2 }, rate(40));
  assert.ok(tracked.workEnd > base.workEnd, 'dirty tracking slows the VM');
});

test('parallel streams share the link by max-min like any flows', async () => {
  // Against one competing flow on the same link, 3 streams get 3/4 of it: the migration runs faster than with 1.
  const competing = (sim: Simulation) => {
    sim.spawn('rx', 'dst', (ctx) => ctx.mailbox('bulk').get());
    sim.spawn('tx', 'src', (ctx) => ctx.mailbox('bulk').put('data', 10e9));
  };
  const one = await migrate({ algorithm: 'precopy', maxBandwidthBytesPerSec: 0 }, rate(5), competing);
  const three = await migrate({ algorithm: 'precopy', maxBandwidthBytesPerSec: 0, streams: 3 }, rate(5), competing);
  const bulk = (r: Run) =>
    (r.record.rounds[0] as { end: number; start: number }).end - (r.record.rounds[0] as { start: number }).start;
  assert.ok(Math.abs(bulk(one) / bulk(three) - 1.5) < 0.05, `${bulk(one)} / ${bulk(three)}`);
});
