// How a failed migration leaves things: what becomes of the VM given its fate (run-phase.ts decides which), the
// text of the error, and the refusal of a cancel that would lose the VM.
import { LivemigError } from '../../core/index.ts';
import type { MigrationRun } from './migration-run.ts';
import type { VmFate } from './run-phase.ts';

export type FailureCode = 'migration-failed' | 'migration-aborted';

/** The VM meets `fate`: destroyed, left as it is on the destination, or running (or held paused) on the source. */
export function settleVm(run: MigrationRun, fate: VmFate): void {
  const vm = run.vm;
  if (fate === 'destroy') {
    if (!vm.isReleased) vm.destroy();
  } else if (fate !== 'keep' && !vm.isReleased && vm.state === 'migrating') {
    // Past completion, the source's copy stays paused for the caller to resume (libvirt's Confirm).
    if (!(fate === 'hold-on-source' && run.settings.holdSourceAfterCompletion)) vm.pauseForMigration(false);
    vm.setThrottle(0);
    run.dirty.stop(run.now);
    vm.apply('migration-failed');
  }
}

export function failureText(run: MigrationRun, code: FailureCode, reason: string): string {
  const verb = code === 'migration-aborted' ? 'was aborted' : 'failed';
  return `Migration of VM "${run.vm.name}" from "${run.source.name}" to "${run.destination.name}" ${verb} at ${run.engine.now} s: ${reason}.`;
}

/** QEMU's migrate_cancel refused: the VM runs, or may run, on the destination with pages on the source. */
export function cancelRefused(run: MigrationRun): LivemigError {
  return new LivemigError(
    'invalid-state',
    `Cannot cancel the migration of VM "${run.vm.name}" to "${run.destination.name}": it is in post-copy ` +
      '(the VM runs on the destination and still needs pages from the source). Wait for its end.',
    { details: { vm: run.vm.name, command: 'cancel' } },
  );
}
