// The record of a real migration, in the simulator's MigrationRecord shape (so one report shows both) plus QEMU's
// statistics, the guest checks and how QEMU was run. Times are seconds since `migrate` was sent.
import type { MigrationOutcome, MigrationRecord, MigrationStats, MigrationStatus } from '../../vm/index.ts';
import type { OperatorAction } from './drive.ts';
import type { MemoryCheck, SourceCheck } from './guest-check.ts';
import type { Heartbeat } from './heartbeats.ts';
import type { MigrationInfo } from './migration-info.ts';
import type { PollSample, StatusChange } from './observer.ts';

/** The simulator's MigrationStats (same names, same units), filled from QEMU's query-migrate, plus what only a real
 * run has. `statusHistory` keeps the statuses the simulator knows; `qemuStatusHistory` has every one (`cancelling`). */
export interface RealMigrationStats extends MigrationStats {
  qemuStatusHistory: StatusChange[];
  destinationStatusHistory: StatusChange[];
  /** Host-observed pause: the source's STOP event to the destination's RESUME event. */
  hostPauseSec: number | undefined;
  /** When the source's vCPUs stopped (STOP) and the destination's started (RESUME), seconds since `migrate`. */
  sourceStopAtSec: number | undefined;
  destinationResumeAtSec: number | undefined;
  /** Pages QEMU sent whole, and as zero-page markers (`normal`, `duplicate`), with the bytes of the whole ones. */
  normalPages: number;
  zeroPages: number;
  normalBytes: number;
  /** The largest dirty-pages-rate seen (QEMU counts unique pages per sync period). */
  maxDirtyPagesRate: number;
  /** The largest cpu-throttle-percentage seen (auto-converge). */
  maxThrottlePercent: number;
  /** Every poll, for plots. */
  samples: PollSample[];
}

export interface RealGuestReport {
  workingSetMiB: number;
  /** The dirtier's rate in pages/s; -1 = as fast as it can. */
  dirtyRatePagesPerSec: number;
  /** Pages/s the dirtier actually wrote while the migration was live (from its heartbeats; see heartbeats.ts). */
  achievedDirtyRatePagesPerSec: number | undefined;
  /** The source guest's heartbeats, times since `migrate`. */
  heartbeats: Heartbeat[];
  /** From spawning the source QEMU to the guest's first report. */
  bootSec: number;
  /** The memory check on the destination, after a completed migration. */
  destination: MemoryCheck | undefined;
  /** The source after a migration that did not complete. */
  source: SourceCheck | undefined;
}

export interface RealQemuReport {
  versionText: string;
  accel: 'tcg' | 'kvm';
  accelReason: string;
  /** The `-m` argument and, when changed, why (QEMU < 9.0 TCG dirty-tracking bug). */
  ramArgument: string;
  ramWorkaround: string | undefined;
  capabilities: string[];
  /** query-migrate-parameters of the source before `migrate` (QEMU's units). */
  parameters: Record<string, unknown>;
  /** Where the console and stderr logs were kept, when asked for. */
  logDir: string | undefined;
}

export interface RealMigrationResult extends MigrationRecord {
  stats: RealMigrationStats;
  guest: RealGuestReport;
  qemu: RealQemuReport;
  operatorActions: OperatorAction[];
  /** When `migrate` was sent, in milliseconds since the Unix epoch. */
  startedAtEpochMs: number;
}

export function outcomeOf(status: string, guestCheck: MemoryCheck | undefined): MigrationOutcome {
  if (status === 'completed') return guestCheck?.verdict === 'failed' ? 'failed' : 'completed';
  return status === 'cancelled' ? 'aborted' : 'failed';
}

const SIMULATOR_STATUSES: ReadonlySet<string> = new Set<MigrationStatus>([
  'setup',
  'active',
  'pre-switchover',
  'device',
  'postcopy-active',
  'completed',
  'failed',
  'cancelled',
]);

export function buildStats(
  info: MigrationInfo,
  samples: PollSample[],
  history: { source: StatusChange[]; destination: StatusChange[] },
  pause: { stopAt: number | undefined; resumeAt: number | undefined },
): RealMigrationStats {
  const live = samples.filter((sample) => sample.status === 'active' || sample.status === 'postcopy-active');
  const expected = live.map((sample) => sample.expectedDowntimeSec).filter((value) => value !== undefined);
  const rates = samples.map((sample) => sample.dirtyPagesRate).filter((rate) => rate > 0);
  const throttles = samples.map((sample) => sample.throttlePercent ?? 0);
  const known = history.source.filter((change) => SIMULATOR_STATUSES.has(change.status));
  return {
    statusHistory: known.map((change) => ({ status: change.status as MigrationStatus, time: change.time })),
    qemuStatusHistory: history.source,
    destinationStatusHistory: history.destination,
    totalTimeSec: info.totalTimeSec,
    setupTimeSec: info.setupTimeSec,
    downtimeSec: info.downtimeSec,
    hostPauseSec:
      pause.stopAt !== undefined && pause.resumeAt !== undefined ? pause.resumeAt - pause.stopAt : undefined,
    sourceStopAtSec: pause.stopAt,
    destinationResumeAtSec: pause.resumeAt,
    normalPages: info.normalPages,
    zeroPages: info.zeroPages,
    normalBytes: info.normalBytes,
    expectedDowntimeSec: expected.at(-1),
    transferredBytes: info.transferredBytes,
    remainingBytes: info.remainingBytes,
    totalBytes: info.totalBytes,
    dirtySyncCount: info.dirtySyncCount,
    dirtyPagesRate: rates.at(-1) ?? 0,
    maxDirtyPagesRate: Math.max(0, ...rates),
    throttlePercent: throttles.at(-1) ?? 0,
    maxThrottlePercent: Math.max(0, ...throttles),
    precopyBytes: info.precopyBytes,
    downtimeBytes: info.downtimeBytes,
    postcopyBytes: info.postcopyBytes,
    postcopyRequests: info.postcopyRequests,
    pageSizeBytes: info.pageSizeBytes,
    samples,
  };
}
