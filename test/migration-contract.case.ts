// The contract every migration algorithm keeps, as a reusable suite: run it against each algorithm (and each dirty
// model) to check that the destination gets every byte in its latest version, the VM runs on exactly one host at
// the end, downtime and bytes are accounted, failures give the typed errors of the VM layer, and options the algorithm
// does not take (or of the wrong type) are refused before anything runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BUILT_IN_ALGORITHMS,
  type DirtyModelSpec,
  InputError,
  isLivemigError,
  type LivemigError,
  type MigrateOptions,
  type MigrationRecord,
  Simulation,
  type VirtualMachine,
} from '../src/index.ts';

export interface ContractCase {
  algorithm: string;
  options?: MigrateOptions;
  dirty: DirtyModelSpec;
  /** True when the VM runs on the destination before every page is there (post-copy): a late failure loses it. */
  postCopy?: boolean;
}

const MiB = 2 ** 20;
const platform = {
  hosts: [
    { name: 'src', speed: '2Gf', cores: 2 },
    { name: 'dst', speed: '2Gf', cores: 2 },
    { name: 'ops', speed: '1Gf' },
  ],
  links: [
    { name: 'lan', bandwidth: '125MBps', latency: '100us' },
    { name: 'mgmt', bandwidth: '125MBps', latency: '1ms' },
  ],
  routes: [
    { src: 'src', dst: 'dst', links: ['lan'] },
    { src: 'ops', dst: 'src', links: ['mgmt'] },
    { src: 'ops', dst: 'dst', links: ['mgmt', 'lan'] },
  ],
};

interface Outcome {
  sim: Simulation;
  vm: VirtualMachine;
  record?: MigrationRecord;
  error?: LivemigError;
}

async function migrate(c: ContractCase, fault?: (sim: Simulation, vm: VirtualMachine) => void): Promise<Outcome> {
  const sim = new Simulation({ platform });
  const vm = sim.createMigratableVm('src', 'vm', { ramMiB: 512, migrationSpeedMiBps: 100, dirtyIntensityPercent: 20 });
  vm.dirtyModel = c.dirty;
  vm.start();
  sim.spawn('app', vm, async (ctx) => {
    for (let i = 0; i < 100; i++) await ctx.execute(2e9);
  });
  const outcome: Outcome = { sim, vm };
  sim.spawn('operator', 'ops', async (ctx) => {
    await ctx.sleep(1);
    try {
      outcome.record = await vm.migrate(sim.host('dst'), { algorithm: c.algorithm, ...c.options });
    } catch (error) {
      outcome.error = error as LivemigError;
    }
  });
  fault?.(sim, vm);
  await sim.run({ until: 2000 });
  return outcome;
}

export function migrationContract(c: ContractCase): void {
  const name = `${c.algorithm} (${c.dirty.kind} dirtying)`;

  test(`${name}: every byte reaches the destination and the VM runs there, once`, () => deliversOnce(c));

  test(`${name}: a key it does not take, and each of its keys with a value of the wrong type, are refused`, () =>
    refusesBadOptions(c));

  test(`${name}: the same migration twice gives the same record`, async () => {
    const first = await migrate(c);
    const second = await migrate(c);
    assert.equal(JSON.stringify(second.record), JSON.stringify(first.record));
  });

  test(`${name}: the destination failing mid-way gives migration-failed; the VM runs on one host or is lost`, async () => {
    const { vm, error } = await migrate(c, (sim) => sim.at(2.5, () => sim.host('dst').turnOff()));
    assert.ok(isLivemigError(error, 'migration-failed'), String(error));
    if (c.postCopy === true && vm.state === 'destroyed') return; // post-copy after the switch: the VM is lost
    assert.equal(vm.state, 'running');
    assert.equal(vm.pm.name, 'src');
    assert.equal(vm.pausedForMigration, false);
    assert.equal(vm.throttleFraction, 0);
  });

  test(`${name}: shutting the VM down mid-way gives migration-aborted`, async () => {
    const { vm, error } = await migrate(c, (sim, machine) => sim.at(1.5, () => machine.shutdown()));
    assert.ok(isLivemigError(error, 'migration-aborted') || isLivemigError(error, 'migration-failed'), String(error));
    assert.equal(vm.state, 'destroyed');
  });
}

/** The migration completes: every byte sent once, accounted for in rounds and stats, the VM running at the destination. */
async function deliversOnce(c: ContractCase): Promise<void> {
  const { vm, record, error } = await migrate(c);
  assert.equal(error, undefined, String(error));
  assert.ok(record !== undefined);
  assert.equal(record.outcome, 'completed');
  assert.equal(vm.pm.name, 'dst');
  assert.equal(vm.state, 'running');
  assert.equal(vm.pausedForMigration, false);
  const memory = 512 * MiB;
  assert.ok(record.bytesSent >= memory, `sent ${record.bytesSent} < RAM ${memory}`);
  const roundBytes = record.rounds.reduce((sum, r) => sum + r.bytes, 0);
  assert.equal(Math.round(roundBytes), Math.round(record.bytesSent), 'rounds add up to the bytes sent');
  const stats = record.stats;
  assert.equal(
    Math.round(stats.precopyBytes + stats.downtimeBytes + stats.postcopyBytes),
    Math.round(record.bytesSent),
  );
  assert.equal(Math.round(stats.transferredBytes), Math.round(record.bytesSent), 'transferred = bytes sent, once');
  assert.equal(stats.remainingBytes, 0, 'nothing left dirty after the switch-over');
  assert.equal(stats.statusHistory.at(-1)?.status, 'completed');
  assert.equal(stats.statusHistory[0]?.status, 'setup');
  const downtime = record.downtimeSec as number;
  assert.ok(downtime >= 0 && downtime <= (record.durationSec as number), `downtime ${downtime}`);
}

/** Options are checked against the algorithm's schema before anything starts. */
async function refusesBadOptions(c: ContractCase): Promise<void> {
  const algorithm = BUILT_IN_ALGORITHMS[c.algorithm as keyof typeof BUILT_IN_ALGORITHMS];
  assert.ok(algorithm !== undefined, `${c.algorithm} is in the registry`);
  for (const [key, value] of [
    ['noSuchOption', 1],
    ...algorithm.options.keys.map((k) => [k, 'wrong'] as const),
  ] as const) {
    const { sim, vm, record, error } = await migrate({ ...c, options: { ...c.options, [key]: value } });
    assert.ok(error instanceof InputError, `${key}: ${String(error)}`);
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      [key],
    );
    assert.equal(record, undefined);
    assert.equal(sim.migrations.length, 0, 'no migration started');
    assert.equal(vm.pm.name, 'src');
  }
}
