// Every migration as a point: when it started against how long it took, coloured by outcome, so that slow or
// failed migrations of a large run stand out.
import { OUTCOME_COLORS } from '../palette.ts';
import type { RunReport } from '../run-report.ts';
import { actionSpan, baseOption, type ChartSpec, plotZoom, sideAxis, timeAxis, timeZoom } from './chart-spec.ts';

export function migrationsChart(report: RunReport): ChartSpec | undefined {
  if (report.migrations.length === 0) return undefined;
  const outcomes = Object.keys(OUTCOME_COLORS).filter((o) => report.migrations.some((m) => m.outcome === o));
  const series = outcomes.map((outcome) => ({
    type: 'scatter',
    name: outcome,
    symbolSize: 9,
    itemStyle: { color: OUTCOME_COLORS[outcome], opacity: 0.85 },
    data: report.migrations
      .filter((m) => m.outcome === outcome)
      .map((m) => ({
        name: `#${m.id} ${m.vm}: ${m.from} → ${m.to}`,
        value: [m.start, Number(((m.end ?? report.endTime) - m.start).toFixed(3))],
      })),
  }));
  const focus = actionSpan(report.migrations, report.endTime);
  return {
    id: 'migrations',
    title: 'Migration durations',
    description:
      'Each migration at its start date, at the height of its duration (until the end of the run if it had not ended). ' +
      'Drag the slider (or Ctrl + wheel) to zoom on time.',
    height: 300,
    option: {
      ...baseOption(),
      tooltip: { confine: true, trigger: 'item' },
      legend: { top: 4 },
      grid: { left: 64, right: 24, top: 36, bottom: 62 },
      xAxis: timeAxis(report.endTime),
      yAxis: sideAxis('duration (s)', { min: 0 }),
      dataZoom: timeZoom(8, focus),
      series,
    },
    plot: { height: 320, patch: { dataZoom: plotZoom(focus) } },
  };
}
