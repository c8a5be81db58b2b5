// The RunReport of real migrations (QEMU over QMP), so that report.html, report.json, the CSVs and the Paje trace show
// a real run as they show a simulated one. Times are wall-clock seconds from the start of the run; the hosts are QEMU
// processes on one machine (no energy, no CPU series); the link is loopback, its load read from QEMU's counters.
import type { RealMigrationResult } from '../../drivers/index.ts';
import {
  type LogLine,
  migrationReport,
  type RealRunInfo,
  type RunReport,
  type StepError,
  type TimelineInterval,
  type UsageSeries,
} from '../../report/index.ts';

export interface RealRunInput {
  /** Each on the run's clock (see `shiftRealResult`), in the order they started. */
  migrations: RealMigrationResult[];
  /** Every host named (a QEMU process stands for each one during a migration). */
  hosts: string[];
  /** Every VM, where it was first and its RAM. */
  vms: { name: string; firstHost: string; ramBytes: number }[];
  endTime: number;
  startedAtEpochMs: number;
  scenario?: RunReport['scenario'];
  log?: LogLine[];
  stepErrors?: StepError[];
}

export function realRunReport(input: RealRunInput): RunReport {
  const { migrations, endTime } = input;
  const first = migrations[0];
  const real: RealRunInfo = {
    driver: 'qemu',
    startedAt: new Date(input.startedAtEpochMs).toISOString(),
    qemu: first?.qemu.versionText.split('\n')[0] ?? 'QEMU',
    accel: first?.qemu.accel ?? 'tcg',
  };
  const log = [...(input.log ?? []), ...migrations.flatMap(migrationLog)].sort((a, b) => a.time - b.time);
  return {
    endTime,
    migrations: migrations.map((result, i) => migrationReport({ ...result, id: i + 1 })),
    vms: input.vms.map((vm) => ({
      name: vm.name,
      host: placeAtEnd(vm.name, vm.firstHost, migrations),
      state: 'running',
      cores: 1,
      ramBytes: vm.ramBytes,
      firstHost: vm.firstHost,
      createdAt: 0,
    })),
    hosts: input.hosts.map((name) => ({ name, energyJ: 0, on: true })),
    ...(input.scenario === undefined ? {} : { scenario: input.scenario }),
    real,
    stepErrors: input.stepErrors ?? [],
    timeline: input.vms.flatMap((vm) => vmTimeline(vm.name, vm.firstHost, migrations, endTime)),
    usage: { links: migrations.map(linkSeries), hosts: [] },
    log,
  };
}

/** One real migration alone (`livemig lab migrate`): its clock starts when `migrate` was sent. */
export function labMigrationReport(result: RealMigrationResult): RunReport {
  const end = Math.max(result.end ?? 0, result.stats.samples.at(-1)?.time ?? 0);
  return realRunReport({
    migrations: [result],
    hosts: [result.from, result.to],
    vms: [{ name: result.vm, firstHost: result.from, ramBytes: result.stats.totalBytes }],
    endTime: end,
    startedAtEpochMs: result.startedAtEpochMs,
    scenario: { name: `real migration of ${result.vm}` },
  });
}

function placeAtEnd(vm: string, host: string, migrations: readonly RealMigrationResult[]): string {
  let place = host;
  for (const m of migrations) if (m.vm === vm && m.outcome === 'completed') place = m.to;
  return place;
}

/** The VM's states: running where it is, migrating on the source, stopped for the switch-over, then on the
 * destination (still migrating there until a post-copy ends). */
function vmTimeline(
  vm: string,
  firstHost: string,
  migrations: readonly RealMigrationResult[],
  endTime: number,
): TimelineInterval[] {
  const intervals: TimelineInterval[] = [];
  const add = (host: string, state: string, start: number, end: number) => {
    if (end > start) intervals.push({ vm, host, state, start, end });
  };
  let host = firstHost;
  let since = 0;
  for (const m of migrations.filter((migration) => migration.vm === vm)) {
    const end = m.end ?? endTime;
    add(host, 'running', since, m.start);
    const stop = m.stats.sourceStopAtSec;
    const resume = m.stats.destinationResumeAtSec;
    if (m.outcome !== 'completed' || stop === undefined || resume === undefined) {
      add(m.from, 'migrating', m.start, end);
      since = end;
      continue;
    }
    add(m.from, 'migrating', m.start, stop);
    add(m.from, 'stop-and-copy', stop, resume);
    const postcopy = m.stats.statusHistory.some((change) => change.status === 'postcopy-active');
    if (postcopy) add(m.to, 'migrating', resume, end);
    host = m.to;
    since = postcopy ? end : resume;
  }
  add(host, 'running', since, endTime);
  return intervals;
}

/** Bytes/s on the loopback path between two polls, from QEMU's ram.transferred. */
function linkSeries(m: RealMigrationResult): UsageSeries {
  const points: [number, number][] = [];
  let before = { time: m.start, bytes: 0 };
  for (const sample of m.stats.samples) {
    const dt = sample.time - before.time;
    if (dt > 0) points.push([before.time, Math.max(0, sample.transferredBytes - before.bytes) / dt]);
    before = { time: sample.time, bytes: sample.transferredBytes };
  }
  points.push([before.time, 0]);
  const capacity = Math.max(1, ...points.map(([, value]) => value));
  return { name: `loopback ${m.from} → ${m.to} (migration ${m.vm})`, capacity, points };
}

function migrationLog(m: RealMigrationResult): LogLine[] {
  const line = (time: number, message: string): LogLine => ({ time, actor: 'qemu', host: m.from, message });
  const lines = [
    ...m.stats.qemuStatusHistory.map((change) => line(change.time, `${m.vm}: QEMU migration status ${change.status}`)),
    ...m.operatorActions.map((action) => line(action.time, `${m.vm}: operator ${action.action}`)),
  ];
  const check = m.guest.destination ?? m.guest.source;
  if (check !== undefined) {
    const text =
      'verdict' in check ? `memory check on ${m.to}: ${check.detail}` : `source VM ${check.runState ?? 'gone'}`;
    lines.push(line(m.end ?? m.start, `${m.vm}: ${text}`));
  }
  return lines;
}
