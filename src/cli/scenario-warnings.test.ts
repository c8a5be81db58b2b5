// A scenario written with an old spelling of a key is valid: validate and run say so, and print the warning with
// its file:line:col and the new spelling on stderr.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from './io.ts';
import { main } from './main.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'livemig-warnings-'));
after(() => rmSync(work, { recursive: true, force: true }));

const OLD = `version: 1
platform: ${repo}examples/simgrid/platforms/small_platform.xml
vms: [ { name: VM0, host: Fafard, ram: 1GiB, migration: { speed: 100MiB/s } } ]
actors:
  - { name: operator, host: Fafard, steps: [ { migrate: { vm: VM0, to: Tremblay } } ] }
`;

test('validate and run accept an old spelling and warn at its file:line:col with the new one', async () => {
  const file = join(work, 'old.yaml');
  writeFileSync(file, OLD);
  const validate = memoryIo(repo);
  assert.equal(await main(['validate', file], validate), 0);
  assert.match(validate.stdout.join('\n'), /valid scenario/);
  const warning =
    /^warning: .*old\.yaml:3:59: "vms\[0\]\.migration\.speed": "speed" is the old spelling of "maxBandwidth".*\[renamed-key\]/m;
  assert.match(validate.stderr.join('\n'), warning);
  const run = memoryIo(repo);
  assert.equal(await main(['run', file, '--out', join(work, 'out'), '--quiet'], run), 0);
  assert.match(run.stderr.join('\n'), warning);
  assert.match(run.stdout.join('\n'), /1 migration\(s\)/);
});
