// The phased protocol around a real migration, with a stand-in for QEMU: which hooks run in which phase, what a
// required or optional failure does, and what the caller is told. The real thing is in qemu-migration.test.ts and
// src/scenario/run/real-run.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLivemigError, LivemigError } from '../../core/index.ts';
import type { RealMigrationOptions } from '../migration/options.ts';
import type { RealMigrationResult } from '../migration/result.ts';
import type { RealMigration } from '../qemu-migration.ts';
import { commandFeature } from './command-feature.ts';
import { migratePhasedReal, type RealFeature, type RealPhasedRecord } from './real-phased.ts';

/** A stand-in copy: reaches the switch-over gate, asks it, then completes or is cancelled (or fails first). */
function fakeCopy(calls: string[], mode: 'gate' | 'fail-before-gate' = 'gate') {
  return (options: RealMigrationOptions): RealMigration => {
    const result = { outcome: 'completed' } as unknown as RealMigrationResult;
    const run = async (): Promise<RealMigrationResult> => {
      calls.push('copy');
      if (mode === 'fail-before-gate') {
        throw new LivemigError('migration-failed', 'the destination went away', {
          details: { result: { ...result, outcome: 'failed' } },
        });
      }
      const go = (await options.beforeSwitchover?.({ atSec: 1, info: undefined, extended: false })) ?? true;
      calls.push(go ? 'migrate-continue' : 'migrate_cancel');
      if (!go) {
        throw new LivemigError('migration-aborted', 'cancelled at the switch-over', {
          details: { result: { ...result, outcome: 'aborted' } },
        });
      }
      return result;
    };
    const promise = run();
    return { result: promise, started: Promise.resolve() } as unknown as RealMigration;
  };
}

function feature(name: string, calls: string[], fails: Partial<Record<string, boolean>> = {}, required = true) {
  const hook = (which: string) => () => {
    calls.push(`${name}.${which}`);
    if (fails[which]) throw new Error(`${which} broke`);
  };
  return {
    name,
    required,
    begin: hook('begin'),
    prepare: hook('prepare'),
    commit: hook('commit'),
    rollback: hook('rollback'),
    release: hook('release'),
  } satisfies RealFeature;
}

async function failure(promise: Promise<unknown>): Promise<LivemigError> {
  try {
    await promise;
  } catch (error) {
    if (isLivemigError(error)) return error;
    throw error;
  }
  assert.fail('the migration should have failed');
}

const where = { vmName: 'vm1', sourceName: 'h0', destinationName: 'h1' };

test('a phased real migration runs begin, prepare, the copy, commit at the gate, then release on the source', async () => {
  const calls: string[] = [];
  const record = await migratePhasedReal({
    ...where,
    features: [feature('port', calls), feature('state', calls)],
    start: fakeCopy(calls),
  });
  assert.deepEqual(calls, [
    'port.begin',
    'state.begin',
    'port.prepare',
    'state.prepare',
    'copy',
    'port.commit',
    'state.commit',
    'migrate-continue',
    'port.release',
    'state.release',
  ]);
  assert.equal(record.outcome, 'completed');
  assert.deepEqual(
    record.phases.map((p) => `${p.phase}:${p.outcome}`),
    ['begin:ok', 'prepare:ok', 'perform:ok', 'finish:ok', 'confirm:ok'],
  );
  assert.deepEqual(
    record.features.map((f) => f.outcome),
    ['committed', 'committed'],
  );
});

test('a required feature failing at the gate cancels the copy, rolls every prepared feature back: finish-failed', async () => {
  const calls: string[] = [];
  const error = await failure(
    migratePhasedReal({
      ...where,
      features: [feature('port', calls, { commit: true }), feature('state', calls)],
      start: fakeCopy(calls),
    }),
  );
  assert.equal(error.code, 'finish-failed');
  assert.match(error.message, /failed in finish .*feature port: commit broke\. The VM runs on its source "h0"/);
  assert.deepEqual(calls.slice(4), ['copy', 'port.commit', 'migrate_cancel', 'port.rollback', 'state.rollback']);
  const protocol = error.details.protocol as RealPhasedRecord;
  assert.equal(protocol.reason, 'feature-failed');
  assert.deepEqual(
    protocol.features.map((f) => f.outcome),
    ['failed', 'rolled-back'],
  );
  assert.equal(protocol.migration?.outcome, 'aborted');
});

