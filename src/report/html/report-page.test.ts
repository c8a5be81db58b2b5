// report.html in a real browser (Debian's Chromium, headless, driven by playwright-core): every chart draws, the
// tables fill, nothing is fetched and nothing is logged as an error; screenshots go to test/out/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import type { RunReport } from '../run-report.ts';
import { busyRun, clusterRun, idleMigration, phasedRun } from '../testing/sample-runs.ts';
import { writeReport } from '../write-report.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OUT = fileURLToPath(new URL('../../../test/out/', import.meta.url));
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: apt-get install -y chromium`;

let context: BrowserContext | undefined;
let work = '';

before(async () => {
  if (skip !== false) return;
  work = mkdtempSync(join(tmpdir(), 'livemig-report-'));
  // A fresh profile each run: launchPersistentContext passes it as --user-data-dir.
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
  });
});

after(async () => {
  await context?.close();
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

interface PageCheck {
  charts: { id: string; width: number; height: number; inked: boolean }[];
  tables: { id: string; rows: number; empty: boolean }[];
  problems: string[];
}

/** Runs in the page (as source: the browser's types are not the test's): what each chart and table shows. */
const PROBE = `(() => {
  const charts = [...document.querySelectorAll('.chart-canvas')].map((element) => {
    const canvas = element.querySelector('canvas');
    let inked = false;
    if (canvas !== null) {
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      // Some pixel is drawn and darker than the light grid lines.
      for (let i = 0; i < pixels.length && !inked; i += 4) {
        inked = pixels[i + 3] > 0 && (pixels[i] < 200 || pixels[i + 1] < 200);
      }
    }
    return { id: element.id, width: canvas ? canvas.clientWidth : 0, height: canvas ? canvas.clientHeight : 0, inked };
  });
  const tables = [...document.querySelectorAll('.table')].map((element) => ({
    id: element.id,
    rows: element.querySelectorAll('tbody tr').length,
    empty: element.querySelector('.empty') !== null,
  }));
  return { charts, tables };
})()`;

async function openReport(name: string, report: RunReport): Promise<PageCheck> {
  assert.ok(context !== undefined);
  const dir = join(work, name);
  writeReport(report, dir);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`network request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  await page.waitForFunction("document.querySelectorAll('.chart-canvas canvas').length > 0");
  const result = (await page.evaluate(PROBE)) as Omit<PageCheck, 'problems'>;
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, `report-${name}.png`), fullPage: true });
  await page.close();
  return { ...result, problems };
}

function assertDrawn(check: PageCheck, expectedCharts: readonly string[]): void {
  assert.deepEqual(check.problems, []);
  assert.deepEqual(
    check.charts.map((c) => c.id),
    expectedCharts.map((id) => `chart-${id}`),
  );
  for (const chart of check.charts) {
    assert.ok(chart.width >= 400 && chart.height >= 150, `${chart.id} is ${chart.width}×${chart.height}`);
    assert.ok(chart.inked, `${chart.id} drew nothing`);
  }
  for (const table of check.tables) assert.ok(table.rows > 0 || table.empty, `${table.id} shows neither rows nor why`);
}

test('the report of one idle migration draws every chart, without errors or network requests', { skip }, async () => {
  const check = await openReport('one-vm', await idleMigration());
  assertDrawn(check, ['timeline', 'vm-states', 'migrations', 'rounds', 'link-usage', 'cpu-usage']);
  const migrations = check.tables.find((t) => t.id === 'table-migrations');
  assert.equal(migrations?.rows, 1);
  assert.equal(check.tables.find((t) => t.id === 'table-migration-stats')?.rows, 1, 'query-migrate statistics shown');
});

test('a run with a failed migration, a suspended VM and a failed step draws every chart', { skip }, async () => {
  const check = await openReport('busy', await busyRun());
  assertDrawn(check, ['timeline', 'vm-states', 'migrations', 'rounds', 'link-usage', 'cpu-usage']);
  assert.equal(check.tables.find((t) => t.id === 'table-step-errors')?.rows, 1);
});

test('a run with 500 VMs stays readable: the timeline scrolls and the tables are paged', { skip }, async () => {
  const check = await openReport('500-vms', await clusterRun(50, 500));
  assertDrawn(check, ['timeline', 'vm-states', 'migrations', 'rounds', 'link-usage', 'cpu-usage']);
  const timeline = check.charts.find((c) => c.id === 'chart-timeline');
  assert.ok(timeline !== undefined && timeline.height < 1200, 'the timeline keeps a screen-sized height');
  assert.equal(check.tables.find((t) => t.id === 'table-vms')?.rows, 25);
});

test('phased migrations add the control plane: phases with their messages, job statistics, features', {
  skip,
}, async () => {
  const check = await openReport('phased', await phasedRun());
  assertDrawn(check, ['timeline', 'vm-states', 'migrations', 'rounds', 'protocol', 'link-usage', 'cpu-usage']);
  assert.equal(check.tables.find((t) => t.id === 'table-jobs')?.rows, 2);
  assert.equal(check.tables.find((t) => t.id === 'table-phases')?.rows, 10);
  assert.equal(check.tables.find((t) => t.id === 'table-features')?.rows, 4);
});
