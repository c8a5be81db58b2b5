// The study's charts, one per workload: total migration time (x) against downtime (y), both logarithmic, one series
// per algorithm (pre-copy as a line through its downtime limits), and the paper's values as hollow markers.
import type { ChartSpec } from '../../../src/index.ts';
import { paperValues } from './paper.ts';
import type { StudyResult, StudyRow } from './study.ts';
import type { WorkloadName } from './workloads.ts';

const COLORS = {
  preCopy: '#3b7dd8',
  stuck: '#c62828',
  mplm: '#8e44ad',
  postCopy: '#2e7d32',
  autoConverge: '#ef6c00',
  paper: '#263238',
};

interface Point {
  name: string;
  value: [number, number];
}

/** Points of the rows, rows at the same place merged under one label ("30, 60, 80, 120 s"). */
function points(rows: readonly StudyRow[], at: (r: StudyRow) => [number, number] | undefined): Point[] {
  const merged = new Map<string, { value: [number, number]; limits: string[] }>();
  for (const row of rows) {
    const value = at(row);
    if (value === undefined) continue;
    const key = value.join(',');
    const entry = merged.get(key) ?? { value, limits: [] };
    if (row.downtimeLimitSec !== undefined) entry.limits.push(String(row.downtimeLimitSec));
    merged.set(key, entry);
  }
  return [...merged.values()].map((e) => ({
    name: e.limits.length > 0 ? `${e.limits.join(', ')} s` : '',
    value: e.value,
  }));
}

type LabelAt = 'top' | 'left' | 'right' | 'bottom' | undefined;

function scatter(name: string, color: string, symbol: string, data: Point[], label: LabelAt = undefined) {
  return {
    type: 'scatter',
    name,
    symbol,
    symbolSize: 13,
    itemStyle: { color, opacity: 0.9 },
    label: { show: label !== undefined, formatter: '{b}', position: label ?? 'right', fontSize: 11, color },
    data,
  };
}

/** The chart's series: every algorithm's migrations, then the paper's figures. */
function workloadSeries(result: StudyResult, workload: WorkloadName) {
  const rows = result.rows.filter((r) => r.workload === workload);
  const of = (algorithm: StudyRow['algorithm']) => rows.filter((r) => r.algorithm === algorithm);
  const done = (r: StudyRow): [number, number] | undefined =>
    r.converged ? [r.totalSec, r.downtimeSec as number] : undefined;
  const stuck = (r: StudyRow): [number, number] | undefined =>
    r.converged || r.pendingDowntimeSec === undefined ? undefined : [r.totalSec, r.pendingDowntimeSec];
  const preCopy = points(of('pre-copy'), done).sort((a, b) => a.value[0] - b.value[0]);
  const paper = (source: 'printed' | 'plot') =>
    paperValues(workload)
      .filter((p) => p.source === source && p.totalSec !== undefined && p.downtimeSec !== undefined)
      .map((p) => ({
        name: p.algorithm === 'pre-copy' ? `paper ${p.downtimeLimitSec} s` : `paper ${p.algorithm}`,
        value: [p.totalSec, p.downtimeSec] as [number, number],
      }));
  const cap = result.setup.capSec;
  return [
    {
      ...scatter('pre-copy (downtime limit)', COLORS.preCopy, 'circle', preCopy, 'left'),
      type: 'line',
      lineStyle: { width: 2 },
    },
    scatter(
      `pre-copy: no convergence in ${cap} s (downtime if forced)`,
      COLORS.stuck,
      'triangle',
      points(of('pre-copy'), stuck),
      'top',
    ),
    scatter('MPLM', COLORS.mplm, 'diamond', points(of('MPLM'), done)),
    scatter('post-copy', COLORS.postCopy, 'rect', points(of('post-copy'), done)),
    scatter('pre-copy 0.3 s + auto-converge', COLORS.autoConverge, 'roundRect', points(of('auto-converge'), done)),
    {
      ...scatter('paper (printed)', COLORS.paper, 'emptyDiamond', paper('printed'), 'bottom'),
      markLine: totalsOnly(workload),
    },
    scatter('paper (Fig. 4, read off)', COLORS.paper, 'emptyCircle', paper('plot'), 'right'),
  ];
}

function workloadChart(result: StudyResult, workload: WorkloadName): ChartSpec {
  const { capSec: cap, ramBytes, linkBandwidth } = result.setup;
  const series = workloadSeries(result, workload);
  return {
    id: `total-vs-downtime-${workload.toLowerCase()}`,
    title: `NPB ${workload} class C: total migration time against downtime (${ramBytes / 2 ** 30} GiB VM, ${linkBandwidth})`,
    description: 'Each migration at its total time and downtime, both on log scales; hollow markers are the paper.',
    height: 460,
    option: {
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'Liberation Sans, Helvetica, Arial, sans-serif', fontSize: 12 },
      tooltip: { confine: true, trigger: 'item' },
      legend: { top: 4, left: 10, right: 10 },
      grid: { left: 70, right: 60, top: 64, bottom: 52 },
      xAxis: {
        type: 'log',
        name: 'total migration time (s)',
        nameLocation: 'middle',
        nameGap: 30,
        min: 5,
        max: Math.max(3000, 2 * cap),
      },
      yAxis: { type: 'log', name: 'downtime (s)', nameLocation: 'middle', nameGap: 50, min: 0.001, max: 100 },
      series,
    },
    plot: { height: 480 },
  };
}

/** The paper's totals printed without a downtime (pre-copy at 0.3 s ran until the application ended): a line. */
function totalsOnly(workload: WorkloadName) {
  const data = paperValues(workload)
    .filter((p) => p.downtimeSec === undefined && p.totalSec !== undefined)
    .map((p) => ({ xAxis: p.totalSec, name: `paper: pre-copy ${p.downtimeLimitSec} s ended at ${p.totalSec} s` }));
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: COLORS.paper, type: 'dashed' },
    label: { formatter: '{b}', position: 'insideEndTop', fontSize: 11, color: COLORS.paper },
    data,
  };
}

export function studyCharts(result: StudyResult): ChartSpec[] {
  return [...new Set(result.rows.map((r) => r.workload))].map((w) => workloadChart(result, w));
}
