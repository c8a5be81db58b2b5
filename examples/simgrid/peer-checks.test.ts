// Cases written against SimGrid 3.32 for livemig (peer/*.cpp, outputs in expected/): livemig must print the same
// lines, every date equal to 1e-6 s. When libsimgrid-dev is installed, the last test rebuilds and re-runs the C++
// programs and checks that SimGrid still prints the saved outputs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run as commSuspendLatency } from './comm-suspend-latency.ts';
import { run as dirtyRatePstate } from './dirty-rate-pstate.ts';
import { run as execThreadsBound } from './exec-threads-bound.ts';
import { compareLines, expectedLines } from './harness.ts';
import { run as vmPlaceholderAfterMigration } from './vm-placeholder-after-migration.ts';

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
    'dirty-rate-pstate',
    dirtyRatePstate,
    'the bytes dirtied per flop are fixed at the start of a migration, whatever pstate changes follow',
  ],
];

for (const [name, run, what] of CASES) {
  test(`${what} (as SimGrid 3.32 prints in ${name}.out)`, async () => {
    const problems = compareLines(await run(), expectedLines(`${name}.out`));
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}

const haveSimgrid = spawnSync('pkg-config', ['--exists', 'simgrid']).status === 0;
test('SimGrid 3.32 still prints the saved outputs of the peer programs', { skip: !haveSimgrid }, () => {
  const script = fileURLToPath(new URL('./peer/run-peer.sh', import.meta.url));
  const output = execFileSync(script, ['--check'], { encoding: 'utf8' });
  assert.doesNotMatch(output, /DIFFERENT/);
});
