// The receiver of a migration, an actor on the destination: it takes the rounds' data (one receive per stream), waits
// for the last transfer, lets the before-resume hook have its word, resumes the VM there (or runs post-copy's
// receiving side), and acknowledges to the caller.
import { errorMessage, isLivemigError } from '../../core/index.ts';
import { ActivityHandle, type ActorContext, type CommHandle } from '../../kernel/index.ts';
import type { MigrationRun } from './migration-run.ts';
import { hasLanded } from './run-phase.ts';
import { ACK_PAYLOAD, type MigrationPayload } from './transfer.ts';

export class MigrationReceiver {
  constructor(private readonly run: MigrationRun) {}

  async receive(ctx: ActorContext): Promise<void> {
    const run = this.run;
    try {
      await this.receiveAll(ctx);
    } catch (error) {
      if (run.isOver || ctx.actor.killed) return;
      if (hasLanded(run.phase)) return run.complete();
      run.fail('migration-failed', `a transfer from "${run.source.name}" failed (${errorMessage(error)})`);
    }
  }

  private async receiveAll(ctx: ActorContext): Promise<void> {
    const run = this.run;
    await this.takeData(ctx);
    if (run.sender.lastTransferPending) {
      // The bytes are there, but the sender still works on them (its CPU cost per byte): wait for it.
      await new ActivityHandle(run.sender.finalSent, ctx).wait();
    }
    if (!(await this.mayResume(ctx))) return;
    const postCopy = run.postCopy;
    if (postCopy !== undefined) {
      await postCopy.receive(ctx);
    } else {
      this.resumeAtDestination();
    }
    if (run.issuer.isAlive() && !run.issuer.killed && !run.issuerGone) {
      await ctx.mailbox(run.controlMailbox).put(ACK_PAYLOAD, 0);
    } else {
      run.complete(); // the issuer died (with its host, or with the failed source): nobody else will
    }
  }

  /** Takes the rounds' data until every part of the last transfer arrived. */
  private async takeData(ctx: ActorContext): Promise<void> {
    const box = ctx.mailbox(this.run.dataMailbox);
    // One receive per stream, so that parallel streams flow in parallel.
    const gets = Array.from({ length: this.run.settings.streams }, () => box.getAsync<MigrationPayload>());
    let finals = 0;
    for (;;) {
      let index: number;
      try {
        if (gets.length === 1) {
          await (gets[0] as CommHandle<MigrationPayload>).wait();
          index = 0;
        } else {
          index = await ctx.waitAny(gets);
        }
      } catch (error) {
        // A round cut by the sender (timeout, end of MPLM's live phase) is not an error for the receiver.
        if (!isLivemigError(error, 'cancelled') && !isLivemigError(error, 'timeout')) throw error;
        const cut = gets.findIndex((g) => g.state === 'canceled' || g.state === 'timeout');
        gets[cut < 0 ? 0 : cut] = box.getAsync<MigrationPayload>();
        continue;
      }
      const payload = (gets[index] as CommHandle<MigrationPayload>).activity.payload as MigrationPayload;
      if (payload.kind === 'final' && ++finals >= this.run.sender.finalParts) {
        for (const get of gets) if (get.state === 'waiting') get.cancel();
        return;
      }
      gets[index] = box.getAsync<MigrationPayload>();
    }
  }

  /** Every byte is there: the before-resume hook, if any, has its word; false when it refused (the run failed). */
  private async mayResume(ctx: ActorContext): Promise<boolean> {
    const run = this.run;
    run.raise('delivered');
    const hook = run.settings.beforeResume;
    if (hook === undefined) return true;
    try {
      await hook(ctx, run);
      return true;
    } catch (error) {
      if (ctx.actor.killed) throw error;
      const lost = run.phase === 'held' ? '; its source had failed, so the VM was lost' : '';
      run.fail('migration-aborted', `the destination refused to resume the VM: ${errorMessage(error)}${lost}`);
      return false;
    }
  }

  /** The destination has every page (or, in post-copy, the device state): the VM moves there and runs again. */
  resumeAtDestination(): void {
    const run = this.run;
    const vm = run.vm;
    if (vm.pm !== run.destination) vm.setPm(run.destination);
    vm.pauseForMigration(false);
    vm.setThrottle(0);
    if (run.postCopy === undefined) {
      run.dirty.stop(run.now);
      vm.apply('migration-completed');
      run.manager.untrackMigration(vm);
    }
    const downtime = run.pausedAt === undefined ? 0 : run.engine.now - run.pausedAt;
    run.record.downtimeSec = downtime;
    run.stats.downtimeSec = downtime;
    run.trace('vm.migration.switched-over', { downtimeSec: downtime });
    run.settings.onSwitchedOver?.(run);
    run.raise('resume');
  }
}
