// What one run leaves behind, in the shape of report.json (a contract other tools read: extend it, never rename).
import type { ConsolidationReport } from '../consolidation/index.ts';
import type { ProtocolReport } from './protocol-report.ts';

export type MigrationOutcome = 'completed' | 'failed' | 'aborted';

export interface RoundReport {
  /** 1 = whole memory, 2 = a pre-copy round, 3 = stop-and-copy, 4 = post-copy. */
  stage: number;
  /** Index of the round among the rounds of its stage, from 0. */
  index?: number;
  start: number;
  end: number;
  bytes: number;
  /** Measured throughput of the round, bytes/s. */
  bandwidth: number;
  /** Stop-and-copy threshold after the round (bytes), if the algorithm has one. */
  threshold?: number;
}

export interface MigrationReport {
  id: number;
  vm: string;
  from: string;
  to: string;
  algorithm: string;
  start: number;
  end?: number;
  durationSec?: number;
  downtimeSec?: number;
  bytesSent: number;
  rounds: RoundReport[];
  outcome: MigrationOutcome | 'running';
  error?: string;
  /** query-migrate-like statistics (status history, bytes per phase, dirty syncs…), when recorded. */
  stats?: Record<string, unknown>;
  /** Algorithm-specific details (e.g. a per-epoch table), when the algorithm gives some. */
  details?: Record<string, unknown>;
  /** A phased migration's protocol: phases, messages, features, job statistics (docs/control-plane.md). */
  protocol?: ProtocolReport;
}

export interface VmReport {
  name: string;
  /** The physical machine it is on at the end. */
  host: string;
  state: string;
  cores?: number;
  ramBytes?: number;
  /** Where it was created, and when (seconds). */
  firstHost?: string;
  createdAt?: number;
  /** Its properties at the end, sorted by name (absent when it has none). */
  properties?: Record<string, string>;
}

export interface HostReport {
  name: string;
  energyJ: number;
  cores?: number;
  /** Speed of one core at the end of the run, flop/s. */
  speedFlops?: number;
  /** Whether it is on at the end. */
  on?: boolean;
  /** Periods the host was turned off (an end of `endTime` means off until the end). */
  offPeriods?: { start: number; end: number }[];
}

export interface LogLine {
  time: number;
  actor: string;
  host: string;
  message: string;
  /** Actor id (0 for the maestro), as in SimGrid's log lines. */
  pid?: number;
}

/** A VM in one state on one host from `start` to `end`. States are the VM life-cycle states (created, running,
 * suspended, migrating, destroyed) plus `stop-and-copy`: the end of a migration, when the VM is paused. */
export interface TimelineInterval {
  vm: string;
  host: string;
  state: string;
  start: number;
  end: number;
}

/** A piecewise-constant series: `points[i] = [time, value]` holds until the next point. */
export interface UsageSeries {
  name: string;
  /** Capacity (bytes/s for links, flop/s for hosts), to read the value as a fraction (the largest seen). */
  capacity: number;
  /** The last point holds until `RunReport.endTime`. */
  points: [number, number][];
  /** Set when points were merged to bound their number (see docs/reports.md): values are then time averages. */
  merged?: boolean;
}

export interface StepError {
  time: number;
  actor: string;
  host: string;
  step: string;
  code: string;
  message: string;
}

/** Set when the run was real (a driver other than the simulator ran it): times are wall-clock seconds. */
export interface RealRunInfo {
  /** The driver that ran it (a scenario's `driver`). */
  driver: string;
  /** ISO date-time of the start of the run. */
  startedAt: string;
  /** What the driver says of what ran the migrations (e.g. a hypervisor's version line and accelerator), in the
   * order the report shows them; docs/reports.md lists each driver's. */
  [fact: string]: string;
}

export interface RunReport {
  /** Version of this contract (absent before 1). */
  formatVersion?: number;
  endTime: number;
  migrations: MigrationReport[];
  vms: VmReport[];
  hosts: HostReport[];
  log: LogLine[];
  /** Where the run came from (scenario file, seed, network model), when known. */
  scenario?: { file?: string; seed?: number; network?: string; name?: string };
  /** Every value drawn from the scenario's distributions for its seed (path, value in base units, date if drawn
   * during the run); absent when the scenario has none. */
  draws?: { path: string; value: unknown; time?: number }[];
  /** A real run, not a simulation. */
  real?: RealRunInfo;
  /** Failing scenario steps (typed errors), in time order. */
  stepErrors: StepError[];
  /** Every VM's states on its hosts over time. */
  timeline: TimelineInterval[];
  /** Load over time of the links and host processors that were used. */
  usage: { links: UsageSeries[]; hosts: UsageSeries[] };
  /** Log lines left out of `log` (past the recorder's `maxLogLines`). */
  droppedLogLines?: number;
  /** Energy and SLA figures of a consolidation run (docs/consolidation.md). */
  consolidation?: ConsolidationReport;
}
