// Cases written against SimGrid 3.32 for livemig (peer/*.cpp, outputs in expected/): livemig must print the same
// lines, every date equal to 1e-6 s. When libsimgrid-dev is installed, the last test rebuilds and re-runs the C++
// programs and checks that SimGrid still prints the saved outputs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadScenario, runScenario } from '../../src/index.ts';
import { run as clusterRoutes } from './cluster-routes.ts';
import { run as commSuspendLatency } from './comm-suspend-latency.ts';
import { run as constantNetwork } from './constant-network.ts';
import { run as dirtyRatePstate } from './dirty-rate-pstate.ts';
import { run as execThreadsBound } from './exec-threads-bound.ts';
import { compareLines, expectedLines, shortLine } from './harness.ts';
import { run as vmPlaceholderAfterMigration } from './vm-placeholder-after-migration.ts';
import { run as vmThreadsMigration } from './vm-threads-migration.ts';

const CASES: [name: string, run: () => Promise<string[]>, what: string][] = [
  [
    'comm-suspend-latency',
    commSuspendLatency,
    'a transfer suspended during its latency resumes and skips the rest of it',
  ],
  ['exec-threads-bound', execThreadsBound, 'an execution of several threads ignores its bound and priority'],
  [
    'vm-placeholder-after-migration',
    vmPlaceholderAfterMigration,
    'a migrated VM stands on its new host as a 1-core action bounded to its vCPU count in flop/s',
  ],
  [
    'vm-threads-migration',
    vmThreadsMigration,
    'a migrated VM running a multi-thread execution weighs its threads on its new host once resumed',
  ],
  [
    'dirty-rate-pstate',
    dirtyRatePstate,
    'the bytes dirtied per flop are fixed at the start of a migration, whatever pstate changes follow',
  ],
  [
    'constant-network',
    () => constantNetwork(),
    'the constant network model: every transfer lasts 13.01 s, a 0-byte one ends at the next event',
  ],
  [
    'constant-network@factor',
    () => constantNetwork(2.5),
    'the constant network model with a transfer time of 2.5 s (SimGrid: network/latency-factor:2.5)',
  ],
  [
    'cluster-routes@peer-torus',
    () => clusterRoutes('peer-torus.xml'),
    'a 3x2x2 torus cluster with loopbacks and limiters routes every pair of hosts',
  ],
  [
    'cluster-routes@peer-torus-shared',
    () => clusterRoutes('peer-torus-shared.xml'),
    'a 4x3 torus cluster with shared links and scattered radicals routes every pair of hosts',
  ],
  [
    'cluster-routes@peer-dragonfly',
    () => clusterRoutes('peer-dragonfly.xml'),
    'a 48-host dragonfly cluster with loopbacks and limiters routes every pair of hosts',
  ],
  [
    'cluster-routes@peer-dragonfly-shared',
    () => clusterRoutes('peer-dragonfly-shared.xml'),
    'a 12-host dragonfly cluster with shared links routes every pair of hosts',
  ],
  [
    'cluster-routes@peer-fat-tree',
    () => clusterRoutes('peer-fat-tree.xml'),
    'a two-level fat tree with loopbacks, limiters and double links routes every pair of hosts',
  ],
  [
    'cluster-routes@peer-fat-tree-shared',
    () => clusterRoutes('peer-fat-tree-shared.xml'),
    'a three-level fat tree with shared links routes every pair of hosts',
  ],
];

for (const [name, run, what] of CASES) {
  test(`${what} (as SimGrid 3.32 prints in ${name}.out)`, async () => {
    const problems = compareLines(await run(), expectedLines(`${name}.out`));
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}

/** Runs a scenario file of scenarios/ and returns its log in SimGrid's format. */
async function scenarioLines(name: string): Promise<string[]> {
  const lines: string[] = [];
  const file = fileURLToPath(new URL(`./scenarios/${name}.yaml`, import.meta.url));
  await runScenario(loadScenario(file), { onLog: (record) => lines.push(shortLine(record)) });
  return lines;
}

test('a scenario file sets pstates (a step, timed events) and waits for background executions as SimGrid does', async () => {
  // Timed events run outside any actor (maestro, pid 0); SimGrid's program runs them in an actor "events" (pid 3).
  const expected = expectedLines('pstate-background-exec.out')
    .filter((line) => !line.endsWith('Simulation ended'))
    .map((line) => line.replace('(3:events@B)', '(0:maestro@)'));
  const problems = compareLines(await scenarioLines('pstate-background-exec'), expected, { sorted: true });
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('a scenario file sets the constant network model and its transfer time as SimGrid does', async () => {
  // The first transfers of constant-network@factor.out (after its two configuration lines).
  const expected = expectedLines('constant-network@factor.out').slice(2, 8);
  const problems = compareLines(await scenarioLines('constant-network'), expected);
  assert.deepEqual(problems, [], problems.join('\n'));
});

const haveSimgrid = spawnSync('pkg-config', ['--exists', 'simgrid']).status === 0;
test('SimGrid 3.32 still prints the saved outputs of the peer programs', {
  skip: haveSimgrid ? false : 'libsimgrid-dev is not installed (.ci/run installs it)',
}, () => {
  const script = fileURLToPath(new URL('./peer/run-peer.sh', import.meta.url));
  const output = execFileSync(script, ['--check'], { encoding: 'utf8' });
  assert.doesNotMatch(output, /DIFFERENT/);
});
