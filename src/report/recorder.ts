// The Recorder: attached to a Simulation before it runs, it listens to the trace bus and the log, samples link
// and CPU usage at each time step, and turns everything into a RunReport (the report.json contract) at the end.
import { errorMessage, invalidArgument, isLivemigError } from '../core/index.ts';
import { internalsOf, type TraceEvent } from '../kernel/index.ts';
import type { Simulation } from '../simulation/index.ts';
import type { VirtualMachine } from '../vm/index.ts';
import { migrationReport } from './migration-report.ts';
import type { HostReport, LogLine, RunReport, StepError, VmReport } from './run-report.ts';
import { UsageSampler } from './usage-sampler.ts';
import { VmTimeline, type VmTrack } from './vm-timeline.ts';

export const REPORT_FORMAT_VERSION = 2;

export interface RecorderOptions {
  /** Where the run came from, copied into `report.scenario`. */
  scenario?: RunReport['scenario'];
  /** Sample the load of links and host processors (default true). */
  usage?: boolean;
  /** Most points kept per usage series (default 1000); past it, adjacent intervals are averaged pairwise. */
  maxPointsPerSeries?: number;
  /** Most log lines kept (default 100,000); the others are counted in `droppedLogLines`. */
  maxLogLines?: number;
}

/** A failing scenario step, as the scenario runner knows it; time, actor and host default to the current ones. */
export interface StepErrorInput {
  step: string;
  error: unknown;
  time?: number;
  actor?: string;
  host?: string;
}

export class Recorder {
  private readonly timeline = new VmTimeline();
  private readonly machines = new Map<string, VirtualMachine>();
  private readonly offSince = new Map<string, number>();
  private readonly offPeriods = new Map<string, { start: number; end: number }[]>();
  private readonly log: LogLine[] = [];
  private droppedLogLines = 0;
  private readonly stepErrors: StepError[] = [];
  private readonly sampler: UsageSampler | undefined;
  private readonly detachers: (() => void)[] = [];
  private readonly maxLogLines: number;
  private report: RunReport | undefined;

  constructor(
    readonly sim: Simulation,
    private readonly options: RecorderOptions = {},
  ) {
    this.maxLogLines = options.maxLogLines ?? 100_000;
    if (!(this.maxLogLines >= 0)) throw invalidArgument(`maxLogLines must be ≥ 0, not ${this.maxLogLines}.`);
    this.sampler = options.usage === false ? undefined : new UsageSampler(sim, options.maxPointsPerSeries ?? 1000);
    for (const vm of sim.vms.all) this.appeared(vm, sim.now);
    for (const host of sim.hosts) if (!host.isOn()) this.offSince.set(host.name, sim.now);
    this.listen();
  }

  /** Records a failing scenario step (a typed error keeps its code; anything else gets code "error"). */
  recordStepError(input: StepErrorInput): StepError {
    const current = internalsOf(this.sim.engine).current;
    const error = input.error;
    const entry: StepError = {
      time: input.time ?? this.sim.now,
      actor: input.actor ?? current?.name ?? 'maestro',
      host: input.host ?? current?.host.name ?? '',
      step: input.step,
      code: isLivemigError(error) ? error.code : 'error',
      message: errorMessage(error),
    };
    this.stepErrors.push(entry);
    return entry;
  }

  /** Stops listening and returns the report (the same object on later calls). */
  finish(): RunReport {
    if (this.report !== undefined) return this.report;
    for (const detach of this.detachers.splice(0)) detach();
    const endTime = this.sim.now;
    const tracks = this.timeline.finish(endTime);
    const scenario = this.options.scenario;
    this.report = {
      formatVersion: REPORT_FORMAT_VERSION,
      endTime,
      ...(scenario === undefined ? {} : { scenario: { ...scenario } }),
      migrations: this.sim.migrations.map((m) => migrationReport(m, this.sim.control.protocolOf(m))),
      vms: tracks.map((track) => this.vmReport(track)),
      hosts: this.hostReports(endTime),
      stepErrors: [...this.stepErrors].sort((a, b) => a.time - b.time),
      timeline: tracks.flatMap((track) => track.intervals),
      usage: this.sampler?.series() ?? { links: [], hosts: [] },
      log: this.log,
      ...(this.droppedLogLines > 0 ? { droppedLogLines: this.droppedLogLines } : {}),
    };
    return this.report;
  }

