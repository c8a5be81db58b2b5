// trace.paje read back by pajeng's pj_dump (Debian package pajeng): it parses without complaint, VMs live in their
// hosts and move at switch-over (SimGrid's way), migrations are links between hosts, loads are variables.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { busyRun } from '../testing/sample-runs.ts';
import { pajeTrace } from './paje-trace.ts';

const found = spawnSync('pj_dump', ['--version'], { encoding: 'utf8' });
const skip = found.error === undefined ? false : 'pj_dump is missing: apt-get install -y pajeng';

/** pj_dump's lines, split into fields. */
function dump(trace: string): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-paje-'));
  try {
    const file = join(dir, 'trace.paje');
    writeFileSync(file, trace);
    const result = spawnSync('pj_dump', [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    return result.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(',').map((field) => field.trim()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('pj_dump reads the trace: hosts, used links, and VM containers inside their hosts', { skip }, async () => {
  const report = await busyRun();
  const rows = dump(pajeTrace(report));
  const containers = rows.filter((r) => r[0] === 'Container');
  const named = (type: string) => containers.filter((r) => r[2] === type).map((r) => r[6]);
  assert.deepEqual(named('HOST').sort(), report.hosts.map((h) => h.name).sort());
  assert.deepEqual(named('LINK').sort(), report.usage.links.map((l) => l.name).sort());
  const stays = (vm: string) =>
    containers
      .filter((r) => r[2] === 'VM' && r[6] === vm)
      .sort((a, b) => Number(a[3]) - Number(b[3]))
      .map((r) => r[1]);
  assert.deepEqual(stays('busy'), ['Fafard', 'Jupiter', 'Fafard']);
  assert.deepEqual(stays('idle'), ['Fafard']);
});

test('migrations are MIGRATION links between hosts, and each move a VM_LINK between VM containers', {
  skip,
}, async () => {
  const rows = dump(pajeTrace(await busyRun()));
  const links = (type: string) => rows.filter((r) => r[0] === 'Link' && r[2] === type);
  assert.deepEqual(
    links('MIGRATION')
      .sort((a, b) => Number(a[3]) - Number(b[3]))
      .map((r) => [r[6], r[7], r[8]]),
    [
      ['completed', 'Fafard', 'Jupiter'],
      ['failed', 'Fafard', 'Ginette'],
      ['completed', 'Jupiter', 'Fafard'],
    ],
  );
  assert.deepEqual(
    links('VM_LINK').map((r) => [r[6], r[7], r[8]]),
    [
      ['M', 'busy', 'busy'],
      ['M', 'busy', 'busy'],
    ],
  );
});

test('VM states, host states and loads are there', { skip }, async () => {
  const report = await busyRun();
  const rows = dump(pajeTrace(report));
  const states = (container: string, type: string) =>
    rows
      .filter((r) => r[0] === 'State' && r[1] === container && r[2] === type)
      .sort((a, b) => Number(a[3]) - Number(b[3]))
      .map((r) => r[7]);
  assert.deepEqual(states('busy', 'VM_STATE'), [
    'running',
    'migrating',
    'stop-and-copy',
    'running',
    'migrating',
    'stop-and-copy',
    'running',
    'suspended',
  ]);
  assert.deepEqual(states('Ginette', 'HOST_STATE'), ['on', 'off']);
  const variables = (type: string) =>
    new Set(rows.filter((r) => r[0] === 'Variable' && r[2] === type).map((r) => r[1]));
  assert.ok(variables('speed_used').has('Fafard'));
  assert.equal(variables('bandwidth_used').size, report.usage.links.length);
});
