// What a reader of report.html sees, checked in Debian's Chromium (headless, through playwright-core) on the
// datacenter example: the charts open on the migrations and zoom out to the whole run, every round shows even when
// rounds differ a thousandfold, legends overlap no other text, and names stay on one line in the tables.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadScenario, type RunReport, runScenario, writeReport } from '../src/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const SCENARIO = fileURLToPath(new URL('../examples/scenarios/datacenter/scenario.yaml', import.meta.url));
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: apt-get install -y chromium`;
const TIME_CHARTS = ['timeline', 'vm-states', 'migrations', 'link-usage', 'cpu-usage'];

let context: BrowserContext | undefined;
let work = '';
let report: RunReport | undefined;
let page: Page | undefined;

before(async () => {
  if (skip !== false) return;
  work = mkdtempSync(join(tmpdir(), 'livemig-charts-'));
  report = (await runScenario(loadScenario(SCENARIO))).report;
  writeReport(report, join(work, 'report'));
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    // Narrow enough that the tables must choose between wrapping names and scrolling sideways.
    viewport: { width: 900, height: 900 },
  });
  page = await context.newPage();
  await page.goto(pathToFileURL(join(work, 'report', 'report.html')).href, { waitUntil: 'load' });
  await page.waitForFunction("document.querySelectorAll('.chart-canvas canvas').length > 0");
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'report-charts-datacenter.png'), fullPage: true });
  for (const id of [...TIME_CHARTS, 'rounds']) {
    await page.locator(`#figure-${id}`).screenshot({ path: join(OUT, `report-charts-datacenter-${id}.png`) });
  }
  await page.locator('#table-migrations').screenshot({ path: join(OUT, 'report-charts-datacenter-table.png') });
});

