// Every chart of a report, in page order; charts with nothing to show (no migration, no used link) are left out.
import type { RunReport } from '../run-report.ts';
import { actionSpan, type ChartSpec } from './chart-spec.ts';
import { consolidationChart } from './consolidation-chart.ts';
import { migrationsChart } from './migrations-chart.ts';
import { protocolChart } from './protocol-chart.ts';
import { roundsChart } from './rounds-chart.ts';
import { timelineChart } from './timeline-chart.ts';
import { usageChart } from './usage-chart.ts';
import { vmStatesChart } from './vm-states-chart.ts';

export function reportCharts(report: RunReport): ChartSpec[] {
  const endTime = report.endTime;
  const focus = actionSpan(report.migrations, endTime);
  const charts = [
    timelineChart(report),
    vmStatesChart(report),
    migrationsChart(report),
    roundsChart(report),
    protocolChart(report),
    usageChart({ id: 'link-usage', title: 'Link usage', what: 'links', series: report.usage.links, endTime, focus }),
    usageChart({
      id: 'cpu-usage',
      title: 'CPU usage',
      what: 'host processors',
      series: report.usage.hosts,
      endTime,
      focus,
    }),
    consolidationChart(report),
  ];
  return charts.filter((chart) => chart !== undefined);
}
