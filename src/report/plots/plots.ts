// The charts as files (the `plots` option): each chart rendered server-side by ECharts to SVG, then to PNG by
// resvg. A chart with views (one per migration, one per page of links) gives one file per view, up to a bound.
import { createRequire } from 'node:module';
import { type ChartOption, type ChartSpec, type ChartView, PLOT_WIDTH, viewOption } from '../charts/chart-spec.ts';
import { makeHydrate } from '../charts/render-items.ts';
import { type EchartsModule, loadEcharts } from '../echarts-runtime.ts';

/** Most files per chart (a run with 500 migrations gives the rounds of the first 20). */
export const MAX_VIEWS_PLOTTED = 20;

export interface PlotFile {
  /** Path relative to the report folder, e.g. `plots/rounds-1.png`. */
  name: string;
  content: string | Uint8Array;
}

type ResvgModule = typeof import('@resvg/resvg-js');

export function renderPlots(charts: readonly ChartSpec[]): PlotFile[] {
  const { echarts, hydrate } = plotEcharts();
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
      const png = new Resvg(svg, { background: '#ffffff', font: PLOT_FONTS }).render().asPng();
      files.push({ name: `${stem}.svg`, content: svg }, { name: `${stem}.png`, content: png });
    });
  }
  return files;
}

/** ECharts for plots: server-side, measuring text as resvg will draw it, and the hydrate of the custom series. */
export function plotEcharts(): { echarts: EchartsModule; hydrate: (option: ChartOption) => ChartOption } {
  const echarts = loadEcharts();
  echarts.setPlatformAPI({ measureText: (text, font) => ({ width: textWidth(text, font) }) });
  return { echarts, hydrate: makeHydrate(echarts) };
}

/** A plot stands alone: it carries the chart's title (above the legend) when the option has none. */
export function plotOption(spec: ChartSpec, view: ChartView | undefined): { option: ChartOption; height: number } {
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

/**
 * The fonts resvg draws with: the page's (Liberation Sans, Helvetica, Arial) when installed, else DejaVu Sans, the
 * sans-serif font most Linux systems have (resvg's own fall-back is a serif font).
 */
const PLOT_FONTS = { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans', defaultFontFamily: 'DejaVu Sans' };

/**
 * Width of a text as ECharts lays it out in a plot (legends, truncated labels). Without a browser ECharts guesses
 * from Helvetica's widths, narrower than DejaVu Sans, so that legend entries ran into each other; these classes of
 * characters follow DejaVu Sans (in ems), a little wide rather than narrow.
 */
export function textWidth(text: string, font = ''): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  let ems = 0;
  for (const char of text) {
    if (/[ijlI.,:;'|!]/.test(char)) ems += 0.3;
    else if (/[frt()[\]\- ]/.test(char)) ems += 0.42;
    else if (/[mwMW%@#→—]/.test(char)) ems += 0.98;
    else if (/[A-Z]/.test(char)) ems += 0.74;
    else if (/[0-9]/.test(char)) ems += 0.64;
    else ems += 0.63;
  }
  return ems * size * (/bold|[6-9]00/.test(font) ? 1.08 : 1);
}

function lower(component: unknown): unknown {
  if (component === null || typeof component !== 'object') return component;
  const top = (component as { top?: unknown }).top;
  return typeof top === 'number' ? { ...component, top: top + TITLE_HEIGHT } : component;
}
