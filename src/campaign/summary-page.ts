// summary.html: a sweep's summary as one self-contained page (ECharts inlined, data as JSON, no network): for each
// metric, its mean against the first grid key, one series per value of the other keys, with 95 % error bars; then
// the summary table.
import { echartsSource, escapeHtml as esc } from '../report/index.ts';
import type { SweepPlan } from './plan.ts';
import type { SummaryRow } from './sweep-tables.ts';

const METRIC_LABELS: Record<string, string> = {
  durationSec: 'migration duration (s)',
  downtimeSec: 'downtime (s)',
  bytesSent: 'bytes sent',
  rounds: 'rounds',
};

interface ChartData {
  metric: string;
  label: string;
  categories: string[];
  series: { name: string; points: ([number, number, number] | null)[] }[];
}

export function summaryPage(plan: SweepPlan, rows: readonly SummaryRow[], runs: number): string {
  const keys = plan.spec.grid.map((k) => k.path);
  const [first, ...others] = plan.spec.grid;
  const categories = (first?.values ?? []).map((v) => text(v.value));
  const charts: ChartData[] = plan.spec.metrics.map((metric) => {
    const series = new Map<string, ([number, number, number] | null)[]>();
    for (const row of rows.filter((r) => r.metric === metric)) {
      const name = others.map((k, i) => `${k.path} = ${text(row.values[i + 1])}`).join(', ') || metric;
      const points = series.get(name) ?? categories.map(() => null);
      const s = row.summary;
      points[categories.indexOf(text(row.values[0]))] = [s.mean, s.ci95Low, s.ci95High];
      series.set(name, points);
    }
    const list = [...series].map(([name, points]) => ({ name, points }));
    return { metric, label: METRIC_LABELS[metric] ?? metric, categories, series: list };
  });
  const header = [...keys, 'metric', 'n', 'mean', 'sd', 'ci95 low', 'ci95 high', 'min', 'median', 'max'];
  const body = rows.map((r) => {
    const s = r.summary;
    const cells = [...r.values.map(text), r.metric, s.n, s.mean, s.sd, s.ci95Low, s.ci95High, s.min, s.median, s.max];
    return `<tr>${cells.map((c) => `<td>${esc(typeof c === 'number' ? short(c) : c)}</td>`).join('')}</tr>`;
  });
  const title = `livemig sweep: ${plan.spec.file}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${esc(title)}</h1><p>${esc(
      `${runs} runs of ${plan.spec.scenarioFile}: ${plan.combinations.length} combination(s) × ${plan.spec.seeds.length} seed(s). ` +
        'Points are means over every migration of the runs; bars are 95 % confidence intervals (Student t).',
    )}</p></header><main>`,
    ...charts.map((c, i) => `<figure><h2>${esc(c.label)}</h2><div class="chart" id="chart-${i}"></div></figure>`),
    `<h2>Summary</h2><table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${body.join('')}</tbody></table>`,
    '</main><footer>Written by livemig sweep; the same figures are in summary.csv, each run in runs.csv.</footer>',
    `<script>${echartsSource()}</script>`,
    `<script type="application/json" id="sweep-data">${JSON.stringify({ charts, axis: first?.path ?? '' }).replace(/</g, '\\u003c')}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;margin:0;color:#1f2328}header{padding:16px 24px;
background:#f6f8fa;border-bottom:1px solid #d0d7de}main{padding:0 24px}figure{margin:16px 0}.chart{height:360px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:right}
th{background:#f6f8fa}footer{padding:16px 24px;color:#656d76;font-size:12px}`;

/** Draws each chart: a line per series with the means, and a custom series for the error bars. */
const SCRIPT = `(function(){
var data = JSON.parse(document.getElementById('sweep-data').textContent);
data.charts.forEach(function(c, i){
  var chart = echarts.init(document.getElementById('chart-' + i));
  var series = [];
  c.series.forEach(function(s){
    series.push({type:'line', name:s.name, data:s.points.map(function(p){return p ? p[0] : null;}), symbolSize:7});
    series.push({type:'custom', name:s.name, data:s.points.map(function(p, x){return p ? [x, p[1], p[2]] : [x, null, null];}),
      renderItem:function(params, api){
        if (api.value(1) === null || isNaN(api.value(1))) return null;
        var low = api.coord([api.value(0), api.value(1)]), high = api.coord([api.value(0), api.value(2)]);
        var style = api.style({stroke: api.visual('color'), fill: null, lineWidth: 1.5});
        return {type:'group', children:[
          {type:'line', shape:{x1:low[0], y1:low[1], x2:high[0], y2:high[1]}, style:style},
          {type:'line', shape:{x1:low[0]-5, y1:low[1], x2:low[0]+5, y2:low[1]}, style:style},
          {type:'line', shape:{x1:high[0]-5, y1:high[1], x2:high[0]+5, y2:high[1]}, style:style}]};
      }, z:3});
  });
  chart.setOption({animation:false, tooltip:{trigger:'axis'}, legend:{type:'scroll', top:0},
    grid:{left:80, right:24, top:40, bottom:48},
    xAxis:{type:'category', data:c.categories, name:data.axis, nameLocation:'middle', nameGap:30},
    yAxis:{type:'value', name:c.label, scale:true}, series:series});
  window.addEventListener('resize', function(){ chart.resize(); });
});
})();`;

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function short(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6);
}
