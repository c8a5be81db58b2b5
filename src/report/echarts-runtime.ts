// Where ECharts comes from: the minified browser build of the `echarts` package, inlined in the HTML page (no
// network needed to open it) and loaded in Node to render the SVG plots server-side.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);
const BUILD = 'echarts/dist/echarts.min.js';

/** What the report uses of a server-side ECharts instance. */
export interface SsrChart {
  setOption(option: Record<string, unknown>): void;
  renderToSVGString(): string;
  dispose(): void;
}

export interface EchartsModule {
  /** Replaces how ECharts measures text where there is no browser (server-side rendering). */
  setPlatformAPI(api: { measureText: (text: string, font?: string) => { width: number } }): void;
  init(dom: null, theme: null, options: { renderer: 'svg'; ssr: true; width: number; height: number }): SsrChart;
}

/** The source of the ECharts build, to inline in a page. */
export function echartsSource(): string {
  return readFileSync(requireHere.resolve(BUILD), 'utf8');
}

/** The same build as a Node module. */
export function loadEcharts(): EchartsModule {
  return requireHere(BUILD) as EchartsModule;
}
