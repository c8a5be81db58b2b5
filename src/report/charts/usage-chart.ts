// Link and CPU usage over time: the load of each resource as a percentage of its capacity (step lines), the
// busiest first, eight resources per view so that a large platform stays readable.
import type { UsageSeries } from '../run-report.ts';
import {
  baseOption,
  type ChartOption,
  type ChartSpec,
  type ChartView,
  plotZoom,
  sideAxis,
  type TimeSpan,
  timeAxis,
  timeZoom,
} from './chart-spec.ts';

const PER_VIEW = 8;

export interface UsageChartInput {
  id: string;
  title: string;
  /** What a resource is, plural ("links", "host processors"). */
  what: string;
  series: readonly UsageSeries[];
  endTime: number;
  /** The span the time axis opens on (where the migrations are). */
  focus?: TimeSpan | undefined;
}

export function usageChart(input: UsageChartInput): ChartSpec | undefined {
  const ranked = busiestFirst(input.series, input.endTime);
  if (ranked.length === 0) return undefined;
  const pages: UsageSeries[][] = [];
  for (let i = 0; i < ranked.length; i += PER_VIEW) pages.push(ranked.slice(i, i + PER_VIEW));
  const patch = (page: readonly UsageSeries[]): ChartOption => ({
    series: page.map((s) => lineSeries(s, input.endTime)),
  });
  const views: ChartView[] = pages.map((page, i) => ({
    label: `${input.what} ${i * PER_VIEW + 1}–${i * PER_VIEW + page.length} of ${ranked.length}`,
    patch: patch(page),
  }));
  const merged = ranked.some((s) => s.merged === true);
  return {
    id: input.id,
    title: input.title,
    description:
      `Load of each of the ${ranked.length} ${input.what} that were used, as a percentage of its capacity, the ` +
      `busiest first${pages.length > 1 ? ` (${PER_VIEW} per view: pick the others in the list)` : ''}.` +
      (merged ? ' Long series are averaged over merged intervals.' : ''),
    height: 320,
    option: {
      ...baseOption(),
      tooltip: { confine: true, trigger: 'axis' },
      legend: { top: 4, type: 'scroll' },
      grid: { left: 64, right: 24, top: 40, bottom: 62 },
      xAxis: timeAxis(input.endTime),
      yAxis: sideAxis('% of capacity', { min: 0, max: 100 }),
      dataZoom: timeZoom(8, input.focus),
      ...patch(pages[0] ?? []),
    },
    ...(views.length > 1 ? { views } : {}),
    plot: { height: 340, patch: { dataZoom: plotZoom(input.focus) } },
  };
}

/** Used resources, by decreasing work done (the area under the load), then by name order in the input. */
function busiestFirst(series: readonly UsageSeries[], endTime: number): UsageSeries[] {
  const area = (s: UsageSeries) => {
    let total = 0;
    s.points.forEach(([time, value], i) => {
      const next = s.points[i + 1]?.[0] ?? endTime;
      total += value * (next - time);
    });
    return s.capacity > 0 ? total / s.capacity : total;
  };
  return series
    .map((s, i) => ({ s, i, area: area(s) }))
    .sort((a, b) => b.area - a.area || a.i - b.i)
    .map((e) => e.s);
}

function lineSeries(series: UsageSeries, endTime: number): ChartOption {
  const percent = (value: number) => (series.capacity > 0 ? Number(((100 * value) / series.capacity).toFixed(2)) : 0);
  const data: [number, number][] = series.points.map(([time, value]) => [time, percent(value)]);
  const last = data[data.length - 1];
  if (last !== undefined && last[0] < endTime) data.push([endTime, last[1]]);
  return { type: 'line', name: series.name, step: 'end', symbol: 'none', lineStyle: { width: 1.5 }, data };
}