test('a required feature failing in prepare stops before the copy; one failing in begin before any prepare', async () => {
  const calls: string[] = [];
  const prepare = await failure(
    migratePhasedReal({
      ...where,
      features: [feature('port', calls), feature('state', calls, { prepare: true })],
      start: fakeCopy(calls),
    }),
  );
  assert.equal(prepare.code, 'prepare-failed');
  assert.match(prepare.message, /never left its source/);
  assert.ok(!calls.includes('copy'));
  assert.deepEqual(calls.slice(-2), ['port.rollback', 'state.rollback']);

  const early: string[] = [];
  const begin = await failure(
    migratePhasedReal({ ...where, features: [feature('port', early, { begin: true })], start: fakeCopy(early) }),
  );
  assert.equal(begin.code, 'begin-failed');
  assert.deepEqual(early, ['port.begin']);
});

test('an optional feature that fails is recorded and the migration completes; a copy that fails is perform-failed', async () => {
  const calls: string[] = [];
  const record = await migratePhasedReal({
    ...where,
    features: [feature('mirror', calls, { commit: true }, false), feature('port', calls)],
    start: fakeCopy(calls),
  });
  assert.equal(record.outcome, 'completed');
  assert.equal(record.failedPhase, 'finish');
  assert.deepEqual(
    record.features.map((f) => f.outcome),
    ['failed', 'committed'],
  );

  const copy: string[] = [];
  const error = await failure(
    migratePhasedReal({ ...where, features: [feature('port', copy)], start: fakeCopy(copy, 'fail-before-gate') }),
  );
  assert.equal(error.code, 'perform-failed');
  assert.equal((error.details.protocol as RealPhasedRecord).reason, 'copy-failed');
  assert.deepEqual(copy.slice(-2), ['copy', 'port.rollback']);
});

test('command features run shell hooks with the migration in their environment; a non-zero exit fails them', async () => {
  const calls: string[] = [];
  const port = commandFeature({
    name: 'port',
    prepare: 'test "$LIVEMIG_VM $LIVEMIG_FROM $LIVEMIG_TO $LIVEMIG_HOOK" = "vm1 h0 h1 prepare"',
    commit: 'echo "switch said no" >&2; exit 3',
    rollback: 'test "$LIVEMIG_PHASE" = finish',
  });
  const error = await failure(migratePhasedReal({ ...where, features: [port], start: fakeCopy(calls) }));
  assert.equal(error.code, 'finish-failed');
  assert.match(error.message, /commit hook `.*` exited with 3: switch said no/);
  const hooks = (error.details.protocol as RealPhasedRecord).features[0]?.hooks ?? [];
  assert.deepEqual(
    hooks.map((h) => `${h.hook}:${h.error === undefined ? 'ok' : 'failed'}`),
    ['prepare:ok', 'commit:failed', 'rollback:ok'],
  );
  const slow = commandFeature({ name: 'slow', begin: 'sleep 5', timeoutSec: 0.2 });
  const timeout = await failure(migratePhasedReal({ ...where, features: [slow], start: fakeCopy([]) }));
  assert.match(timeout.message, /begin hook `sleep 5` timed out after 0.2 s/);
});

test('a feature given twice, or a beforeSwitchover hook of its own, is refused before anything runs', async () => {
  const calls: string[] = [];
  await assert.rejects(
    migratePhasedReal({ features: [feature('a', calls), feature('a', calls)], start: fakeCopy(calls) }),
    /given twice/,
  );
  await assert.rejects(
    migratePhasedReal({ beforeSwitchover: () => true, start: fakeCopy(calls) }),
    /sets beforeSwitchover itself/,
  );
  assert.deepEqual(calls, []);
});
