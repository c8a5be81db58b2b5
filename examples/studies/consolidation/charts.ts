// The study's charts: energy against SLAV (each overload × selection pair a point, pre-copy and post-copy apart, the
// baseline without consolidation in the title), and the PDM of each pair with pre-copy and with post-copy.
import type { ChartSpec } from '../../../src/index.ts';

export interface StudyRow {
  algorithm: string;
  policy: string;
  energyKWh: number;
  slatah: number;
  pdm: number;
  slav: number;
  esv: number;
  migrations: number;
  meanMigrationSec: number;
  meanDowntimeSec: number;
  hostsSwitchedOff: number;
}

const COLORS: Record<string, string> = { precopy: '#3b7dd8', postcopy: '#2e7d32', '-': '#c62828' };
const NAMES: Record<string, string> = { precopy: 'pre-copy', postcopy: 'post-copy', '-': 'no consolidation' };
const base = { backgroundColor: '#ffffff', animation: false, textStyle: { fontFamily: 'sans-serif', fontSize: 12 } };

function energySlav(rows: readonly StudyRow[]): ChartSpec {
  const baseline = (rows.find((r) => r.algorithm === '-')?.energyKWh ?? 0).toFixed(1);
  const series = ['precopy', 'postcopy'].map((algorithm) => ({
    type: 'scatter',
    name: NAMES[algorithm],
    symbolSize: 9,
    itemStyle: { color: COLORS[algorithm] },
    label: { show: true, formatter: '{b}', position: 'right', fontSize: 9, color: COLORS[algorithm] },
    data: rows
      .filter((r) => r.algorithm === algorithm)
      .map((r) => ({ name: r.policy, value: [r.energyKWh, r.slav * 1e5] })),
  }));
  return {
    id: 'energy-slav',
    title: `Energy against SLAV (SLATAH × PDM), one point per overload × selection pair (no consolidation: ${baseline} kWh)`,
    description: 'Lower left is better; the baseline without consolidation has no SLA violation and far more energy.',
    height: 520,
    option: {
      ...base,
      legend: { top: 30 },
      grid: { left: 90, right: 40, top: 70, bottom: 50 },
      xAxis: { type: 'value', name: 'energy (kWh)', nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'value', name: 'SLAV (×10⁵)', nameLocation: 'middle', nameGap: 60 },
      series,
    },
  };
}

function pdmBars(rows: readonly StudyRow[]): ChartSpec {
  const policies = [...new Set(rows.filter((r) => r.algorithm !== '-').map((r) => r.policy))];
  const series = ['precopy', 'postcopy'].map((algorithm) => ({
    type: 'bar',
    name: NAMES[algorithm],
    itemStyle: { color: COLORS[algorithm] },
    data: policies.map((p) => (rows.find((r) => r.algorithm === algorithm && r.policy === p)?.pdm ?? 0) * 100),
  }));
  return {
    id: 'pdm',
    title: 'PDM (%): CPU the VMs lost while migrating, per policy pair',
    description: 'Measured from what each migrating VM obtained, not a flat 10 % of its demand.',
    height: 420,
    option: {
      ...base,
      legend: { top: 30 },
      grid: { left: 80, right: 30, top: 70, bottom: 70 },
      xAxis: { type: 'category', data: policies, axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'value', name: 'PDM (%)', nameLocation: 'middle', nameGap: 60 },
      series,
    },
  };
}

export function studyCharts(rows: readonly StudyRow[]): ChartSpec[] {
  return [energySlav(rows), pdmBars(rows)];
}

/** The rows as a markdown table (energy kWh, SLATAH %, PDM %, SLAV and ESV ×10⁵, migrations, mean duration and
 * downtime). */
export function markdownTable(rows: readonly StudyRow[]): string {
  const f = (v: number, digits: number) => v.toFixed(digits);
  const head =
    '| migration | policy | energy (kWh) | SLATAH (%) | PDM (%) | SLAV (×10⁵) | ESV (×10⁵) | migrations | mean migration (s) | mean downtime (s) |';
  const lines = rows.map((r) =>
    [
      NAMES[r.algorithm] ?? r.algorithm,
      r.policy,
      f(r.energyKWh, 2),
      f(r.slatah * 100, 4),
      f(r.pdm * 100, 5),
      f(r.slav * 1e5, 4),
      f(r.esv * 1e5, 3),
      String(r.migrations),
      f(r.meanMigrationSec, 1),
      f(r.meanDowntimeSec, 3),
    ].join(' | '),
  );
  return `${[head, `|${'---|'.repeat(10)}`, ...lines.map((l) => `| ${l} |`)].join('\n')}\n`;
}
