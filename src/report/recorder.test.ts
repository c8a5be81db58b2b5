// The Recorder on small simulations: migrations, the VM timeline, hosts, failed steps, the log, and usage series
// whose areas are the work done; the same run gives the same bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LivemigError } from '../core/index.ts';
import { Simulation } from '../simulation/index.ts';
import { Recorder } from './recorder.ts';
import { reportJson } from './report-json.ts';
import type { UsageSeries } from './run-report.ts';
import { busyRun, clusterRun, idleMigration, SMALL_PLATFORM } from './testing/sample-runs.ts';

const close = (actual: number, expected: number, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected} ± ${tolerance}`);

function area(series: UsageSeries, endTime: number): number {
  return series.points.reduce(
    (sum, [time, value], i) => sum + value * ((series.points[i + 1]?.[0] ?? endTime) - time),
    0,
  );
}

test('an idle 1e9-byte VM migrating Fafard → Tremblay is reported as SimGrid times it (132.765801 s)', async () => {
  const report = await idleMigration();
  close(report.endTime, 132.765801);
  assert.equal(report.migrations.length, 1);
  const migration = report.migrations[0];
  assert.ok(migration !== undefined);
  assert.deepEqual(
    [migration.vm, migration.from, migration.to, migration.outcome, migration.algorithm],
    ['VM0', 'Fafard', 'Tremblay', 'completed', 'simgrid-precopy'],
  );
  close(migration.durationSec ?? Number.NaN, 132.765801);
  assert.deepEqual(
    migration.rounds.map((r) => [r.stage, r.index, r.bytes]),
    [
      [1, 0, 1e9],
      [3, 0, 0],
    ],
  );
  assert.deepEqual(report.vms, [
    { name: 'VM0', host: 'Tremblay', state: 'running', cores: 1, ramBytes: 1e9, firstHost: 'Fafard', createdAt: 0 },
  ]);
});

test('the timeline shows the VM migrating, stopped, then running on its new host, without empty intervals', async () => {
  const report = await idleMigration();
  assert.deepEqual(
    report.timeline.map((i) => [i.host, i.state]),
    [
      ['Fafard', 'migrating'],
      ['Fafard', 'stop-and-copy'],
      ['Tremblay', 'running'],
    ],
  );
  const [migrating, stopped, running] = report.timeline;
  assert.equal(migrating?.start, 0);
  assert.equal(migrating?.end, stopped?.start);
  assert.equal(stopped?.end, running?.start);
  assert.equal(running?.end, report.endTime);
  close((stopped?.end ?? 0) - (stopped?.start ?? 0), report.migrations[0]?.downtimeSec ?? Number.NaN, 1e-12);
});

test('only the links of the route are reported, all with the same load', async () => {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const route = sim.platform.route(sim.host('Fafard'), sim.host('Tremblay')).links.map((l) => l.name);
  const report = await idleMigration();
  assert.deepEqual(report.usage.links.map((s) => s.name).sort(), [...route].sort());
  const loads = report.usage.links.map((s) => JSON.stringify(s.points));
  assert.equal(new Set(loads).size, 1, 'every link of the route carries the same flow');
  // The migration computes nothing; only the destination shows a load, after the switch-over: the VM's new stand-in
  // action there keeps its default weight until an execution starts in the VM (as in SimGrid 3.32's set_pm).
  assert.deepEqual(
    report.usage.hosts.map((s) => [s.name, s.points[1]?.[0] === report.timeline[2]?.start]),
    [['Tremblay', true]],
  );
});

test('the area under a host processor load is the flops it computed', async () => {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim);
  sim.spawn('a', 'Fafard', (ctx) => ctx.execute(1e9));
  sim.spawn('b', 'Jupiter', async (ctx) => {
    await ctx.sleep(2);
    await ctx.execute(3e9);
    await ctx.sleep(1);
  });
  const vm = sim.createVm('Jupiter', 'vm', { ramBytes: 1e6 });
  vm.start();
  sim.spawn('c', vm, (ctx) => ctx.execute(5e8));
  await sim.run();
  const report = recorder.finish();
  const byName = new Map(report.usage.hosts.map((s) => [s.name, s]));
  assert.deepEqual([...byName.keys()], ['Jupiter', 'Fafard']);
  close(area(byName.get('Fafard') as UsageSeries, report.endTime), 1e9, 1e-3);
  close(area(byName.get('Jupiter') as UsageSeries, report.endTime), 3.5e9, 1e-3);
  assert.equal(byName.get('Fafard')?.capacity, sim.host('Fafard').speedFlops);
});

test('past maxPointsPerSeries, series are merged but keep their areas', async () => {
  const exact = await clusterRun(6, 24);
  const bounded = await clusterRun(6, 24, { maxPointsPerSeries: 6 });
  assert.ok(bounded.usage.links.some((s) => s.merged === true));
  for (const kind of ['links', 'hosts'] as const) {
    bounded.usage[kind].forEach((series, i) => {
      const reference = exact.usage[kind][i] as UsageSeries;
      assert.equal(series.name, reference.name);
      assert.ok(series.points.length <= 6);
      const expected = area(reference, exact.endTime);
      close(area(series, bounded.endTime), expected, 1e-9 * expected);
    });
  }
});

test('a failing step, a turned-off host, a suspended VM and the log are all in the report', async () => {
  const report = await busyRun();
  assert.deepEqual(report.scenario, { name: 'busy run', file: 'busy.yaml', seed: 7 });
  assert.deepEqual(report.stepErrors, [
    {
      time: 20,
      actor: 'mover',
      host: 'Tremblay',
      step: 'migrate idle to Ginette',
      code: 'migration-failed',
      message:
        'Migration of VM "idle" from "Fafard" to "Ginette" failed at 20 s: destination host "Ginette" was turned off; ' +
        'the VM keeps running on "Fafard".',
    },
  ]);
  assert.deepEqual(
    report.migrations.map((m) => [m.vm, m.outcome]),
    [
      ['busy', 'completed'],
      ['idle', 'failed'],
      ['busy', 'completed'],
    ],
  );
  const ginette = report.hosts.find((h) => h.name === 'Ginette');
  assert.deepEqual([ginette?.on, ginette?.offPeriods], [false, [{ start: 20, end: report.endTime }]]);
  const suspended = report.timeline.filter((i) => i.state === 'suspended');
  assert.equal(suspended.length, 1);
  close((suspended[0]?.end ?? 0) - (suspended[0]?.start ?? 0), 10, 1e-9);
  assert.equal(report.log.length, 1);
  assert.equal(report.log[0]?.actor, 'operator');
  assert.ok((report.log[0]?.pid ?? 0) > 0);
});

test('a destroyed VM stays in the report with its history', async () => {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim);
  sim.spawn('admin', 'Fafard', async (ctx) => {
    const vm = sim.createVm('Fafard', 'short-lived', { ramBytes: 1e6 });
    vm.start();
    await ctx.sleep(5);
    vm.destroy();
    await ctx.sleep(5);
  });
  await sim.run();
  const report = recorder.finish();
  assert.equal(sim.vms.all.length, 0);
  assert.deepEqual(
    report.vms.map((v) => [v.name, v.state, v.host]),
    [['short-lived', 'destroyed', 'Fafard']],
  );
  assert.deepEqual(
    report.timeline.map((i) => [i.state, i.start, i.end]),
    [['running', 0, 5]],
  );
});

test('recordStepError keeps a typed error code and names the current actor; other errors get "error"', async () => {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim);
  sim.spawn('worker', 'Boivin', async (ctx) => {
    await ctx.sleep(2);
    recorder.recordStepError({ step: 'boot', error: new LivemigError('vm-failure', 'no room') });
  });
  await sim.run();
  recorder.recordStepError({ step: 'cleanup', error: 'disk full', time: 1, actor: 'scenario', host: 'Fafard' });
  assert.deepEqual(recorder.finish().stepErrors, [
    { time: 1, actor: 'scenario', host: 'Fafard', step: 'cleanup', code: 'error', message: 'disk full' },
    { time: 2, actor: 'worker', host: 'Boivin', step: 'boot', code: 'vm-failure', message: 'no room' },
  ]);
});

test('past maxLogLines, log lines are counted, not kept', async () => {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim, { maxLogLines: 2 });
  sim.spawn('chatty', 'Fafard', (ctx) => {
    for (let i = 0; i < 5; i++) ctx.log(`line ${i}`);
  });
  await sim.run();
  const report = recorder.finish();
  assert.deepEqual(
    report.log.map((l) => l.message),
    ['line 0', 'line 1'],
  );
  assert.equal(report.droppedLogLines, 3);
});

test('finish stops listening and returns the same report when called again', async () => {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim);
  sim.spawn('a', 'Fafard', (ctx) => ctx.execute(1e8));
  await sim.run({ until: 0.5 });
  const report = recorder.finish();
  await sim.run();
  assert.equal(recorder.finish(), report);
  assert.equal(report.endTime, 0.5);
});

test('the same run gives a byte-identical report.json', async () => {
  assert.equal(reportJson(await busyRun()), reportJson(await busyRun()));
});

test('after a post-copy switch-over, the timeline shows the VM migrating on from its destination', async () => {
  const sim = new Simulation({ platform: SMALL_PLATFORM });
  const recorder = new Recorder(sim);
  const vm = sim.createMigratableVm('Fafard', 'vm', {
    ramMiB: 256,
    migrationSpeedMiBps: 100,
    dirtyIntensityPercent: 20,
  });
  vm.start();
  sim.spawn('app', vm, (ctx) => ctx.execute(5e9));
  sim.spawn('operator', 'Tremblay', async (ctx) => {
    await ctx.sleep(1);
    await sim.migrate(vm, 'Jupiter', { algorithm: 'postcopy' });
  });
  await sim.run();
  assert.deepEqual(
    recorder.finish().timeline.map((i) => [i.host, i.state]),
    [
      ['Fafard', 'running'],
      ['Fafard', 'stop-and-copy'],
      ['Jupiter', 'migrating'],
      ['Jupiter', 'running'],
    ],
  );
});
