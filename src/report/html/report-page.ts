// report.html: one self-contained page (ECharts inlined, the data as JSON, no network) with the summary, the
// timeline, the migrations, the use of links and processors, and the tables.
import { readableTime } from '../../core/index.ts';
import type { ChartSpec } from '../charts/chart-spec.ts';
import { reportCharts } from '../charts/report-charts.ts';
import { echartsSource } from '../echarts-runtime.ts';
import { escapeHtml as esc } from '../escape.ts';
import type { RunReport } from '../run-report.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { PAGE_STYLE } from './page-style.ts';
import { reportTables, type TableSpec } from './report-tables.ts';
import { realRunFacts, summaryCards } from './summary-cards.ts';

/** Sections of the page: which charts and tables each one holds. */
const SECTIONS = [
  { id: 'timeline', title: 'Timeline', charts: ['timeline', 'vm-states'], tables: [] },
  {
    id: 'migrations',
    title: 'Migrations',
    charts: ['migrations', 'rounds'],
    tables: ['migrations', 'migration-stats', 'rounds'],
  },
  { id: 'control', title: 'Control plane', charts: ['protocol'], tables: ['jobs', 'phases', 'features'] },
  { id: 'resources', title: 'Links and hosts', charts: ['link-usage', 'cpu-usage'], tables: ['hosts'] },
  { id: 'vms', title: 'VMs', charts: [], tables: ['vms'] },
  { id: 'errors', title: 'Failed steps', charts: [], tables: ['step-errors'] },
  { id: 'log', title: 'Log', charts: [], tables: ['log'] },
] as const;

export interface ReportPageOptions {
  /** How the driver of a real run is named in the page (its runner's `title`); default: its name in the report. */
  driverTitle?: string | undefined;
}

/** The page, and the charts drawn in it (the same ones the plots render). */
export function reportPage(
  report: RunReport,
  charts: readonly ChartSpec[] = reportCharts(report),
  options: ReportPageOptions = {},
): string {
  const tables = reportTables(report);
  const name = report.scenario?.name ?? report.scenario?.file ?? 'simulation run';
  const sections = SECTIONS.map((section) => {
    const figures = charts.filter((c) => (section.charts as readonly string[]).includes(c.id)).map(figure);
    const listed = (t: TableSpec) => t.section === section.id || (section.tables as readonly string[]).includes(t.id);
    const blocks = tables.filter(listed).map(tableBlock);
    if (figures.length + blocks.length === 0) return '';
    return `<section id="section-${section.id}"><h2>${section.title}</h2>\n${[...figures, ...blocks].join('\n')}</section>`;
  }).filter((s) => s !== '');
  const cards = summaryCards(report, options.driverTitle)
    .map(
      (c) =>
        `<div class="card${c.bad === true ? ' bad' : ''}"><div class="label">${esc(c.label)}</div>` +
        `<div class="value">${esc(c.value)}</div>${c.detail === undefined ? '' : `<div class="detail">${esc(c.detail)}</div>`}</div>`,
    )
    .join('');
  const nav = SECTIONS.filter((s) => sections.some((html) => html.startsWith(`<section id="section-${s.id}"`)))
    .map((s) => `<a href="#section-${s.id}">${s.title}</a>`)
    .join('');
  // The page's script lays the tables out; where they go is decided here.
  const data = { charts, tables: tables.map(({ section: _section, ...table }) => table) };
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>livemig report: ${esc(name)}</title>`,
    `<style>${PAGE_STYLE}</style></head><body>`,
    `<header><h1>livemig report: ${esc(name)}</h1><p>${esc(subtitle(report, options.driverTitle))}</p></header>`,
    `<nav>${nav}</nav>`,
    `<main><section class="cards">${cards}</section>`,
    ...sections,
    '</main><footer>Written by livemig. Every figure is also in report.json, migrations.csv and rounds.csv; ',
    'open trace.paje with pajeng or ViTE.</footer>',
    `<script>${echartsSource()}</script>`,
    `<script type="application/json" id="livemig-data">${scriptJson(data)}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function subtitle(report: RunReport, driverTitle: string | undefined): string {
  const real = report.real;
  const parts =
    real === undefined
      ? [`simulated until ${readableTime(report.endTime)}`]
      : [
          `real ${driverTitle ?? real.driver} run (${realRunFacts(real).join(', ')}) started ${real.startedAt}`,
          `${readableTime(report.endTime)} of wall-clock time`,
        ];
  const s = report.scenario;
  if (s?.file !== undefined && s.name !== undefined) parts.push(s.file);
  if (s?.network !== undefined) parts.push(`network model ${s.network}`);
  if (s?.seed !== undefined) parts.push(`seed ${s.seed}`);
  return parts.join(' · ');
}

function figure(chart: ChartSpec): string {
  const views = chart.views ?? [];
  const select =
    views.length > 1
      ? `<select data-chart="${esc(chart.id)}" aria-label="view">${views
          .map((v, i) => `<option value="${i}">${esc(v.label)}</option>`)
          .join('')}</select>`
      : '';
  return (
    `<figure id="figure-${esc(chart.id)}"><figcaption><h3>${esc(chart.title)}</h3>${select}` +
    `<p>${esc(chart.description)}</p></figcaption>` +
    `<div class="chart-canvas" id="chart-${esc(chart.id)}" style="height:${chart.height}px"></div></figure>`
  );
}

function tableBlock(table: TableSpec): string {
  const tools =
    table.rows.length === 0
      ? ''
      : '<div class="table-tools"><span class="count"></span><input type="search" placeholder="Filter rows" ' +
        'aria-label="filter"><select class="page-size" aria-label="rows per page"><option>25</option>' +
        '<option>100</option><option>500</option></select><button class="prev" type="button">‹ previous</button>' +
        '<button class="next" type="button">next ›</button></div>';
  const note = table.note === undefined ? '' : `<p class="note">${esc(table.note)}</p>`;
  return `<div class="table" id="table-${esc(table.id)}"><h3>${esc(table.title)}</h3>${tools}<div class="table-body"></div>${note}</div>`;
}

/** JSON that is safe inside a script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
