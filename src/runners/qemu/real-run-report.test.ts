// A real run as a RunReport: marked real, the VM's timeline from QEMU's STOP and RESUME, the loopback's load from
// the polls, QEMU's statuses and the memory check in the log; its files are written like a simulated run's.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RealMigrationResult } from '../../drivers/index.ts';
import { writeReport } from '../../report/index.ts';
import { qemuRunner } from './qemu-runner.ts';
import { labMigrationReport, realRunReport } from './real-run-report.ts';

const MIB = 1024 * 1024;

/** What a real pre-copy of 1.2 s leaves (the fields the report reads), optionally switched to post-copy. */
function result(overrides: { outcome?: 'completed' | 'aborted'; postcopy?: boolean } = {}): RealMigrationResult {
  const outcome = overrides.outcome ?? 'completed';
  const statuses = [
    'setup',
    'active',
    ...(overrides.postcopy ? ['postcopy-active'] : []),
    outcome === 'completed' ? 'completed' : 'cancelled',
  ];
  const history = statuses.map((status, i) => ({ status, time: [0, 0.15, 1.0, 1.2][i] ?? 1.2 }));
  return {
    id: 0,
    vm: 'lab-guest',
    from: 'source',
    to: 'destination',
    algorithm: 'qemu-pre-copy',
    start: 0,
    end: 1.2,
    durationSec: 1.2,
    downtimeSec: outcome === 'completed' ? 0.004 : undefined,
    bytesSent: 140 * MIB,
    rounds: [{ stage: 1, index: 0, start: 0.15, end: 1.1, bytes: 132 * MIB, bandwidth: 146e6, threshold: 4e6 }],
    outcome,
    error: outcome === 'completed' ? undefined : 'Cancelled by the operator.',
    stats: {
      statusHistory: history,
      qemuStatusHistory: history,
      sourceStopAtSec: outcome === 'completed' ? 1.19 : undefined,
      destinationResumeAtSec: outcome === 'completed' ? 1.195 : undefined,
      totalBytes: 256 * MIB,
      samples: [0.1, 0.6, 1.1].map(
        (time, i) => ({ time, status: 'active', transferredBytes: ([0, 64, 132][i] ?? 0) * MIB }) as never,
      ),
    },
    guest:
      outcome === 'completed'
        ? { destination: { verdict: 'ok', detail: 'VERIFY OK pages=16384' } }
        : { source: { runState: 'running', reporting: true } },
    qemu: { versionText: 'QEMU emulator version 7.2.22\n', accel: 'tcg' },
    operatorActions: [],
    startedAtEpochMs: Date.UTC(2026, 10, 22, 5, 0, 0),
  } as unknown as RealMigrationResult;
}

test('one completed real migration: marked real, migrating then stopped on the source, running on the destination', () => {
  const report = labMigrationReport(result());
  assert.deepEqual(report.real, {
    driver: 'qemu',
    startedAt: '2026-11-22T05:00:00.000Z',
    qemu: 'QEMU emulator version 7.2.22',
    accel: 'tcg',
  });
  assert.deepEqual(
    report.timeline.map(({ host, state, start, end }) => [host, state, start, end]),
    [
      ['source', 'migrating', 0, 1.19],
      ['source', 'stop-and-copy', 1.19, 1.195],
      ['destination', 'running', 1.195, 1.2],
    ],
  );
  assert.equal(report.vms[0]?.host, 'destination');
  // Bytes/s between two polls, held from the earlier one; 0 after the last.
  const points = report.usage.links[0]?.points.map(([time, value]) => [time, Math.round(value / MIB)]);
  assert.deepEqual(points, [
    [0, 0],
    [0.1, 128],
    [0.6, 136],
    [1.1, 0],
  ]);
  assert.ok(
    report.log.some((line) => line.message === 'lab-guest: memory check on destination: VERIFY OK pages=16384'),
  );
  assert.deepEqual(
    report.hosts.map((host) => host.energyJ),
    [0, 0],
  );
});

test('post-copy shows the VM migrating on the destination until the last page; a cancelled one stays on the source', () => {
  const postcopy = labMigrationReport(result({ postcopy: true }));
  assert.deepEqual(postcopy.timeline.at(-1), {
    vm: 'lab-guest',
    host: 'destination',
    state: 'migrating',
    start: 1.195,
    end: 1.2,
  });
  const cancelled = labMigrationReport(result({ outcome: 'aborted' }));
  assert.deepEqual(
    cancelled.timeline.map(({ host, state }) => [host, state]),
    [['source', 'migrating']],
  );
  assert.equal(cancelled.vms[0]?.host, 'source');
  assert.ok(cancelled.log.some((line) => line.message === 'lab-guest: source VM running'));
});

test('a real run is written like a simulated one, and its page says it was real', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-real-report-'));
  try {
    const report = realRunReport({
      migrations: [result()],
      hosts: ['source', 'destination', 'spare'],
      vms: [{ name: 'lab-guest', firstHost: 'source', ramBytes: 256 * MIB }],
      endTime: 2,
      startedAtEpochMs: Date.UTC(2026, 10, 22),
    });
    const files = writeReport(report, dir, { driverTitle: qemuRunner.title });
    assert.equal(files.length, 5);
    assert.match(
      readFileSync(join(dir, 'report.html'), 'utf8'),
      /real QEMU run \(QEMU emulator version 7\.2\.22, tcg\)/,
    );
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.deepEqual(Object.keys(json).slice(0, 3), ['endTime', 'real', 'migrations']);
    assert.match(readFileSync(join(dir, 'trace.paje'), 'utf8'), /spare/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
