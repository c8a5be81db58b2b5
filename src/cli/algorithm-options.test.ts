// An option the chosen algorithm has no use for is bad input: MPLM has no downtime limit, so a scenario that gives
// one is refused before anything runs (exit 2, file:line:col, the reason and what to do).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from './io.ts';
import { main } from './main.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

test('a scenario giving MPLM a downtime limit exits 2 with the position of downtimeLimit and the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-mplm-'));
  try {
    const path = join(dir, 'mplm.yaml');
    writeFileSync(
      path,
      `version: 1
platform: ${repo}examples/simgrid/platforms/small_platform.xml
vms: [ { name: VM0, host: Fafard, ram: 1GiB } ]
actors:
  - name: operator
    host: Fafard
    steps:
      - migrate: { vm: VM0, to: Tremblay, algorithm: mplm,
                   downtimeLimit: 30ms }
`,
    );
    const io = memoryIo(repo);
    const out = join(dir, 'out');
    const code = await main(['run', path, '--out', out], io);
    const err = io.stderr.join('\n');
    assert.equal(code, 2);
    assert.match(err, /mplm\.yaml:9:\d+: .*MPLM has no downtime limit/);
    assert.match(err, /hint: Remove downtimeLimit/);
    assert.equal(existsSync(out), false, 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
