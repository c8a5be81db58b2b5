// A migrate step's options are read against the chosen algorithm's schema: a key the algorithm does not take, a key
// it refuses (MPLM has no downtime limit) and a value of the wrong type are bad input, refused before anything runs
// (exit 2, file:line:col, the reason and what to do), by `livemig validate` as npm installs it and by `livemig run`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from './io.ts';
import { main } from './main.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin/livemig.js');

/** A scenario whose operator runs `steps` (YAML lines, indented by six spaces). */
function scenario(steps: string): string {
  return `version: 1
platform: ${repo}examples/simgrid/platforms/small_platform.xml
vms: [ { name: VM0, host: Fafard, ram: 1GiB } ]
actors:
  - name: operator
    host: Fafard
    steps:
${steps}
`;
}

function withFile(text: string, body: (path: string, dir: string) => Promise<void> | void): Promise<void> | void {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-options-'));
  const path = join(dir, 'scenario.yaml');
  writeFileSync(path, text);
  const done = () => rmSync(dir, { recursive: true, force: true });
  try {
    const result = body(path, dir);
    if (result instanceof Promise) return result.finally(done);
    done();
  } catch (error) {
    done();
    throw error;
  }
}

function validate(path: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [bin, 'validate', path], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

test('livemig validate refuses a key the chosen algorithm does not take, at its line and column, with the keys it takes', () =>
  withFile(
    scenario(`      - migrate: { vm: VM0, to: Tremblay, algorithm: mplm,
                   timeout: 30s }
      - migrate: { vm: VM0, to: Fafard, algorithm: stop-and-copy, downtimeLimit: 1s }`),
    (path) => {
      const { status, stderr } = validate(path);
      assert.equal(status, 2, stderr);
      assert.match(stderr, /scenario\.yaml:9:\d+: The mplm algorithm takes no option "timeout"\. \[unknown-option\]/);
      assert.match(
        stderr,
        /hint: It takes epoch, dirtyShare, maxBandwidth, zeroPages\. timeout is an option of precopy, hybrid\./,
      );
      assert.match(stderr, /scenario\.yaml:10:\d+: The stop-and-copy algorithm takes no option "downtimeLimit"/);
      assert.match(stderr, /hint: It takes maxBandwidth\. downtimeLimit is an option of precopy, hybrid\./);
    },
  ));

test('livemig validate checks the default algorithm (SimGrid pre-copy) too, and accepts its own keys', () =>
  withFile(
    scenario(`      - migrate: { vm: VM0, to: Tremblay, epoch: 2s }
      - migrate: { vm: VM0, to: Fafard, skipStage1: true, skipStage2: true, streams: 2, deviceState: 1MiB }`),
    (path) => {
      const { status, stderr } = validate(path);
      assert.equal(status, 2, stderr);
      assert.match(stderr, /scenario\.yaml:8:\d+: The simgrid-precopy algorithm takes no option "epoch"/);
      assert.match(stderr, /epoch is an option of mplm\./);
      assert.doesNotMatch(stderr, /scenario\.yaml:9:/, 'engine keys and its own keys are taken');
    },
  ));

test('livemig validate refuses a value of the wrong type at its position, before any default applies', () =>
  withFile(scenario('      - migrate: { vm: VM0, to: Tremblay, algorithm: precopy, downtimeLimit: fast }'), (path) => {
    const { status, stderr } = validate(path);
    assert.equal(status, 2, stderr);
    assert.match(stderr, /scenario\.yaml:8:\d+: Invalid downtimeLimit = "fast"/);
  }));

test('a scenario giving MPLM a downtime limit exits 2 with the position of downtimeLimit and the reason', async () =>
  withFile(
    scenario(`      - migrate: { vm: VM0, to: Tremblay, algorithm: mplm,
                   downtimeLimit: 30ms }`),
    async (path, dir) => {
      const io = memoryIo(repo);
      const out = join(dir, 'out');
      const code = await main(['run', path, '--out', out], io);
      const err = io.stderr.join('\n');
      assert.equal(code, 2);
      assert.match(err, /scenario\.yaml:9:\d+: .*MPLM has no downtime limit.*\[option-not-applicable\]/);
      assert.match(err, /hint: Remove the downtime limit, or use the precopy or hybrid algorithm/);
      assert.equal(existsSync(out), false, 'nothing written');
    },
  ));

test('livemig validate accepts autoConverge: false (off) and the keys each algorithm takes', () =>
  withFile(
    scenario(`      - migrate: { vm: VM0, to: Tremblay, algorithm: precopy, autoConverge: false, downtimeLimit: 1s, timeout: 30s }
      - migrate: { vm: VM0, to: Fafard, algorithm: mplm, epoch: 2s, dirtyShare: 30%, zeroPages: 10% }
      - migrate: { vm: VM0, to: Tremblay, algorithm: hybrid, postcopyAfterRounds: 2, maxPostcopyBandwidth: 1GiB/s }
      - migrate: { vm: VM0, to: Fafard, algorithm: postcopy, accessRate: 10MiB/s, compression: 0.5 }`),
    (path) => {
      const { status, stderr } = validate(path);
      assert.equal(status, 0, stderr);
    },
  ));
