// The validation table: one row per case, the errors signed, the median with its verdict, what the notes flag.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Calibration } from './calibrate.ts';
import { compareCase, compareRepeats, type Observation } from './compare.ts';
import { validationMarkdown } from './render.ts';
import type { ValidationReport } from './validate-real.ts';

const MIB = 1024 * 1024;
const observation = (overrides: Partial<Observation>): Observation => ({
  outcome: 'completed',
  totalSec: 4,
  downtimeSec: 0.004,
  bytes: 132 * MIB,
  iterations: 3,
  maxThrottlePercent: 0,
  postcopyBytes: 0,
  rounds: [],
  ...overrides,
});
const calibration: Calibration = {
  machine: {
    linkBandwidthBytesPerSec: 509 * MIB,
    stoppedBandwidthBytesPerSec: 2500 * MIB,
    setupSec: 0.154,
    setupRamBytes: 256 * MIB,
    baseMemoryBytes: 67.9 * MIB,
    deviceStateBytes: 365e3,
    switchoverSec: 0.0023,
    caps: [{ capBytesPerSec: 32 * MIB, headStartSec: 0.11 }],
  },
  guestWriteRatio: 0.95,
  runs: [],
};

function report(cases: ValidationReport['cases'], median: number): ValidationReport {
  return {
    date: '2026-11-22T05:41:05.484Z',
    command: 'livemig validate-real',
    machine: {
      cpus: 2,
      cpuModel: 'AMD EPYC',
      memoryBytes: 24 * 2 ** 30,
      os: 'Debian GNU/Linux 12 (bookworm)',
      qemu: 'QEMU emulator version 7.2.22',
      accel: 'tcg',
      loadAverage: [0.3, 1.1],
    },
    calibration,
    split: {
      calibration: ['idle guest, no cap, downtime-limit 100 ms'],
      heldOut: cases.map((c) => c.name),
      repeats: 3,
    },
    retriedRuns: 0,
    cases,
    medians: { totalSec: median, downtimeSec: 0.5, bytes: 0.01, iterations: 0, postcopyBytes: Number.NaN },
    target: 0.1,
    targets: { totalSec: 0.1, downtimeSec: 0.25, bytes: 0.1, postcopyBytes: 0.1 },
    wallSec: 169,
  };
}

test('every case is a row with real and predicted figures and signed errors, then the median and its verdict', () => {
  const rates = { requestedRateBytesPerSec: 24 * MIB, achievedRateBytesPerSec: 20 * MIB };
  const slow = compareCase(
    { name: 'r24-c128-d30', description: 'slow writer', ...rates },
    observation({ totalSec: 1.43 }),
    observation({ totalSec: 1.25 }),
  );
  const ac = compareCase(
    {
      name: 'nc-ac',
      description: 'auto-converge',
      requestedRateBytesPerSec: 50 * MIB,
      achievedRateBytesPerSec: 50 * MIB,
    },
    observation({ outcome: 'aborted', totalSec: 20, downtimeSec: undefined, maxThrottlePercent: 40 }),
    observation({ outcome: 'aborted', totalSec: 20, downtimeSec: undefined, maxThrottlePercent: 40 }),
  );
  const text = validationMarkdown(report([slow, ac], 0.124));
  const rows = text.split('\n').filter((line) => line.startsWith('| `'));
  assert.equal(rows.length, 2);
  assert.match(
    rows[0] ?? '',
    /\| `r24-c128-d30` \| - \| 24\.0 → 20\.0 \| completed \/ completed \| 1\.43 \| 1\.25 \| -12\.6 % \|/,
  );
  assert.match(rows[0] ?? '', /writer 16\.7 % short of its target/);
  assert.match(rows[1] ?? '', /aborted \/ aborted \| 20\.00 \| 20\.00 \| - \|/);
  assert.match(rows[1] ?? '', /throttle 40 % \/ 40 %/);
  assert.match(
    text,
    /Median \|error\| over the held-out cases: total time \*\*12\.4 %\*\* \(target ≤ 10\.0 %: missed\) over the 1 cases where both completed; downtime \*\*50\.0 %\*\* \(target ≤ 25\.0 %: missed\); bytes sent \*\*1\.0 %\*\* \(target ≤ 10\.0 %: met\); post-copy bytes \*\*-\*\* \(target ≤ 10\.0 %: no case\)/,
  );
  assert.match(
    text,
    /path with no cap 509 MiB\/s with the guest running, 2500 MiB\/s with it stopped; setup 154 ms; .* head start 110 ms at 32 MiB\/s \(their median for every cap\); a capped pass reaches 100\.0 % of its cap\. The guest's writer reached 95\.0 % of its asked rate\./,
  );
  assert.match(text, /^### Run of 2026-11-22T05:41:05\.484Z$/m);
  assert.match(text, /Calibration runs \(none is a case\): idle guest, no cap, downtime-limit 100 ms\./);
  assert.match(text, /\(2 held-out cases × 3 real runs after 0 calibration runs, 169 s\)/);
});

test('a case run three times shows the median of its real runs with their range, and the public model it ran', () => {
  const runs = [1.2, 1.5, 1.3].map((totalSec, i) =>
    observation({ totalSec, downtimeSec: 0.004 + i * 0.001, bytes: (130 + i) * MIB, postcopyBytes: (70 + i) * MIB }),
  );
  const rates = { requestedRateBytesPerSec: 50 * MIB, achievedRateBytesPerSec: 49 * MIB };
  const c = compareRepeats(
    { name: 'nc-pc', description: 'post-copy', ...rates },
    runs,
    observation({ totalSec: 1.4, postcopyBytes: 77 * MIB }),
  );
  c.model = { algorithm: 'hybrid', options: { postcopyAfterSec: 1.85 } };
  assert.deepEqual(c.spread?.totalSec, [1.2, 1.5]);
  assert.equal(c.real.totalSec, 1.3);
  assert.ok(Math.abs((c.errors.postcopyBytes ?? 0) - (77 - 71) / 71) < 1e-12, 'post-copy bytes against the median');
  const row =
    validationMarkdown(report([c], 0.077))
      .split('\n')
      .find((line) => line.startsWith('| `nc-pc`')) ?? '';
  assert.match(
    row,
    /^\| `nc-pc` \| `hybrid` \| 50\.0 → 49\.0 \| completed \/ completed \| 1\.30 \(1\.20–1\.50\) \| 1\.40 \| \+7\.7 % \|/,
  );
  assert.match(row, /post-copy 71\.0 \/ 77\.0 MiB \(\+8\.5 %\)/);
});
