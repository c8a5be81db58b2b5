// The destination's agent for one migration: Prepare (reserve the VM's memory and cores — the over-commit check
// applies — for its paused copy, and prepare the features), Finish (commit the features, then let the VM resume:
// the commit point; or, cancelled, destroy the copy and roll the features back). A destination that loses the
// controller before Finish destroys its copy (libvirt's auto-destroy). It tells the source what it did.
import type { ActorContext } from '../kernel/index.ts';
import { Agent, type Watched } from './agent.ts';
import { type Message, rpcBytes } from './messages.ts';
import type { Address } from './network.ts';
import type { PhasedMigration } from './phased-migration.ts';

type DestinationState = 'idle' | 'prepared' | 'committed' | 'destroyed';

export async function runDestinationAgent(ctx: ActorContext, m: PhasedMigration): Promise<void> {
  ctx.onExit(() => m.finishDecision.succeed('the destination agent ended'));
  await new DestinationAgent(ctx, m).run();
}

class DestinationAgent extends Agent {
  private state: DestinationState = 'idle';

  constructor(ctx: ActorContext, m: PhasedMigration) {
    super(ctx, m, 'destination');
  }

  protected override signals(): Watched[] {
    return [];
  }

  protected async request(message: Message, sender: Address): Promise<void> {
    if (message.kind === 'rpc.prepare') await this.prepare(message, sender);
    else if (message.kind === 'rpc.finish') {
      if (message.body.cancelled === true) await this.cancel(message, sender);
      else await this.finish(message, sender);
    }
  }

  private async prepare(message: Message, sender: Address): Promise<void> {
    if (this.state !== 'idle') return;
    const m = this.m;
    try {
      m.incoming = m.services.vms.reserve(m.vm, m.destination, 'incoming');
    } catch (error) {
      this.state = 'destroyed';
      return this.answer(message, sender, 'prepare', {
        ok: false,
        reason: 'no-resources',
        error: (error as Error).message,
      });
    }
    const failure = await this.features.run('prepare');
    if (failure !== undefined) {
      const error = `feature ${failure.feature}: ${failure.error}`;
      this.destroyCopy(error);
      this.answer(message, sender, 'prepare', { ok: false, reason: 'feature-failed', error });
      return await this.features.rollback();
    }
    this.state = 'prepared';
    this.answer(message, sender, 'prepare', { ok: true });
  }

  private async finish(message: Message, sender: Address): Promise<void> {
    const m = this.m;
    if (this.state !== 'prepared') {
      const error = this.state === 'committed' ? 'Finish came twice' : 'Finish came without a prepared copy';
      return this.answer(message, sender, 'finish', { ok: false, reason: 'refused', error });
    }
    if (m.dataComplete.state !== 'done') {
      return this.answer(message, sender, 'finish', {
        ok: false,
        reason: 'copy-failed',
        error: 'the memory is not all here',
      });
    }
    const fast = m.settings.fast;
    const failure = await this.features.run('commit', fast ? 'required' : 'all');
    if (failure !== undefined) {
      const error = `feature ${failure.feature}: ${failure.error}`;
      this.destroyCopy(error);
      this.answer(message, sender, 'finish', { ok: false, reason: 'feature-failed', error });
      return await this.features.rollback();
    }
    m.finishDecision.succeed('commit');
    await this.waitForEither();
    if (m.switchedOver.state !== 'done') {
      const error = m.copyEnded.value?.error?.message ?? 'the VM did not resume';
      this.destroyCopy(error);
      this.answer(message, sender, 'finish', { ok: false, reason: 'copy-failed', error });
      return await this.features.rollback();
    }
    this.state = 'committed';
    this.tellSource('committed');
    this.answer(message, sender, 'finish', { ok: true, postCopy: m.postCopy });
    // Fast mode: the optional features commit now that the VM runs here; a failure is reported, never rolled back.
    if (fast) await this.features.run('commit', 'optional');
  }

  /** Finish, cancelled: destroy the copy, unless the VM already runs here (then the migration completes). */
  private async cancel(message: Message, sender: Address): Promise<void> {
    if (this.state === 'committed') {
      const error = `the VM already runs on "${this.m.destination.name}"`;
      return this.answer(message, sender, 'finish', { ok: false, reason: 'refused', error });
    }
    const prepared = this.state === 'prepared';
    if (prepared) this.destroyCopy('the migration was cancelled');
    this.answer(message, sender, 'finish', { ok: true });
    if (prepared) await this.features.rollback();
  }

  /** Waits until the VM resumed here, or the copy ended without it. */
  private async waitForEither(): Promise<void> {
    const m = this.m;
    while (m.switchedOver.state !== 'done' && m.copyEnded.state !== 'done') {
      await this.endpoint.next({
        match: () => false,
        signals: [...this.once(m.switchedOver, () => undefined), ...this.once(m.copyEnded, () => undefined)].map(
          (w) => w.handle,
        ),
        deferLoss: true,
      });
    }
  }

  /** Kills the paused copy: the copy in progress fails (the source resumes its VM), the memory is given back and
   * the source is told. The caller answers, then rolls the features back. */
  private destroyCopy(why: string): void {
    const m = this.m;
    this.state = 'destroyed';
    m.finishDecision.succeed(why);
    if (m.dataComplete.state !== 'done')
      m.services.vms.abortMigration(m.vm, `the destination destroyed its copy: ${why}`);
    m.releaseIncoming();
    this.tellSource('destroyed');
  }

  private tellSource(status: 'committed' | 'destroyed'): void {
    const m = this.m;
    this.endpoint.send(m.addresses.source, {
      kind: 'rpc.status',
      bytes: rpcBytes('finish', true),
      body: { status },
      migration: m.id,
    });
  }

  protected async controllerLost(): Promise<void> {
    if (this.state !== 'prepared') return;
    this.destroyCopy('the connection to the controller closed');
    await this.features.rollback();
  }
}
