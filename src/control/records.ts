// What a phased migration leaves behind, beside the memory copy's MigrationRecord: its phases, every control-plane
// message (RPC, VDP, PUSH/PULL) with its dates, the outcome of each feature, the libvirt-like job statistics, and,
// when it failed, which phase failed and why.
import type { PhaseName } from './protocol.ts';

/** Why a phase failed, as a closed set (the message says more). */
export type FailureReason =
  /** A feature marked required failed (its name is in `feature`). */
  | 'feature-failed'
  /** The destination lacks memory (over-commitment forbidden) or is off. */
  | 'no-resources'
  /** Begin's checks refused the migration (VM not running, destination off…). */
  | 'refused'
  /** A request got no answer before its timer expired. */
  | 'timeout'
  /** A keep-alive connection closed: the host or the link to it failed. */
  | 'connection-lost'
  /** The memory copy failed (a transfer, a host). */
  | 'copy-failed'
  /** The controller's host failed. */
  | 'controller-lost'
  /** The VM was lost (post-copy without its source, or the host it ran on failed). */
  | 'vm-lost';

export interface PhaseRecord {
  phase: PhaseName;
  /** Finish and Confirm of a rolled-back migration (the destination's copy killed, the source resumed). */
  cancelled: boolean;
  start: number;
  end: number | undefined;
  ok: boolean | undefined;
}

export interface MessageRecord {
  /** Dot-namespaced kind: `rpc.prepare`, `rpc.prepare.reply`, `vdp.associate`, `state.push`, … */
  kind: string;
  /** Endpoints: `controller`, `source`, `destination`, `bridge:<host>`, `database:<host>`. */
  from: string;
  to: string;
  fromHost: string;
  toHost: string;
  bytes: number;
  sent: number;
  /** When it arrived; undefined when it never did. */
  received: number | undefined;
  /** Dropped on purpose (an injected loss). */
  lost: boolean;
}

export type FeatureStep = 'begin' | 'prepare' | 'stopped' | 'commit' | 'rollback' | 'release';

export interface FeatureStepRecord {
  step: FeatureStep;
  start: number;
  end: number;
  ok: boolean;
  error: string | undefined;
}

export interface FeatureRecord {
  name: string;
  required: boolean;
  outcome: 'pending' | 'ok' | 'failed' | 'rolled-back';
  steps: FeatureStepRecord[];
  /** Seconds the VM stayed paused because of this feature (waiting in Finish). */
  extraDowntimeSec: number;
  /** Feature-specific figures (dynamic state: policy, gap without the state, …). */
  details: Record<string, number | string | boolean>;
}

/** libvirt's virDomainGetJobStats keys that make sense here (docs/control-plane.md says how each is measured). */
export interface JobStats {
  /** `time_elapsed`: from Begin to the end of Confirm. */
  timeElapsedSec: number;
  /** `downtime`: from the pause on the source to the resume (on the destination, or back on the source). */
  downtimeSec: number | undefined;
  /** Part of the downtime spent moving the last memory (pause → last byte at the destination). */
  copyDowntimeSec: number | undefined;
  /** Part of the downtime spent handing over (last byte → resume): Finish, port association, dynamic state. */
  handoverSec: number | undefined;
  /** `setup_time`: from Begin to the first byte of memory sent. */
  setupTimeSec: number | undefined;
  dataTotalBytes: number;
  dataProcessedBytes: number;
  dataRemainingBytes: number;
  /** `memory_dirty_rate`, pages per second over the last sync period. */
  memoryDirtyRatePagesPerSec: number;
  /** `memory_iteration`: passes over memory (rounds before the stop-and-copy). */
  memoryIterations: number;
  /** `memory_bps`: bytes of memory sent per second of copy. */
  memoryBytesPerSec: number;
  /** Control-plane messages and their bytes (keep-alives included) until the migration concluded. */
  messages: number;
  messageBytes: number;
}

export interface ProtocolRecord {
  /** The id of the migration's MigrationRecord. */
  migration: number;
  vm: string;
  from: string;
  to: string;
  controller: string;
  start: number;
  end: number | undefined;
  outcome: 'running' | 'completed' | 'failed';
  /** The first phase that failed, and why (also kept when the migration completed anyway, as a warning). */
  failedPhase: PhaseName | undefined;
  reason: FailureReason | undefined;
  error: string | undefined;
  warnings: string[];
  phases: PhaseRecord[];
  messages: MessageRecord[];
  features: FeatureRecord[];
  jobStats: JobStats | undefined;
}