  private listen(): void {
    const on = (type: string, listener: (event: TraceEvent) => void) =>
      this.detachers.push(this.sim.trace.on(type, listener));
    on('vm.created', (e) => this.appeared(this.sim.vm(e.vm as string), e.time));
    on('vm.state-changed', (e) => {
      if (e.event === 'destroy') this.timeline.changed(e.vm as string, e.host as string, 'destroyed', e.time, true);
      else this.sync(e.vm as string, e.time);
    });
    // A VM stops for the stop-and-copy, moves, and runs again at the switch-over (still migrating in post-copy), or
    // back on its source when a phased migration rolled back after the copy.
    for (const type of ['vm.migration.paused', 'vm.moved', 'vm.migration.switched-over', 'vm.migration.resumed']) {
      on(type, (e) => this.sync(e.vm as string, e.time));
    }
    on('host.turned-off', (e) => this.offSince.set(e.host as string, e.time));
    on('host.turned-on', (e) => this.hostBackOn(e.host as string, e.time));
    const sampler = this.sampler;
    if (sampler !== undefined) on('time.advanced', (e) => sampler.stepEnded(e.time));
    this.detachers.push(
      this.sim.onLog((record) => {
        if (this.log.length >= this.maxLogLines) {
          this.droppedLogLines++;
          return;
        }
        const { time, actor, host, message, pid } = record;
        this.log.push({ time, actor, host, message, pid });
      }),
    );
  }

  private appeared(vm: VirtualMachine, time: number): void {
    this.machines.set(vm.name, vm);
    this.timeline.appeared(vm.name, vm.pm.name, timelineState(vm), time);
  }

  /** The VM's host and state now, as its object tells them. */
  private sync(name: string, time: number): void {
    const vm = this.machines.get(name);
    if (vm !== undefined && !vm.isReleased) this.timeline.changed(name, vm.pm.name, timelineState(vm), time);
  }

  private hostBackOn(host: string, time: number): void {
    const since = this.offSince.get(host);
    if (since === undefined) return;
    this.offSince.delete(host);
    const periods = this.offPeriods.get(host) ?? [];
    periods.push({ start: since, end: time });
    this.offPeriods.set(host, periods);
  }

  private vmReport(track: VmTrack): VmReport {
    const vm = this.machines.get(track.name);
    return {
      name: track.name,
      host: vm?.pm.name ?? track.host,
      state: vm === undefined ? track.state : vm.isReleased ? 'destroyed' : vm.state,
      ...(vm === undefined ? {} : { cores: vm.cores, ramBytes: vm.ramBytes }),
      firstHost: track.firstHost,
      createdAt: track.createdAt,
      ...(vm === undefined || Object.keys(vm.properties).length === 0 ? {} : { properties: { ...vm.properties } }),
    };
  }

  private hostReports(endTime: number): HostReport[] {
    const joules = new Map(this.sim.energy.summary().hosts.map((h) => [h.host, h.joules]));
    return this.sim.hosts.map((host) => {
      const periods = [...(this.offPeriods.get(host.name) ?? [])];
      const since = this.offSince.get(host.name);
      if (since !== undefined) periods.push({ start: since, end: endTime });
      return {
        name: host.name,
        energyJ: joules.get(host.name) ?? 0,
        cores: host.cores,
        speedFlops: host.speedFlops,
        on: host.isOn(),
        offPeriods: periods,
      };
    });
  }
}

/** A VM's state in the timeline: its life-cycle state, or `stop-and-copy` while a migration keeps it paused. */
function timelineState(vm: VirtualMachine): string {
  return vm.pausedForMigration ? 'stop-and-copy' : vm.state;
}
