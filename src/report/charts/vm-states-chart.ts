// How many VMs are in each state over time (stacked): the timeline of a large run at a glance.
import { STATE_ORDER, stateColor } from '../palette.ts';
import type { RunReport } from '../run-report.ts';
import {
  actionSpan,
  baseOption,
  type ChartOption,
  type ChartSpec,
  plotZoom,
  sideAxis,
  timeAxis,
  timeZoom,
} from './chart-spec.ts';

export function vmStatesChart(report: RunReport): ChartSpec | undefined {
  if (report.timeline.length === 0) return undefined;
  const times = [...new Set(report.timeline.flatMap((i) => [i.start, i.end]))].sort((a, b) => a - b);
  const states = [...new Set([...STATE_ORDER, ...report.timeline.map((i) => i.state)])].filter((state) =>
    report.timeline.some((i) => i.state === state),
  );
  const series = states.map((state) => ({
    type: 'line',
    name: state,
    step: 'end',
    stack: 'vms',
    symbol: 'none',
    lineStyle: { width: 0 },
    areaStyle: { opacity: 0.85 },
    itemStyle: { color: stateColor(state) },
    data: counts(report, state, times),
  }));
  const focus = actionSpan(report.migrations, report.endTime);
  const option: ChartOption = {
    ...baseOption(),
    tooltip: { confine: true, trigger: 'axis' },
    legend: { top: 4, type: 'scroll' },
    grid: { left: 64, right: 24, top: 36, bottom: 62 },
    xAxis: timeAxis(report.endTime),
    yAxis: sideAxis('VMs', { minInterval: 1 }),
    dataZoom: timeZoom(8, focus),
    series,
  };
  return {
    id: 'vm-states',
    title: 'VMs by state',
    description: 'Number of VMs in each state over time, stacked.',
    height: 300,
    option,
    plot: { height: 320, patch: { dataZoom: plotZoom(focus) } },
  };
}

/** `[time, number of VMs in state]` at each date where some VM changes state; each count holds until the next. */
function counts(report: RunReport, state: string, times: readonly number[]): [number, number][] {
  const delta = new Map<number, number>();
  for (const interval of report.timeline) {
    if (interval.state !== state) continue;
    delta.set(interval.start, (delta.get(interval.start) ?? 0) + 1);
    delta.set(interval.end, (delta.get(interval.end) ?? 0) - 1);
  }
  let count = 0;
  return times.map((time) => {
    count += delta.get(time) ?? 0;
    return [time, count];
  });
}
