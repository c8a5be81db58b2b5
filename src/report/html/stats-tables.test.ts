// The statistics tables of the HTML report, filled from a real recorded run: one query-migrate row per migration,
// and an algorithm's own table (MPLM's epochs, vm/migration/strategies/mplm-table.ts) only when it ran.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Simulation } from '../../simulation/index.ts';
import { mplmEpochTable } from '../../vm/index.ts';
import { Recorder } from '../recorder.ts';
import { idleMigration } from '../testing/sample-runs.ts';
import { reportTables } from './report-tables.ts';
import { migrationStatsTable } from './stats-tables.ts';

const MiB = 2 ** 20;

async function mplmRun() {
  const sim = new Simulation({
    platform: {
      hosts: [
        { name: 'a', speed: '1Gf', cores: 2 },
        { name: 'b', speed: '1Gf', cores: 2 },
      ],
      links: [{ name: 'lan', bandwidth: '125MBps', latency: '100us' }],
      routes: [{ src: 'a', dst: 'b', links: ['lan'] }],
    },
  });
  const recorder = new Recorder(sim);
  const vm = sim.createVm('a', 'vm', { ramBytes: 512 * MiB });
  vm.dirtyModel = { kind: 'rate', rateBytesPerSec: 40 * MiB, workingSetBytes: 128 * MiB };
  vm.start();
  sim.spawn('app', vm, (ctx) => ctx.execute(2e10));
  sim.spawn('op', 'a', async () => {
    await vm.migrate(sim.host('b'), { algorithm: 'mplm' });
  });
  await sim.run();
  return recorder.finish();
}

test('every migration gets a query-migrate row whose status history ends with "completed"', async () => {
  const report = await mplmRun();
  const table = migrationStatsTable(report);
  assert.equal(table.rows.length, 1);
  const row = table.rows[0] as string[];
  assert.match(row[2] as string, /^setup 0\.000 s → active 0\.000 s → device \d+\.\d{3} s → completed \d+\.\d{3} s$/);
  const header = table.columns.map((c) => c.label);
  const stats = report.migrations[0]?.stats as { dirtySyncCount: number };
  assert.equal(row[header.indexOf('dirty syncs')], String(stats.dirtySyncCount));
  assert.ok(stats.dirtySyncCount >= 2, 'MPLM syncs once per epoch');
});

test("MPLM's epochs are listed one per row, ending in S4; runs without MPLM get no epoch table", async () => {
  const report = await mplmRun();
  const epochs = mplmEpochTable(report.migrations);
  const states = epochs.rows.map((r) => r[4]);
  assert.ok(epochs.rows.length >= 2);
  assert.equal(states.at(-1), 'S4');
  assert.ok(reportTables(report).some((t) => t.id === 'mplm-epochs' && t.section === 'migrations'));
  const plain = await idleMigration();
  assert.equal(mplmEpochTable(plain.migrations).rows.length, 0);
  assert.ok(!reportTables(plain).some((t) => t.id === 'mplm-epochs'));
  assert.equal(migrationStatsTable(plain).rows.length, 1);
});
