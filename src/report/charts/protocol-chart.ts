// Per phased migration: its phases as bars on top, and below them one lane per endpoint (controller, agents,
// bridges, database) with every control-plane message drawn as an arrow from its sending to its arrival — RPC,
// VDP and PUSH/PULL in their own colours, lost ones dashed in red. One view per phased migration.
import type { ProtocolReport } from '../protocol-report.ts';
import type { MigrationReport, RunReport } from '../run-report.ts';
import { baseOption, type ChartOption, type ChartSpec, type ChartView, timeZoom } from './chart-spec.ts';

const PHASE_COLORS: Readonly<Record<string, string>> = {
  begin: '#90a4ae',
  prepare: '#4db6ac',
  perform: '#3b7dd8',
  finish: '#8e44ad',
  confirm: '#2e7d32',
};
const FAILED_COLOR = '#c62828';

const FAMILIES = [
  { name: 'RPC', match: (kind: string) => kind.startsWith('rpc.') && !kind.includes('keepalive'), color: '#455a64' },
  { name: 'VDP', match: (kind: string) => kind.startsWith('vdp.'), color: '#1565c0' },
  { name: 'PUSH/PULL', match: (kind: string) => kind.startsWith('state.'), color: '#ef6c00' },
  { name: 'keep-alive', match: (kind: string) => kind.includes('keepalive'), color: '#b0bec5' },
] as const;

type Phased = MigrationReport & { protocol: ProtocolReport };

export function protocolChart(report: RunReport): ChartSpec | undefined {
  const migrations = report.migrations.filter((m): m is Phased => m.protocol !== undefined);
  const first = migrations[0];
  if (first === undefined) return undefined;
  const views: ChartView[] = migrations.map((m) => ({ label: label(m), patch: migrationPatch(m, report.endTime) }));
  const lanes = Math.max(...migrations.map((m) => endpoints(m.protocol).length + 1));
  return {
    id: 'protocol',
    title: 'Phases and control-plane messages',
    description:
      'The phases of a phased migration (top bar; red when one failed) and every control-plane message as an arrow ' +
      'from its sender to its receiver, sending to arrival: RPC between the controller and the agents, VDP between ' +
      'stations and bridges, PUSH/PULL of the dynamic state; lost or undelivered ones dashed in red. Zoom on time ' +
      `with the slider: most messages last a millisecond.${views.length > 1 ? ' Pick a migration in the list.' : ''}`,
    height: lanes * 44 + 140,
    option: { ...baseOption(), ...frame(), ...migrationPatch(first, report.endTime) },
    ...(views.length > 1 ? { views } : {}),
    plot: { height: lanes * 44 + 120, patch: { dataZoom: [] } },
  };
}

function frame(): ChartOption {
  return {
    tooltip: { confine: true, trigger: 'item' },
    legend: { top: 28, data: ['phases', ...FAMILIES.map((f) => f.name), 'lost'] },
    grid: { left: 150, right: 24, top: 64, bottom: 62 },
    // Messages are drawn whole and clipped: the zoom moves the axis without filtering them out.
    dataZoom: timeZoom().map((zoom) => ({ ...zoom, filterMode: 'none' })),
  };
}

function label(m: Phased): string {
  const failed = m.protocol.failedPhase === undefined ? '' : `, failed in ${m.protocol.failedPhase}`;
  return `#${m.id} ${m.vm}: ${m.from} → ${m.to} (${m.protocol.outcome}${failed})`;
}

/** Lanes: the controller, the agents, then the bridges and databases in the order they first speak. */
function endpoints(protocol: ProtocolReport): string[] {
  const names = ['controller', 'source', 'destination'];
  for (const m of protocol.messages) for (const name of [m.from, m.to]) if (!names.includes(name)) names.push(name);
  return names;
}

function migrationPatch(m: Phased, endTime: number): ChartOption {
  const protocol = m.protocol;
  const names = endpoints(protocol);
  const end = protocol.end ?? endTime;
  const span = Math.max(end - protocol.start, 1e-6);
  return {
    title: { text: label(m), left: 'center', top: 4, textStyle: { fontSize: 13, fontWeight: 'normal' } },
    xAxis: {
      type: 'value',
      name: 'time (s)',
      nameLocation: 'middle',
      nameGap: 26,
      min: protocol.start,
      max: end + span * 0.02,
      axisLabel: { showMinLabel: false, showMaxLabel: false },
      splitLine: { lineStyle: { color: '#eef0f2' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: laneLabels(protocol, names),
      axisLabel: { width: 140, overflow: 'truncate', fontSize: 11 },
      axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: '#f3f4f6' } },
    },
    series: [phaseSeries(protocol, end), ...messageSeries(protocol, names, span)],
  };
}

/** The lanes' labels: "phases", then each endpoint with its host. */
function laneLabels(protocol: ProtocolReport, names: readonly string[]): string[] {
  const hostOf = new Map<string, string>();
  for (const message of protocol.messages) {
    hostOf.set(message.from, message.fromHost);
    hostOf.set(message.to, message.toHost);
  }
  return ['phases', ...names.map((n) => (hostOf.has(n) && !n.includes(':') ? `${n} (${hostOf.get(n)})` : n))];
}

/** The phases as one Gantt row, red when one failed. */
function phaseSeries(protocol: ProtocolReport, end: number) {
  return {
    type: 'custom',
    name: 'phases',
    renderItem: 'gantt',
    tooltipKind: 'item',
    itemStyle: { color: PHASE_COLORS.perform },
    encode: { x: [1, 2], y: 0 },
    labels: protocol.phases.map((p) => `${p.phase}${p.cancelled ? ' (cancelled)' : ''}`),
    data: protocol.phases.map((p) => ({
      name: `${p.phase}${p.cancelled ? ' (cancelled)' : ''}${p.ok === false ? ': failed' : ''}`,
      value: [0, p.start, p.end ?? end],
      itemStyle: { color: p.ok === false ? FAILED_COLOR : (PHASE_COLORS[p.phase] ?? '#95a5a6') },
    })),
  };
}

/** One arrow series per family of messages that arrived, then the lost ones as short dashed stubs. */
function messageSeries(protocol: ProtocolReport, names: readonly string[], span: number): object[] {
  const row = (name: string) => names.indexOf(name) + 1;
  const lines = (family: (typeof FAMILIES)[number]) => ({
    type: 'lines',
    name: family.name,
    coordinateSystem: 'cartesian2d',
    clip: true,
    symbol: ['none', 'arrow'],
    symbolSize: 6,
    lineStyle: { color: family.color, width: family.name === 'keep-alive' ? 0.8 : 1.4, opacity: 0.9 },
    data: protocol.messages
      .filter((msg) => family.match(msg.kind) && msg.received !== undefined)
      .map((msg) => ({
        name: msg.kind,
        coords: [
          [msg.sent, row(msg.from)],
          [msg.received, row(msg.to)],
        ],
      })),
  });
  const lost = {
    type: 'lines',
    name: 'lost',
    coordinateSystem: 'cartesian2d',
    clip: true,
    symbol: ['none', 'circle'],
    symbolSize: 5,
    lineStyle: { color: FAILED_COLOR, width: 1.2, type: 'dashed' },
    data: protocol.messages
      .filter((msg) => msg.received === undefined)
      .map((msg) => ({
        name: `${msg.kind} (${msg.lost ? 'lost' : 'never arrived'})`,
        coords: [
          [msg.sent, row(msg.from)],
          [msg.sent + span * 0.01, (row(msg.from) + row(msg.to)) / 2],
        ],
      })),
  };
  return [...FAMILIES.map(lines), lost];
}
