// The end of a phased migration as its caller learns it: the outcome written into both records, the job statistics,
// and the caller woken with the record, or with a typed error naming the phase that failed (`prepare-failed`, …),
// why, and where the VM is.
import { type ErrorCode, LivemigError, readableTime } from '../core/index.ts';
import { jobStats } from './job-stats.ts';
import type { Failure, PhasedMigration } from './phased-migration.ts';

export function concludeMigration(
  m: PhasedMigration,
  outcome: 'completed' | 'failed',
  failure: Failure | undefined,
): void {
  if (m.concluded) return;
  m.concluded = true;
  const now = m.now;
  const { protocol, record, vm } = m;
  let final = outcome;
  let cause = failure;
  if (m.vmLost) {
    final = 'failed';
    cause = failure ?? { phase: 'confirm', reason: 'vm-lost', error: `VM "${vm.name}" was lost` };
  }
  protocol.end = now;
  protocol.outcome = final;
  for (const feature of protocol.features) {
    if (feature.outcome === 'pending' && feature.steps.length > 0 && feature.steps.every((s) => s.ok))
      feature.outcome = 'ok';
  }
  if (final === 'completed' && cause !== undefined) m.warn(`${cause.phase}: ${cause.error}`);
  record.end = now;
  record.durationSec = now - record.start;
  protocol.jobStats = jobStats(record, protocol, m);
  // A rolled-back migration paused the VM too, until Confirm resumed it on the source.
  record.downtimeSec ??= protocol.jobStats.downtimeSec;
  m.trace('control.concluded', { outcome: final, phase: cause?.phase });
  m.onConcluded?.();
  if (final === 'completed' || cause === undefined) {
    record.outcome = 'completed';
    record.error = undefined;
    m.done.succeed(record);
    return;
  }
  protocol.failedPhase = cause.phase;
  protocol.reason = cause.reason;
  protocol.error = cause.error;
  const text =
    `Phased migration of VM "${vm.name}" from "${m.source.name}" to "${m.destination.name}" failed in ` +
    `${cause.phase} at ${readableTime(now)}: ${cause.error.replace(/\.+$/, '')}. ${whereIsTheVm(m, cause.reason)}`;
  record.outcome = 'failed';
  record.error = text;
  const code = `${cause.phase}-failed` as ErrorCode;
  m.done.fail(
    new LivemigError(code, text, { details: { phase: cause.phase, reason: cause.reason, record, protocol } }),
  );
}

function whereIsTheVm(m: PhasedMigration, reason: Failure['reason']): string {
  const vm = m.vm;
  if (reason === 'controller-lost' && m.vmLost) return 'The VM was lost.';
  if (reason === 'controller-lost' && !m.source.isOn()) {
    return (
      `The agents finish on their own, but the source "${m.source.name}" is off: the VM survives only if the ` +
      `destination resumes it (Finish ran); otherwise its copy on "${m.destination.name}" is destroyed and the VM is lost.`
    );
  }
  if (reason === 'controller-lost') {
    return 'The agents finish on their own: the destination destroys its copy unless Finish ran, the source then resumes the VM.';
  }
  if (m.vmLost) return 'The VM was lost.';
  const state = vm.pausedForMigration ? 'is paused' : 'runs';
  return `The VM ${state} on "${vm.pm.name}".`;
}
