// writeReport: the five files (and the plots on request), the same bytes for the same run, nothing half-written.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { reportCharts } from './charts/report-charts.ts';
import type { RunReport } from './run-report.ts';
import { busyRun } from './testing/sample-runs.ts';
import { writeReport } from './write-report.ts';

const work = mkdtempSync(join(tmpdir(), 'livemig-write-'));
after(() => rmSync(work, { recursive: true, force: true }));

const FILES = ['migrations.csv', 'report.html', 'report.json', 'rounds.csv', 'trace.paje'];

test('writes report.json, the CSVs, the Paje trace and the page, and nothing else', async () => {
  const dir = join(work, 'plain');
  const written = writeReport(await busyRun(), dir);
  assert.deepEqual(
    written.map((path) => path.slice(dir.length + 1)),
    ['report.json', 'migrations.csv', 'rounds.csv', 'trace.paje', 'report.html'],
  );
  assert.deepEqual(readdirSync(dir).sort(), FILES);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)[\w.]+\/[\w/.-]*\.(js|css)/);
});

test('the same run gives byte-identical files', async () => {
  writeReport(await busyRun(), join(work, 'a'));
  writeReport(await busyRun(), join(work, 'b'));
  for (const name of FILES) {
    assert.ok(readFileSync(join(work, 'a', name)).equals(readFileSync(join(work, 'b', name))), `${name} differs`);
  }
});

test('with plots, every chart view is an SVG and a PNG under plots/, and stale plots go', async () => {
  const dir = join(work, 'plots');
  const report = await busyRun();
  writeReport(report, dir, { plots: true });
  writeFileSync(join(dir, 'plots', 'rounds-9.svg'), '<svg/>');
  writeFileSync(join(dir, 'plots', 'notes.txt'), 'mine');
  const written = writeReport(report, dir, { plots: true });
  const views = reportCharts(report).reduce((sum, chart) => sum + (chart.views?.length ?? 1), 0);
  const plots = readdirSync(join(dir, 'plots')).sort();
  assert.equal(plots.filter((name) => name.endsWith('.svg')).length, views);
  assert.equal(plots.filter((name) => name.endsWith('.png')).length, views);
  assert.ok(plots.includes('notes.txt') && !plots.includes('rounds-9.svg'));
  assert.equal(written.length, FILES.length + 2 * views);
  for (const name of plots.filter((n) => n.endsWith('.svg'))) {
    const svg = readFileSync(join(dir, 'plots', name), 'utf8');
    assert.match(svg, /^<svg [^>]*width="1200"/);
    const png = readFileSync(join(dir, 'plots', name.replace(/svg$/, 'png')));
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    assert.equal(png.readUInt32BE(16), 1200);
  }
});

test('a report that cannot be rendered writes no file at all', async () => {
  const dir = join(work, 'broken');
  const broken = { ...(await busyRun()), usage: undefined } as unknown as RunReport;
  assert.throws(() => writeReport(broken, dir));
  assert.equal(existsSync(dir) ? readdirSync(dir).length : 0, 0);
});
