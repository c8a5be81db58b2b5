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

/** A value axis named along its side (rotated), so that its name never meets the legend above the chart. */
export function sideAxis(name: string, extra: ChartOption = {}): ChartOption {
  return { type: 'value', name, nameLocation: 'middle', nameRotate: 90, nameGap: 42, ...extra };
}

/** A span of simulated time (seconds). */
export interface TimeSpan {
  start: number;
  end: number;
}

/**
 * Where the action is: from the first migration's start to the last one's end (the run's end for one still
 * running), widened by 5 % of its length on each side and kept inside the run. Undefined without migrations.
 */
export function actionSpan(
  migrations: readonly { start: number; end?: number | undefined }[],
  endTime: number,
): TimeSpan | undefined {
  if (migrations.length === 0) return undefined;
  const first = Math.min(...migrations.map((m) => m.start));
  const last = Math.max(...migrations.map((m) => m.end ?? endTime));
  const margin = Math.max((last - first) * 0.05, 1e-3);
  // Ends on round numbers (a twentieth of a power of ten near the span), so that the axis' labels stay short.
  const step = 10 ** Math.floor(Math.log10(last - first + 2 * margin)) / 20;
  const start = Math.max(0, Math.floor((first - margin) / step) * step);
  const end = Math.min(Math.max(endTime, last), Math.ceil((last + margin) / step) * step);
  const span = { start: Number(start.toPrecision(6)), end: Number(end.toPrecision(6)) };
  return span.end > span.start ? span : undefined;
}

/**
 * Zoom on time: Ctrl + mouse wheel inside the chart (the plain wheel still scrolls the page), and a slider. With a
 * `focus`, the chart opens on it; the slider (or Ctrl + wheel) zooms out to the whole run.
 */
export function timeZoom(bottom = 8, focus?: TimeSpan): ChartOption[] {
  const window = focus === undefined ? {} : { startValue: focus.start, endValue: focus.end };
  return [
    {
      type: 'inside',
      xAxisIndex: 0,
      filterMode: 'weakFilter',
      zoomOnMouseWheel: 'ctrl',
      moveOnMouseWheel: false,
      ...window,
    },
    { type: 'slider', xAxisIndex: 0, filterMode: 'weakFilter', height: 18, bottom, ...window },
  ];
}

/** The zoom of a plot (a file cannot be zoomed): no slider, the axis on `focus` when there is one. */
export function plotZoom(focus: TimeSpan | undefined): ChartOption[] {
  if (focus === undefined) return [];
  return [{ type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter', startValue: focus.start, endValue: focus.end }];
}
