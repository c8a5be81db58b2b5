// The timeline: one row per VM (grouped by the host it started on), a bar per state coloured by state with the
// host written inside, and each migration framed in the colour of its outcome. Past 40 VMs the rows scroll.
import { OUTCOME_COLORS, STATE_ORDER, stateColor } from '../palette.ts';
import type { RunReport } from '../run-report.ts';
import {
  actionSpan,
  baseOption,
  type ChartOption,
  type ChartSpec,
  plotZoom,
  timeAxis,
  timeZoom,
} from './chart-spec.ts';

const VISIBLE_ROWS = 40;

export function timelineChart(report: RunReport): ChartSpec | undefined {
  const rows = vmRows(report);
  if (rows.length === 0) return undefined;
  const rowOf = new Map(rows.map((vm, i) => [vm, i]));
  const states = [...new Set([...STATE_ORDER, ...report.timeline.map((i) => i.state)])].filter((state) =>
    report.timeline.some((i) => i.state === state),
  );
  const series: ChartOption[] = states.map((state) => {
    const intervals = report.timeline.filter((i) => i.state === state);
    return {
      type: 'custom',
      name: state,
      renderItem: 'gantt',
      tooltipKind: 'item',
      itemStyle: { color: stateColor(state) },
      encode: { x: [1, 2], y: 0 },
      labels: intervals.map((i) => i.host),
      data: intervals.map((i) => ({ name: i.vm, value: [rowOf.get(i.vm) ?? 0, i.start, i.end] })),
    };
  });
  if (report.migrations.length > 0) series.push(migrationFrames(report, rowOf));
  const scroll = rows.length > VISIBLE_ROWS;
  const focus = actionSpan(report.migrations, report.endTime);
  const option: ChartOption = {
    ...baseOption(),
    tooltip: { confine: true, trigger: 'item' },
    legend: { top: 4, type: 'scroll' },
    grid: { left: 110, right: scroll ? 48 : 24, top: 36, bottom: 62 },
    xAxis: timeAxis(report.endTime),
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows,
      axisLabel: { width: 100, overflow: 'truncate', fontSize: 11 },
      axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: '#f3f4f6' } },
    },
    dataZoom: [...timeZoom(8, focus), ...(scroll ? rowZoom(rows.length) : [])],
    series,
  };
  const visible = Math.min(rows.length, VISIBLE_ROWS);
  return {
    id: 'timeline',
    title: 'VM timeline',
    description:
      `${rows.length} VM(s), one row each, grouped by the host they started on: each bar is a state (the host is ` +
      'written inside), each frame a migration in the colour of its outcome. It opens on the migrations; drag the ' +
      'slider (or Ctrl + wheel) to zoom ' +
      (scroll ? 'on time; the mouse wheel or the slider on the right scrolls through the VMs.' : 'on time.'),
    height: visible * 24 + 130,
    option,
    plot: { height: Math.min(Math.max(rows.length * 16 + 130, 260), 6000), patch: { dataZoom: plotZoom(focus) } },
  };
}

/** VM names, grouped by the host they started on (in host order), then in the order they appeared. */
function vmRows(report: RunReport): string[] {
  const hostOrder = new Map(report.hosts.map((h, i) => [h.name, i]));
  const first = new Map<string, string>();
  for (const vm of report.vms) first.set(vm.name, vm.firstHost ?? vm.host);
  for (const interval of report.timeline) if (!first.has(interval.vm)) first.set(interval.vm, interval.host);
  const names = [...first.keys()];
  const rank = (vm: string) => hostOrder.get(first.get(vm) ?? '') ?? hostOrder.size;
  return names
    .map((vm, i) => ({ vm, i }))
    .sort((a, b) => rank(a.vm) - rank(b.vm) || a.i - b.i)
    .map((e) => e.vm);
}

function migrationFrames(report: RunReport, rowOf: Map<string, number>): ChartOption {
  return {
    type: 'custom',
    name: 'migrations',
    renderItem: 'frame',
    tooltipKind: 'item',
    itemStyle: { color: OUTCOME_COLORS.completed },
    encode: { x: [1, 2], y: 0 },
    z: 3,
    labels: report.migrations.map((m) => `#${m.id} ${m.from} → ${m.to}: ${m.outcome}`),
    data: report.migrations.map((m) => ({
      name: m.vm,
      value: [rowOf.get(m.vm) ?? 0, m.start, m.end ?? report.endTime],
      itemStyle: { color: OUTCOME_COLORS[m.outcome] ?? OUTCOME_COLORS.running },
    })),
  };
}

/** The first rows shown, the others reached by the mouse wheel or the slider on the right. */
function rowZoom(rows: number): ChartOption[] {
  const window = { yAxisIndex: 0, startValue: 0, endValue: Math.min(rows, VISIBLE_ROWS) - 1, filterMode: 'weakFilter' };
  return [
    { type: 'inside', ...window, zoomOnMouseWheel: false, moveOnMouseWheel: true, moveOnMouseMove: false },
    { type: 'slider', ...window, right: 8, width: 16, showDetail: false, zoomLock: true },
  ];
}
