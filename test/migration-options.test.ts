// The public API reads a migration's options against the chosen algorithm's schema: a wrongly typed value or a key
// the algorithm does not take rejects `vm.migrate` with an InputError that lists every problem by key, before anything
// runs; a custom algorithm declares its options the same way and receives them typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  algorithmOptions,
  InputError,
  type MigrateOptions,
  type MigrationAlgorithm,
  type MigrationRecord,
  Simulation,
  schema as s,
} from '../src/index.ts';

const MiB = 2 ** 20;

async function migrate(
  options: MigrateOptions,
): Promise<{ error?: unknown; record?: MigrationRecord; sim: Simulation }> {
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
  const outcome: { error?: unknown; record?: MigrationRecord; sim: Simulation } = { sim };
  sim.spawn('op', 'src', async () => {
    try {
      outcome.record = await vm.migrate(sim.host('dst'), options);
    } catch (error) {
      outcome.error = error;
    }
  });
  await sim.run();
  return outcome;
}

test('downtimeLimitSec: "1s" is an InputError naming the key, not a silent 0.3 s', async () => {
  const { error, sim } = await migrate({ algorithm: 'precopy', downtimeLimitSec: '1s' });
  assert.ok(error instanceof InputError, String(error));
  assert.deepEqual(
    error.issues.map((issue) => [issue.code, issue.path]),
    [['invalid-type', 'downtimeLimitSec']],
  );
  assert.match(error.message, /downtimeLimitSec: "downtimeLimitSec" must be a number ≥ 0, not a string \("1s"\)/);
  assert.equal(sim.migrations.length, 0, 'nothing ran');
});

test('a key the chosen algorithm does not take is refused with a suggestion, every problem at once', async () => {
  const { error } = await migrate({ algorithm: 'mplm', epochSecs: 2, maxRounds: 3, dirtyPercent: 150 });
  assert.ok(error instanceof InputError, String(error));
  assert.deepEqual(
    error.issues.map((issue) => [issue.code, issue.path]),
    [
      ['unknown-option', 'epochSecs'],
      ['unknown-option', 'maxRounds'],
      ['out-of-range', 'dirtyPercent'],
    ],
  );
  assert.equal(error.issues[0]?.hint?.startsWith('Did you mean "epochSec"?'), true, error.issues[0]?.hint);
});

test('a custom algorithm declares its options and receives them typed; a bad one is refused', async () => {
  const seen: unknown[] = [];
  const options = algorithmOptions('whole-copy', { rateBytesPerSec: s.optional(s.number({ min: 0 })) });
  const wholeCopy: MigrationAlgorithm<s.Infer<typeof options>> = {
    name: 'whole-copy',
    options,
    create: (given) => {
      seen.push(given.rateBytesPerSec);
      return {
        name: 'whole-copy',
        checkIntervalSec: undefined,
        start: (view) => ({ action: 'switch-over', bytes: view.ramBytes, finalSync: false }),
        roundEnded: () => ({ action: 'give-up', reason: 'no rounds' }),
      };
    },
  };
  const { record } = await migrate({ algorithm: wholeCopy, rateBytesPerSec: 50 * MiB });
  assert.equal(record?.outcome, 'completed');
  assert.deepEqual(seen, [50 * MiB]);
  const { error } = await migrate({ algorithm: wholeCopy, rateBytesPerSec: -1 });
  assert.ok(error instanceof InputError, String(error));
  assert.match(error.message, /Invalid options for the whole-copy migration algorithm/);
});
