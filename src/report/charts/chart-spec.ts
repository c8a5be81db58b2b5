// What a chart is for the report: an ECharts option as plain JSON (so the HTML page and the SVG/PNG plots draw the
// same thing), its size, and optional views (one migration, one page of series) picked from a list.

/** An ECharts option as JSON. Custom series name their drawing function (`renderItem: 'gantt'`), see render-items. */
export type ChartOption = Record<string, unknown>;

export interface ChartView {
  label: string;
  /** Top-level keys that replace the chart's option's for this view. */
  patch: ChartOption;
}

export interface ChartSpec {
  /** Used in element ids and plot file names. */
  id: string;
  title: string;
  /** One sentence under the title: what the chart shows and how to read it. */
  description: string;
  /** Height in the page (px). */
  height: number;
  option: ChartOption;
  views?: ChartView[];
  /** Height of the SVG/PNG plot (px), and top-level keys that replace the option's there (e.g. no scroll bar). */
  plot?: { height: number; patch?: ChartOption };
}

/** Width of SVG/PNG plots (px). */
export const PLOT_WIDTH = 1200;

/** What every chart shares: white background, no animation (a report is read, not watched), compact fonts. */
export function baseOption(): ChartOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'Liberation Sans, Helvetica, Arial, sans-serif', fontSize: 12 },
    tooltip: { confine: true },
  };
}

/** The option of a view: the chart's option with the view's top-level keys replaced. */
export function viewOption(spec: ChartSpec, view: ChartView | undefined): ChartOption {
  return view === undefined ? spec.option : { ...spec.option, ...view.patch };
}

/** A value axis of simulated time, in seconds. */
export function timeAxis(endTime: number): ChartOption {
  return {
    type: 'value',
    name: 'time (s)',
    nameLocation: 'middle',
    nameGap: 26,
    min: 0,
    max: endTime > 0 ? endTime : 1,
    axisLabel: { showMaxLabel: false },
    splitLine: { lineStyle: { color: '#eef0f2' } },
  };
}

/** Zoom on time: Ctrl + mouse wheel inside the chart (the plain wheel still scrolls the page), and a slider. */
export function timeZoom(bottom = 8): ChartOption[] {
  return [
    { type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false },
    { type: 'slider', xAxisIndex: 0, filterMode: 'weakFilter', height: 18, bottom },
  ];
}
