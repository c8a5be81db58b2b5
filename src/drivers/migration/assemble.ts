// Putting a finished real migration together: the record (rounds, outcome, error) from what the driver observed,
// and the typed error a migration that did not complete is rejected with (the record in `details.result`).
import { type ErrorCode, LivemigError } from '../../core/index.ts';
import type { QemuManager } from '../qemu/qemu-manager.ts';
import type { AppliedConfiguration } from './configure.ts';
import type { MigrationDriver } from './drive.ts';
import type { MemoryCheck, SourceCheck } from './guest-check.ts';
import { achievedRate, type Heartbeat } from './heartbeats.ts';
import type { MigrationInfo } from './migration-info.ts';
import type { MigrationObserver } from './observer.ts';
import type { MigrationSettings } from './options.ts';
import { buildStats, outcomeOf, type RealMigrationResult } from './result.ts';
import { reconstructRounds } from './rounds.ts';

export interface FinishedMigration {
  names: { vm: string; from: string; to: string };
  settings: MigrationSettings;
  manager: QemuManager;
  configuration: AppliedConfiguration;
  observer: MigrationObserver;
  driver: MigrationDriver;
  final: MigrationInfo;
  bootSec: number;
  startedAtEpochMs: number;
  destinationCheck: MemoryCheck | undefined;
  sourceCheck: SourceCheck | undefined;
  logDir: string | undefined;
  /** The source guest's heartbeats, times since `migrate`. */
  heartbeats: Heartbeat[];
}

export function algorithmName(settings: MigrationSettings): string {
  if (settings.postcopy) return 'qemu-post-copy';
  return settings.autoConverge === undefined ? 'qemu-pre-copy' : 'qemu-pre-copy-auto-converge';
}

export function assembleResult(run: FinishedMigration): RealMigrationResult {
  const { observer, final, settings } = run;
  // QEMU drops the RAM statistics of a cancelled migration: keep the last ones seen.
  const info = final.totalBytes > 0 ? final : { ...(observer.latestWithRam ?? final), ...statusOnly(final) };
  const endAt = observer.statusHistory.at(-1)?.time ?? observer.now();
  const completed = final.status === 'completed';
  const postcopyAt = observer.statusHistory.find((change) => change.status === 'postcopy-active')?.time;
  const rounds = reconstructRounds({
    passTimes: observer.passTimes,
    transfers: observer.samples,
    stopAt: observer.sourceStopAt,
    postcopyAt,
    endAt,
    completed,
    finalTransferredBytes: info.transferredBytes,
    precopyBytes: info.precopyBytes,
    downtimeBytes: info.downtimeBytes,
    postcopyBytes: info.postcopyBytes,
    downtimeLimits: run.driver.live.downtimeLimits,
  });
  const outcome = outcomeOf(final.status, run.destinationCheck);
  const durationSec = completed && info.totalTimeSec !== undefined && info.totalTimeSec > 0 ? info.totalTimeSec : endAt;
  const history = { source: observer.statusHistory, destination: observer.destinationStatusHistory };
  const pause = { stopAt: observer.sourceStopAt, resumeAt: observer.destinationResumeAt };
  const sourceVm = run.manager.processes[0];
  return {
    id: 0,
    ...run.names,
    algorithm: algorithmName(settings),
    start: 0,
    end: durationSec,
    durationSec,
    downtimeSec: completed ? info.downtimeSec : undefined,
    bytesSent: info.transferredBytes,
    rounds,
    outcome,
    error: errorText(final, run),
    stats: buildStats(info, observer.samples, history, pause),
    guest: guestReport(run, observer.sourceStopAt ?? endAt),
    qemu: qemuReport(run),
    operatorActions: run.driver.actions,
    startedAtEpochMs: run.startedAtEpochMs,
    details: {
      qemu: run.manager.qemu.versionText,
      accel: run.manager.accelerator.accel,
      ramArgument: sourceVm?.spec.ram.argument,
      guestCheck: run.destinationCheck?.detail ?? run.sourceCheck?.runState,
    },
  };
}

/** What the source guest did: its writer, heartbeats, boot and memory checks. */
function guestReport(run: FinishedMigration, writerEndSec: number): RealMigrationResult['guest'] {
  return {
    workingSetMiB: run.settings.workingSetMiB,
    dirtyRatePagesPerSec: run.settings.guestRate,
    achievedDirtyRatePagesPerSec: achievedRate(run.heartbeats, 0, writerEndSec),
    heartbeats: run.heartbeats,
    bootSec: run.bootSec,
    destination: run.destinationCheck,
    source: run.sourceCheck,
  };
}

/** The QEMU that ran it: version, accelerator, RAM argument, what was configured over QMP. */
function qemuReport(run: FinishedMigration): RealMigrationResult['qemu'] {
  const sourceVm = run.manager.processes[0];
  return {
    versionText: run.manager.qemu.versionText,
    accel: run.manager.accelerator.accel,
    accelReason: run.manager.accelerator.reason,
    ramArgument: sourceVm?.spec.ram.argument ?? '',
    ramWorkaround: sourceVm?.spec.ram.workaround,
    capabilities: run.configuration.capabilities,
    parameters: run.configuration.parameters,
    logDir: run.logDir,
  };
}

function statusOnly(info: MigrationInfo): Partial<MigrationInfo> {
  return { status: info.status, errorDesc: info.errorDesc };
}

function errorText(final: MigrationInfo, run: FinishedMigration): string | undefined {
  if (run.destinationCheck?.verdict === 'failed') {
    return `The migration completed but the guest on the destination failed its memory check: ${run.destinationCheck.detail}`;
  }
  if (final.status === 'failed') return `QEMU reported the migration failed: ${final.errorDesc ?? 'no error-desc'}`;
  if (final.status !== 'cancelled') return undefined;
  const hookError = run.driver.hookError;
  switch (run.driver.abortReason) {
    case 'timeout':
      return `Cancelled: not over ${run.settings.timeoutSec} s after migrate (timeoutSec).`;
    case 'switchover-refused':
      return hookError === undefined
        ? 'Cancelled: beforeSwitchover refused the switch-over.'
        : `Cancelled: beforeSwitchover threw: ${(hookError as Error).message ?? String(hookError)}`;
    default:
      return 'Cancelled by the operator.';
  }
}

/** The error a migration that did not complete rejects with; `details.result` holds its record. */
export function migrationError(result: RealMigrationResult, abortReason: string | undefined): LivemigError {
  const code: ErrorCode =
    result.outcome === 'failed' ? 'migration-failed' : abortReason === 'timeout' ? 'timeout' : 'migration-aborted';
  const source = result.guest.source;
  const sourceState =
    source === undefined
      ? ''
      : ` The source VM is ${source.runState ?? 'gone'}${source.reporting ? ' and its guest still reports' : ''}.`;
  const message = `Real migration of "${result.vm}" from ${result.from} to ${result.to} did not complete: ${result.error ?? result.outcome}.${sourceState}`;
  return new LivemigError(code, message, { details: { result, outcome: result.outcome, reason: abortReason } });
}
