// Dynamic network state that follows the VM (PUSH by the source's bridge once the VM stopped, PULL by the
// destination, through a database): the three policies for a state that is not there when the memory is, and the
// downtime each costs. A 32 MiB state crosses two 1 Gbit/s hops after the pause (bridge → database → bridge), about
// 2 × 32 MiB / (0.97 × 125e6 / 1.05 B/s) = 0.581 s, while the stop-and-copy takes 0.293 s: it arrives late.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DynamicStatePolicy, isLivemigError } from '../src/index.ts';
import { MiB, runPhased } from './phased-fixture.ts';

async function withPolicy(policy: DynamicStatePolicy, waitSec?: number) {
  const state = { name: 'dynamic-state' as const, sizeBytes: 32 * MiB, database: 'db', policy };
  const run = await runPhased({
    algorithm: 'precopy',
    features: ['vdp-port', waitSec === undefined ? state : { ...state, waitSec }],
  });
  const protocol = run.sim.control.records[0];
  assert.ok(protocol !== undefined);
  const feature = protocol.features[1];
  assert.ok(feature !== undefined);
  const message = (kind: string) => protocol.messages.find((m) => m.kind === kind);
  return { run, protocol, feature, message };
}

test('wait: the VM stays paused until its state is installed, and that time is extra downtime', async () => {
  const wait = await withPolicy('wait', 5);
  assert.equal(wait.run.error, undefined);
  assert.equal(wait.run.vm.pm.name, 'dst');
  const commit = wait.feature.steps.find((s) => s.step === 'commit');
  const installed = wait.message('state.installed');
  assert.ok(commit !== undefined && installed?.received !== undefined);
  assert.equal(commit.end, installed.received, 'Finish waited for the state');
  assert.equal(wait.feature.extraDowntimeSec, commit.end - commit.start);
  // 0.581 s of transfers from the pause, less the 0.293 s stop-and-copy (the VM pauses after the first pass, its
  // 32 MiB dirty set under the 300 ms threshold) and Finish's first hops.
  assert.ok(
    wait.feature.extraDowntimeSec > 0.28 && wait.feature.extraDowntimeSec < 0.3,
    `${wait.feature.extraDowntimeSec}`,
  );
  const handover = wait.protocol.jobStats?.handoverSec ?? 0;
  assert.ok(handover > wait.feature.extraDowntimeSec, 'the hand-over includes the wait');
  // The PULL (sent in Prepare) reached the database long before the PUSH: the database held it.
  assert.ok((wait.message('state.pull')?.received ?? 1e9) < (wait.message('state.push')?.received ?? 0));
});

test('wait: a state later than the wait backs the migration out, and the VM resumes on the source', async () => {
  const short = await withPolicy('wait', 0.1);
  assert.ok(isLivemigError(short.run.error, 'finish-failed'));
  assert.match(short.run.error.message, /did not reach "dst" within 0.1 s \(policy wait\): backing out/);
  assert.ok(Math.abs(short.feature.extraDowntimeSec - 0.1) < 1e-12);
  assert.deepEqual(
    [short.run.vm.pm.name, short.run.vm.state, short.run.vm.pausedForMigration],
    ['src', 'running', false],
  );
});

test('proceed: no extra downtime; the VM runs without its state until it lands, and the gap is reported', async () => {
  const proceed = await withPolicy('proceed');
  const wait = await withPolicy('wait', 5);
  assert.equal(proceed.run.error, undefined);
  assert.equal(proceed.feature.extraDowntimeSec, 0);
  const gap = proceed.feature.details.stateGapSec as number;
  // What `wait` spends paused, `proceed` spends running without its network state.
  assert.ok(Math.abs(gap - wait.feature.extraDowntimeSec) < 1e-3, `${gap} vs ${wait.feature.extraDowntimeSec}`);
  const plain = (await runPhased({ algorithm: 'precopy', features: ['vdp-port'] })).sim.control.records[0]?.jobStats;
  const stats = proceed.protocol.jobStats;
  // Finish takes no longer than without the state; the PUSH request shares the source's link with the last memory
  // for a moment (its 194 bytes), which moves the stop-and-copy's end, and so Finish, by about a microsecond.
  assert.ok(Math.abs((stats?.handoverSec ?? 0) - (plain?.handoverSec ?? 0)) < 1e-5, 'Finish as without the state');
  assert.ok(Math.abs((stats?.downtimeSec ?? 0) - (plain?.downtimeSec ?? 0)) < 1e-5);
});

test('serialize: the PULL leaves only once the PUSH is stored, which costs a few more hops than wait', async () => {
  const serialize = await withPolicy('serialize', 5);
  const wait = await withPolicy('wait', 5);
  assert.equal(serialize.run.error, undefined);
  const stored = serialize.message('state.stored');
  const pushed = serialize.message('state.pushed');
  const pull = serialize.message('state.pull');
  assert.ok(stored?.received !== undefined && pushed?.received !== undefined && pull !== undefined);
  assert.equal(pushed.sent, stored.received, 'the source tells the destination the PUSH is stored');
  assert.equal(pull.sent, pushed.received, 'then the destination PULLs');
  const hops = [stored, pushed, pull].reduce((sum, m) => sum + ((m.received ?? 0) - m.sent), 0);
  const extra = serialize.feature.extraDowntimeSec - wait.feature.extraDowntimeSec;
  assert.ok(Math.abs(extra - hops) < 1e-4, `${extra} vs ${hops}`);
});
