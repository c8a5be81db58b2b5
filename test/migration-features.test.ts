// Features written by the user through the API: each hook runs on the agent of its side, in its phase and in order;
// a required feature that throws rolls the migration back (its rollback runs where it was prepared), an optional
// one is reported and the migration goes on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FeatureContext, isLivemigError, type UserFeature } from '../src/index.ts';
import { runPhased } from './phased-fixture.ts';

function recording(name: string, seen: string[], extra: Partial<UserFeature> = {}): UserFeature {
  const note = (hook: string) => (f: FeatureContext) => {
    seen.push(`${name}.${hook} on ${f.ctx.host.name} (${f.side})`);
  };
  return {
    name,
    begin: note('begin'),
    prepare: note('prepare'),
    stopped: note('stopped'),
    commit: note('commit'),
    rollback: note('rollback'),
    release: note('release'),
    ...extra,
  };
}

test("a user's feature runs each hook on its side's agent, in the order of the protocol", async () => {
  const seen: string[] = [];
  const run = await runPhased({ algorithm: 'precopy', features: [recording('lock', seen)] });
  assert.equal(run.error, undefined);
  assert.deepEqual(seen, [
    'lock.begin on src (source)',
    'lock.prepare on dst (destination)',
    'lock.stopped on src (source)',
    'lock.commit on dst (destination)',
    'lock.release on src (source)',
  ]);
  assert.equal(run.sim.control.records[0]?.features[0]?.outcome, 'ok');
});

test('a required feature whose commit throws rolls the migration back; an optional one is only reported', async () => {
  const seen: string[] = [];
  const refuse = () => {
    throw new Error('the storage lock is held elsewhere');
  };
  const required = await runPhased({
    algorithm: 'precopy',
    features: [recording('a', seen), recording('lock', seen, { commit: refuse })],
  });
  assert.ok(isLivemigError(required.error, 'finish-failed'));
  assert.match(required.error.message, /feature lock: the storage lock is held elsewhere/);
  assert.equal(required.vm.pm.name, 'src');
  // Both were prepared on the destination: both are rolled back there, the last first.
  assert.deepEqual(
    seen.filter((s) => s.includes('rollback')),
    ['lock.rollback on dst (destination)', 'a.rollback on dst (destination)'],
  );
  const optional = await runPhased({
    algorithm: 'precopy',
    features: [{ ...recording('lock', [], { commit: refuse }), required: false }],
  });
  assert.equal(optional.error, undefined);
  assert.equal(optional.vm.pm.name, 'dst');
  const record = optional.sim.control.records[0]?.features[0];
  assert.equal(record?.outcome, 'failed');
  assert.deepEqual(
    record?.steps.filter((s) => !s.ok).map((s) => [s.step, s.error]),
    [['commit', 'the storage lock is held elsewhere']],
  );
});

test('a feature may wait on the network in its hook: the time it takes in Finish is downtime', async () => {
  const plain = await runPhased({ algorithm: 'precopy' });
  const slow = await runPhased({
    algorithm: 'precopy',
    features: [{ name: 'storage-switch', commit: (f: FeatureContext) => f.ctx.sleep(0.25) }],
  });
  const extra = (slow.record?.downtimeSec ?? 0) - (plain.record?.downtimeSec ?? 0);
  assert.ok(Math.abs(extra - 0.25) < 1e-9, `${extra}`);
  assert.ok(Math.abs((slow.sim.control.records[0]?.features[0]?.extraDowntimeSec ?? 0) - 0.25) < 1e-12);
});
