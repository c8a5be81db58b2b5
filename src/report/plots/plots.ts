// The charts as files (the `plots` option): each chart rendered server-side by ECharts to SVG, then to PNG by
// resvg. A chart with views (one per migration, one per page of links) gives one file per view, up to a bound.
import { createRequire } from 'node:module';
import { type ChartOption, type ChartSpec, type ChartView, PLOT_WIDTH, viewOption } from '../charts/chart-spec.ts';
import { makeHydrate } from '../charts/render-items.ts';
import { loadEcharts } from '../echarts-runtime.ts';

/** Most files per chart (a run with 500 migrations gives the rounds of the first 20). */
export const MAX_VIEWS_PLOTTED = 20;

export interface PlotFile {
  /** Path relative to the report folder, e.g. `plots/rounds-1.png`. */
  name: string;
  content: string | Uint8Array;
}

type ResvgModule = typeof import('@resvg/resvg-js');

export function renderPlots(charts: readonly ChartSpec[]): PlotFile[] {
  const echarts = loadEcharts();
  const hydrate = makeHydrate(echarts);
  const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  const files: PlotFile[] = [];
  for (const spec of charts) {
    const views = spec.views?.slice(0, MAX_VIEWS_PLOTTED) ?? [undefined];
    views.forEach((view, i) => {
      const { option, height } = plotOption(spec, view);
      const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: PLOT_WIDTH, height });
      let svg: string;
      try {
        chart.setOption(hydrate(option));
        svg = chart.renderToSVGString();
      } finally {
        chart.dispose();
      }
      const stem = `plots/${spec.id}${spec.views === undefined ? '' : `-${i + 1}`}`;
      const png = new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts: true } }).render().asPng();
      files.push({ name: `${stem}.svg`, content: svg }, { name: `${stem}.png`, content: png });
    });
  }
  return files;
}

/** A plot stands alone: it carries the chart's title (above the legend) when the option has none. */
function plotOption(spec: ChartSpec, view: ChartView | undefined): { option: ChartOption; height: number } {
  const option: ChartOption = { ...viewOption(spec, view), ...spec.plot?.patch };
  const height = spec.plot?.height ?? spec.height;
  if ('title' in option) return { option, height };
  const title = { text: spec.title, left: 10, top: 4, textStyle: { fontSize: 14, fontWeight: 'bold' } };
  return {
    option: { ...option, title, legend: lower(option.legend), grid: lower(option.grid) },
    height: height + TITLE_HEIGHT,
  };
}

const TITLE_HEIGHT = 24;

function lower(component: unknown): unknown {
  if (component === null || typeof component !== 'object') return component;
  const top = (component as { top?: unknown }).top;
  return typeof top === 'number' ? { ...component, top: top + TITLE_HEIGHT } : component;
}
