// The caller's side of a migration: the issuer waits for the destination's acknowledgement (or the run's end), then
// for both actors. Killed with its host while it waits, it dies and the migration goes on without it (SimGrid 3.32:
// only the acknowledgement is lost); an acknowledgement lost on the network after the VM landed still completes it.
import { errorMessage, LivemigError } from '../../core/index.ts';
import { ActivityHandle, type ActorContext } from '../../kernel/index.ts';
import type { MigrationRun } from './migration-run.ts';
import type { MigrationRecord } from './records.ts';
import { hasLanded } from './run-phase.ts';
import type { MigrationPayload } from './transfer.ts';

/** Waits, as the issuer of `ctx`, for the end of `run`; its record, or the error the caller gets. */
export async function awaitMigration(run: MigrationRun, ctx: ActorContext): Promise<MigrationRecord> {
  const ack = ctx.mailbox(run.controlMailbox).getAsync<MigrationPayload>();
  const failure = new ActivityHandle(run.done, ctx);
  try {
    await ctx.waitAny([ack, failure]);
  } catch (error) {
    if (ack.state === 'waiting' || ack.state === 'running' || ack.state === 'ready') ack.cancel();
    throw interrupted(run, ctx, error);
  }
  try {
    await ctx.join(run.tx as NonNullable<MigrationRun['tx']>);
    await ctx.join(run.rx as NonNullable<MigrationRun['rx']>);
  } catch (error) {
    throw interrupted(run, ctx, error);
  }
  if (run.done.error !== undefined) throw run.done.error;
  run.complete();
  return run.record;
}

/** The issuer's wait ended with an error; returns what it throws. A failed migration gives its own error. */
function interrupted(run: MigrationRun, ctx: ActorContext, error: unknown): unknown {
  if (ctx.actor.killed) {
    run.issuerKilled();
    if (hasLanded(run.phase)) run.complete();
    return error;
  }
  if (run.done.error !== undefined) return run.done.error;
  if (hasLanded(run.phase)) {
    run.complete();
    const { vm, source, destination } = run;
    return new LivemigError(
      'network-failure',
      `Migration of VM "${vm.name}" from "${source.name}" to "${destination.name}" completed at ` +
        `${run.engine.now} s (the VM runs on "${destination.name}"), but its acknowledgement was lost: ` +
        `${errorMessage(error)}`,
      { cause: error, details: { record: run.record } },
    );
  }
  run.fail('migration-failed', `the acknowledgement of the destination was lost (${errorMessage(error)})`);
  return run.done.error ?? error;
}