after(async () => {
  await context?.close();
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

function opened(): { page: Page; report: RunReport } {
  assert.ok(page !== undefined && report !== undefined);
  return { page, report };
}

/** The x-axis extent of a chart as ECharts holds it. */
async function xExtent(p: Page, id: string): Promise<[number, number]> {
  const probe = `${chartOf(id)}.getModel().getComponent('xAxis', 0).axis.scale.getExtent()`;
  return (await p.evaluate(probe)) as [number, number];
}

/** Page source for the ECharts instance of a chart (the tests' probes run as source: tsx's helpers and the DOM
 * types are not the test's). */
function chartOf(id: string): string {
  return `echarts.getInstanceByDom(document.getElementById(${JSON.stringify(`chart-${id}`)}))`;
}

test('report.html draws one chart per figure, each in a canvas', { skip }, async () => {
  const { page: p } = opened();
  const ids = await p.$$eval('.chart-canvas', (elements) =>
    elements.filter((e) => e.querySelector('canvas') !== null).map((e) => e.id),
  );
  assert.deepEqual(
    ids,
    ['timeline', 'vm-states', 'migrations', 'rounds', 'link-usage', 'cpu-usage'].map((id) => `chart-${id}`),
  );
});

test('time axes open on the span of the migrations, and zoom out to the whole run', { skip }, async () => {
  const { page: p, report: r } = opened();
  const first = Math.min(...r.migrations.map((m) => m.start));
  const last = Math.max(...r.migrations.map((m) => m.end ?? r.endTime));
  // The datacenter's migrations run from 5 s to 77 s of a 251 s run.
  assert.ok(last < r.endTime / 2, `migrations end at ${last} of ${r.endTime}`);
  for (const id of TIME_CHARTS) {
    const [from, to] = await xExtent(p, id);
    assert.ok(from <= first && to >= last, `${id}: ${from}–${to} shows the migrations (${first}–${last})`);
    assert.ok(to - from < (last - first) * 1.3, `${id}: ${from}–${to} is zoomed on them`);
  }
  await p.evaluate(`${chartOf('timeline')}.dispatchAction({ type: 'dataZoom', start: 0, end: 100 })`);
  const [from, to] = await xExtent(p, 'timeline');
  assert.deepEqual([from, Math.round(to * 1e6) / 1e6], [0, Math.round(r.endTime * 1e6) / 1e6]);
});

test('every round of every migration shows a bar, even with rounds a thousand times apart', { skip }, async () => {
  const { page: p, report: r } = opened();
  const withRounds = r.migrations.filter((m) => m.rounds.length > 0);
  const spread = (m: (typeof withRounds)[number]) => {
    const sizes = m.rounds.flatMap((x) => [x.bytes, x.threshold ?? 0]).filter((b) => b > 0);
    return Math.max(...sizes) / Math.min(...sizes);
  };
  assert.ok(
    withRounds.some((m) => spread(m) > 900),
    'some migration has rounds and thresholds ~1000× apart',
  );
  for (const [index, m] of withRounds.entries()) {
    const bars = (await p.evaluate(`(() => {
      const select = document.querySelector('select[data-chart="rounds"]');
      select.value = '${index}';
      select.dispatchEvent(new Event('change'));
      const chart = ${chartOf('rounds')};
      const data = chart.getModel().getSeriesByIndex(0).getData();
      const heights = [];
      for (let i = 0; i < data.count(); i++) {
        const layout = data.getItemLayout(i);
        heights.push(layout === undefined || layout === null ? null : Math.abs(layout.height));
      }
      return { axis: chart.getModel().getComponent('yAxis', 0).get('type'), heights };
    })()`)) as { axis: string; heights: (number | null)[] };
    m.rounds.forEach((round, i) => {
      if (round.bytes <= 0) return;
      const height = bars.heights[i] ?? 0;
      assert.ok(height >= 3, `#${m.id} round ${i} (${round.bytes} B) is ${height}px high on a ${bars.axis} axis`);
    });
    if (spread(m) > 100) assert.equal(bars.axis, 'log', `#${m.id} spreads ${spread(m)}×`);
  }
});

/** Runs in the page (as source: tsx's helpers do not exist there): legend items that meet one another or a text. */
const LEGEND_PROBE = `(() => {
    const found = [];
    const boxOf = (el) => {
      const rect = el.getBoundingRect().clone();
      if (el.transform) rect.applyTransform(el.transform);
      return rect;
    };
    const meets = (a, b) =>
      a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
    for (const element of document.querySelectorAll('.chart-canvas')) {
      const chart = window.echarts.getInstanceByDom(element);
      const legendModel = chart.getModel().getComponent('legend', 0);
      if (!legendModel) continue;
      const legend = chart.getViewOfComponentModel(legendModel).group;
      const items = [];
      legend.traverse((child) => {
        if (child.type !== 'group') return;
        const name = child.children().find((kid) => kid.style && typeof kid.style.text === 'string');
        if (name && !/^\\d+\\/\\d+$/.test(name.style.text)) items.push(child);
      });
      const inLegend = (el) => {
        for (let at = el; at; at = at.parent) if (at === legend) return true;
        return false;
      };
      const texts = chart
        .getZr()
        .storage.getDisplayList(true)
        .filter((el) => !inLegend(el) && el.style && typeof el.style.text === 'string' && el.style.text !== '');
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          if (meets(boxOf(items[i]), boxOf(items[j]))) found.push(\`\${element.id}: legend items \${i} and \${j}\`);
        }
        for (const text of texts) {
          if (meets(boxOf(items[i]), boxOf(text))) found.push(\`\${element.id}: legend item \${i} and "\${text.style.text}"\`);
        }
      }
    }
    return found;
})()`;

test('legends overlap neither each other, nor titles, axis names or labels', { skip }, async () => {
  const { page: p } = opened();
  const overlaps = (await p.evaluate(LEGEND_PROBE)) as string[];
  assert.deepEqual(overlaps, []);
});

/** Runs in the page: name cells (VM, hosts, actor) whose text runs over more than one line. */
const WRAPPED_NAMES = `(() => {
  const found = [];
  const names = ['VM', 'from', 'to', 'host', 'host at the end', 'first host', 'actor'];
  for (const table of document.querySelectorAll('table')) {
    const labels = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.children].forEach((cell, i) => {
        if (!names.includes(labels[i]) || cell.textContent === '') return;
        const range = document.createRange();
        range.selectNodeContents(cell);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) found.push(labels[i] + ' "' + cell.textContent + '" on ' + lines.size + ' lines');
      });
    }
  }
  return found;
})()`;

test('host and VM names stay on one line in the tables', { skip }, async () => {
  const { page: p } = opened();
  assert.deepEqual(await p.evaluate(WRAPPED_NAMES), []);
  const cells = await p.$$eval('#table-migrations tbody td', (tds) => tds.length);
  assert.ok(cells > 0, 'the migrations table has cells');
});
