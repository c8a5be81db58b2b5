// A consolidation run over time: hosts on and hosts found overloaded at each interval (step lines, left axis) and
// the energy of each interval in kWh (bars, right axis).
import type { ConsolidationInterval } from '../../consolidation/index.ts';
import type { RunReport } from '../run-report.ts';
import { baseOption, type ChartSpec, timeAxis, timeZoom } from './chart-spec.ts';

export function consolidationChart(report: RunReport): ChartSpec | undefined {
  const c = report.consolidation;
  if (c === undefined || c.intervals.length === 0) return undefined;
  const step = (name: string, pick: (i: ConsolidationInterval) => number) => ({
    type: 'line',
    name,
    step: 'start',
    symbol: 'none',
    data: c.intervals.map((i) => [i.start, pick(i)]),
  });
  return {
    id: 'consolidation',
    title: 'Consolidation',
    description:
      `Hosts on and hosts the ${c.policy} policy found overloaded at each interval, and the energy of each ` +
      `interval (kWh, right axis); ${c.migrations} migrations in all.`,
    height: 320,
    option: {
      ...baseOption(),
      tooltip: { confine: true, trigger: 'axis' },
      legend: { top: 4 },
      grid: { left: 56, right: 64, top: 40, bottom: 62 },
      xAxis: timeAxis(report.endTime),
      yAxis: [
        { type: 'value', name: 'hosts', min: 0 },
        { type: 'value', name: 'kWh', min: 0, splitLine: { show: false } },
      ],
      dataZoom: timeZoom(),
      series: [
        step('active hosts', (i) => i.activeHosts),
        step('overloaded hosts', (i) => i.overloadedHosts),
        {
          type: 'bar',
          name: 'energy',
          yAxisIndex: 1,
          data: c.intervals.map((i) => [(i.start + i.end) / 2, Number((i.energyJoules / 3.6e6).toFixed(6))]),
        },
      ],
    },
    plot: { height: 340, patch: { dataZoom: [] } },
  };
}
