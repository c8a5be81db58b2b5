// Per migration: the bytes sent in each round (bars coloured by stage) against the stop-and-copy threshold computed
// after it (line): pre-copy stops once the dirty memory fits under the threshold. One view per migration.
import { readableBytes } from '../../core/index.ts';
import type { MigrationReport, RoundReport, RunReport } from '../run-report.ts';
import { baseOption, type ChartOption, type ChartSpec, type ChartView } from './chart-spec.ts';

/** Units of the value axis. */
const AXIS_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;
/** Rounds and thresholds further apart than this go on a logarithmic scale, where the small ones stay visible. */
const LOG_SCALE_RATIO = 20;
const STAGES: Readonly<Record<number, { name: string; color: string }>> = {
  1: { name: 'full copy', color: '#3b7dd8' },
  2: { name: 'pre-copy', color: '#5fa8e8' },
  3: { name: 'stop-and-copy', color: '#8e44ad' },
  4: { name: 'post-copy', color: '#e67e22' },
};

export function roundsChart(report: RunReport): ChartSpec | undefined {
  const migrations = report.migrations.filter((m) => m.rounds.length > 0);
  const first = migrations[0];
  if (first === undefined) return undefined;
  const views: ChartView[] = migrations.map((m) => ({ label: migrationLabel(m), patch: migrationPatch(m) }));
  const option: ChartOption = {
    ...baseOption(),
    tooltip: { confine: true, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 28, data: ['bytes sent', 'threshold'] },
    grid: { left: 70, right: 24, top: 64, bottom: 48 },
    ...migrationPatch(first),
  };
  return {
    id: 'rounds',
    title: 'Rounds of each migration',
    description:
      'Memory sent in each round of a migration (bars, by stage) and the stop-and-copy threshold computed after ' +
      'the round (line): pre-copy goes on while the dirty memory is above it. The scale is logarithmic when they ' +
      `differ more than ${LOG_SCALE_RATIO} times, so that every round shows.${views.length > 1 ? ' Pick a migration in the list.' : ''}`,
    height: 340,
    option,
    ...(views.length > 1 ? { views } : {}),
    plot: { height: 360 },
  };
}

export function migrationLabel(m: MigrationReport): string {
  return `#${m.id} ${m.vm}: ${m.from} → ${m.to} (${m.outcome}, ${m.rounds.length} rounds)`;
}

function migrationPatch(m: MigrationReport): ChartOption {
  const labels = m.rounds.map(roundLabel);
  const log = wantsLogScale(m.rounds);
  // On a log scale ECharts starts bars at 1: the unit of the smallest value keeps every bar above it.
  const unit = axisUnit(m.rounds, log ? 'smallest' : 'largest');
  const value = (bytes: number) => (log && bytes <= 0 ? null : inUnit(bytes, unit));
  return {
    yAxis: log
      ? { type: 'log', name: `${unit.name} (log scale)`, nameGap: 12, logBase: 10 }
      : { type: 'value', name: unit.name, nameGap: 12 },
    title: { text: migrationLabel(m), left: 'center', top: 4, textStyle: { fontSize: 13, fontWeight: 'normal' } },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 'auto', hideOverlap: true } },
    series: [
      {
        type: 'bar',
        name: 'bytes sent',
        barMaxWidth: 48,
        itemStyle: { color: STAGES[2]?.color },
        label: { show: true, position: 'top', fontSize: 11, color: '#3e4c59' },
        labelLayout: { hideOverlap: true },
        data: m.rounds.map((r) => ({
          value: value(r.bytes),
          // The exact size over each bar: the axis alone cannot say it on a log scale.
          label: { formatter: readableBytes(r.bytes) },
          itemStyle: { color: STAGES[r.stage]?.color ?? '#95a5a6' },
        })),
      },
      {
        type: 'line',
        name: 'threshold',
        connectNulls: false,
        symbolSize: 6,
        itemStyle: { color: '#c62828' },
        lineStyle: { type: 'dashed' },
        data: m.rounds.map((r) => (r.threshold === undefined ? null : value(r.threshold))),
      },
    ],
  };
}

function roundLabel(round: RoundReport, position: number): string {
  const stage = STAGES[round.stage]?.name ?? `stage ${round.stage}`;
  if (round.stage === 2 || round.stage === 4) return `${stage} ${(round.index ?? position) + 1}`;
  return stage;
}

/** Rounds and thresholds too far apart for the smallest to show on a linear scale. */
function wantsLogScale(rounds: readonly RoundReport[]): boolean {
  const values = rounds.flatMap((r) => [r.bytes, r.threshold ?? 0]).filter((v) => v > 0);
  if (values.length === 0) return false;
  const min = values.reduce((a, b) => Math.min(a, b));
  const max = values.reduce((a, b) => Math.max(a, b));
  return max / min > LOG_SCALE_RATIO;
}

/** The unit of the axis: the largest that keeps the largest (or the smallest) value at 1 or more. */
function axisUnit(rounds: readonly RoundReport[], by: 'largest' | 'smallest'): { name: string; bytes: number } {
  const values = rounds.flatMap((r) => [r.bytes, r.threshold ?? 0]).filter((v) => v > 0);
  const reference = by === 'largest' ? Math.max(0, ...values) : Math.min(...values);
  let index = 0;
  while (index < AXIS_UNITS.length - 1 && reference >= 1024 ** (index + 1)) index++;
  return { name: AXIS_UNITS[index] ?? 'B', bytes: 1024 ** index };
}

/** Bytes in the axis' unit, three significant digits (as every number shown). */
function inUnit(bytes: number, unit: { bytes: number }): number {
  return Number((bytes / unit.bytes).toPrecision(3));
}
