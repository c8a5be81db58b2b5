// SimGrid's VM-migration benchmark (shared/reference/simgrid/bench): livemig's CSVs for the small and medium sizes
// agree with SimGrid 3.32's reference CSVs to 1e-6 s (they are in fact byte-identical).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runVmBench } from '../bench/vm-bench.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/bench/${name}`, import.meta.url));

function assertCsvClose(actual: string, expectedFile: string): void {
  const got = actual.trim().split('\n');
  const want = readFileSync(fixture(expectedFile), 'utf8').trim().split('\n');
  assert.equal(got.length, want.length, `${expectedFile}: line count`);
  got.forEach((line, i) => {
    const a = line.split(',');
    const b = (want[i] as string).split(',');
    assert.equal(a.length, b.length);
    a.forEach((value, j) => {
      const other = b[j] as string;
      if (value === other) return;
      assert.ok(
        Math.abs(Number(value) - Number(other)) <= 1e-6,
        `${expectedFile} line ${i + 1}: ${line} vs ${want[i]}`,
      );
    });
  });
}

for (const [size, h, v, m] of [
  ['small', 10, 20, 5],
  ['medium', 100, 500, 100],
] as const) {
  test(`the ${size} benchmark (${h} hosts, ${v} VMs, ${m} migrations) gives SimGrid's CSVs`, async () => {
    const result = await runVmBench(h, v, m, fixture(`${size}-platform.xml`));
    assertCsvClose(result.migrationsCsv, `${size}-migrations.csv`);
    assertCsvClose(result.vmsCsv, `${size}-vms.csv`);
    const summary = readFileSync(fixture(`${size}-summary.txt`), 'utf8');
    for (const line of result.summary.split('\n')) assert.ok(summary.includes(line), `summary line ${line}`);
  });
}
