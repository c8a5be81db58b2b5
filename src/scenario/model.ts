// A validated scenario, units resolved to numbers: what loadScenario returns and runScenario plays. Every part keeps
// where it was written (`where`), so that a failing step can be reported with its path and file:line:col.

import type { PlanPolicies, PowerSpec, UtilizationTrace } from '../consolidation/index.ts';
import type { ControlFault, PhasedMigrateOptions } from '../control/index.ts';
import type { Issue, SourceLocation } from '../core/index.ts';
import type { PlatformDescription } from '../platform/index.ts';
import type { DirtyModelSpec, MigrateOptions, MigrationParameters } from '../vm/index.ts';
import type { Draw } from './random/draw-values.ts';
import type { TimeProcess } from './random/time-process.ts';

export type NetworkModelChoice = 'LV08' | 'CM02' | 'constant';
/** What runs the migrations: the name of a runner in livemig's registry (src/runners/), e.g. the simulator, or real
 * QEMU (lab guests on this machine); scenario files may name those of SCENARIO_DRIVERS. */
export type ScenarioDriver = string;
export type VmCommand = 'start' | 'suspend' | 'resume' | 'shutdown' | 'destroy' | 'save' | 'restore';
/** Operator commands to a migration in progress. */
export type MigrationCommand = 'extendLive' | 'endLive' | 'switchover' | 'startPostcopy' | 'cancel';
/** Faults injected into the control plane. */
export type ControlFaultCommand = 'bridgeFault' | 'agentFault' | 'databaseFault' | 'loseMessages';
export type OnError = 'continue' | 'stop';

/** Where a part of the scenario was written: `actors[1].steps[0]` and file:line:col (undefined for objects). */
export interface Where {
  path: string;
  location: SourceLocation | undefined;
}

/** What a step or an event does, shared by both where they have the same key. */
export type CommonAction =
  | { kind: VmCommand; vm: string }
  | { kind: MigrationCommand; vm: string }
  | { kind: 'setBound'; vm: string; boundFlopsPerSec: number }
  | { kind: 'setProperty'; vm: string; name: string; value: string | undefined }
  | { kind: 'turnOff' | 'turnOn'; host: string }
  | { kind: 'turnOffLink' | 'turnOnLink'; link: string }
  | { kind: 'setPstate'; host: string; pstate: number }
  | { kind: ControlFaultCommand; fault: ControlFault }
  | { kind: 'log'; message: string };

export type StepAction =
  | CommonAction
  | {
      kind: 'execute';
      flops: number;
      priority: number | undefined;
      boundFlopsPerSec: number | undefined;
      cores: number | undefined;
      /** Runs in the background under this name (a later `wait` step waits for it). */
      background: string | undefined;
    }
  | { kind: 'wait'; background: string }
  | { kind: 'sleep'; durationSec: number }
  | { kind: 'send'; mailbox: string; bytes: number; async: boolean; rateBytesPerSec: number | undefined }
  | { kind: 'receive'; mailbox: string; timeoutSec: number | undefined }
  | { kind: 'migrate'; vm: string; to: string; options: MigrateOptions | PhasedMigrateOptions }
  | { kind: 'repeat'; times: number; everySec: TimeProcess | undefined; steps: Step[] };

export type Step = StepAction & {
  /** Overrides the actor's `onError` for this step. */
  onError: OnError | undefined;
  where: Where;
};

export interface ScenarioEvent {
  atSec: number;
  action: CommonAction;
  where: Where;
}

export interface VmSpec {
  name: string;
  /** Its physical host at time 0. */
  host: string;
  cores: number;
  ramBytes: number;
  /** Started at time 0. */
  start: boolean;
  boundFlopsPerSec: number | undefined;
  /** SimGrid's live-migration parameters (undefined: createVm's defaults, no dirty-page tracking). */
  migration: MigrationParameters | undefined;
  /** How it dirties memory (undefined: SimGrid's flops model). A trace read from a file has its `points` filled by
   * the checks (`traceFile` says which file). */
  dirty: (DirtyModelSpec & { traceFile?: string }) | undefined;
  /** Its properties (`vm.property(name)`). */
  properties: Readonly<Record<string, string>>;
  /** `dirty: {model: utilization}`: bytes/s per vCPU at 100 %; the dirty trace follows the workload. */
  dirtyRatePerCoreBytesPerSec?: number;
  /** Its CPU demand over time (consolidation). */
  workload?: WorkloadSpec;
  where: Where;
}

/** A utilization trace: from a file or inline percentages; `trace` is filled by the checks. */
export interface WorkloadSpec {
  traceFile: string | undefined;
  utilizationPercent: number[] | undefined;
  intervalSec: number;
  trace: UtilizationTrace | undefined;
}

/** A host's power figures, and its RAM when given (placement respects it). */
export interface HostPowerSpec {
  name: string;
  power: PowerSpec | undefined;
  ramBytes: number | undefined;
  where: Where;
}

export interface ConsolidationSpec {
  /** undefined: `consolidation: none`, the baseline without migrations. */
  policies: PlanPolicies | undefined;
  intervalSec: number;
  durationSec: number | undefined;
  migrate: MigrateOptions | PhasedMigrateOptions;
  maxConcurrentPerHost: number;
  switchOffIdle: boolean;
  where: Where;
}

export interface HostMemorySpec {
  name: string;
  ramBytes: number;
  overcommit: boolean;
  where: Where;
}

/** A VDP bridge: the host it runs on, the hosts attached to it, its timers. */
export interface BridgeSpec {
  name: string;
  stations: string[];
  processingSec: number | undefined;
  resourceWaitSec: number | undefined;
  keepAliveExpirySec: number | undefined;
  where: Where;
}

export interface ActorSpec {
  name: string;
  /** A host or a VM. */
  host: string;
  daemon: boolean;
  onError: OnError;
  steps: Step[];
  where: Where;
}

/** Random host failures (`failures:`): a fixed mean is the mean of an exponential draw. */
export interface FailureSpec {
  hosts: string[];
  upSec: TimeProcess;
  repairSec: TimeProcess;
  where: Where;
}

export interface Scenario {
  /** The scenario file (or `<inline>`). */
  file: string;
  name: string | undefined;
  description: string | undefined;
  platform: PlatformDescription;
  network: NetworkModelChoice;
  /** With the constant network model: how long every transfer lasts (undefined: 13.01 s, as SimGrid). */
  constantTransferTimeSec: number | undefined;
  driver: ScenarioDriver;
  seed: number;
  untilSec: number | undefined;
  hosts: HostMemorySpec[];
  bridges: BridgeSpec[];
  vms: VmSpec[];
  actors: ActorSpec[];
  events: ScenarioEvent[];
  failures?: FailureSpec;
  /** The values drawn from the scenario's distributions for its seed, in document order (none: no distribution). */
  draws?: Draw[];
  /** What still works but should change, with file:line:col: keys written with an old spelling. */
  warnings: Issue[];
  /** Hosts' power and RAM for consolidation (every `hosts` entry). */
  hostPower?: HostPowerSpec[];
  consolidation?: ConsolidationSpec;
}
