// The source's agent for one migration: Begin (checks, the features' own checks), Perform (the memory copy, run by
// a helper actor; the VM's pause tells the features, and with pause-before-switchover asks the controller first),
// Confirm (destroy the source's copy and release what the features held, or resume the VM). Losing the controller
// follows libvirt: before the copy completed, cancel it; after, learn from the destination whether it resumed the
// VM (livemig's addition: libvirt would leave the VM paused).

import { isLivemigError, LivemigError } from '../core/index.ts';
import { type ActorContext, SignalActivity, spawnActor } from '../kernel/index.ts';
import { Agent, type Watched } from './agent.ts';
import { type Message, rpcBytes } from './messages.ts';
import type { Address } from './network.ts';
import type { PhasedMigration } from './phased-migration.ts';

type SourceState = 'idle' | 'begun' | 'performing' | 'performed' | 'done';

export async function runSourceAgent(ctx: ActorContext, m: PhasedMigration): Promise<void> {
  ctx.onExit(() => m.gateAnswer.succeed(false));
  await new SourceAgent(ctx, m).run();
}

class SourceAgent extends Agent {
  private state: SourceState = 'idle';
  private perform: { message: Message; sender: Address } | undefined;
  private gateDeadline: number | undefined;
  private destinationStatus: string | undefined;
  /** Why the copy was cancelled before its helper started it. */
  private cancelled: string | undefined;
  private readonly statusArrived: SignalActivity;

  constructor(ctx: ActorContext, m: PhasedMigration) {
    super(ctx, m, 'source');
    this.statusArrived = new SignalActivity(ctx.engine, `destination status of migration ${m.id}`);
    this.endpoint.on('rpc.status', (message) => {
      this.destinationStatus = String(message.body.status);
      this.statusArrived.succeed();
    });
    this.endpoint.on('rpc.switchover', (message) => this.gateAnswered(message.body.allow === true));
  }

  protected override signals(): Watched[] {
    if (this.state !== 'performing' && this.state !== 'performed') return [];
    const m = this.m;
    return [
      ...this.once(m.paused, () => this.features.stopped()),
      ...(m.settings.pauseBeforeSwitchover ? this.once(m.gateAsked, () => this.askSwitchover()) : []),
      ...this.once(m.dataComplete, () => this.performed()),
      ...this.once(m.copyEnded, () => this.copyEnded()),
    ];
  }

  protected override timer(): { timeoutSec?: number } {
    return this.gateDeadline === undefined ? {} : { timeoutSec: Math.max(0, this.gateDeadline - this.ctx.now) };
  }

  protected override async timerExpired(): Promise<void> {
    if (this.gateDeadline !== undefined && this.ctx.now >= this.gateDeadline) {
      this.m.warn('source: no answer to the switch-over question; the switch-over is refused');
      this.gateAnswered(false);
    }
  }

  protected async request(message: Message, sender: Address): Promise<void> {
    if (message.kind === 'rpc.begin') await this.begin(message, sender);
    else if (message.kind === 'rpc.perform') this.startPerform(message, sender);
    else if (message.kind === 'rpc.confirm') await this.confirm(message, sender, message.body.cancelled === true);
  }

  private async begin(message: Message, sender: Address): Promise<void> {
    if (this.state !== 'idle') return;
    const problem = this.beginProblem();
    if (problem !== undefined) {
      this.state = 'done';
      return this.answer(message, sender, 'begin', { ok: false, reason: 'refused', error: problem });
    }
    const failure = await this.features.run('begin');
    if (failure !== undefined) {
      this.state = 'done';
      const error = `feature ${failure.feature}: ${failure.error}`;
      return this.answer(message, sender, 'begin', { ok: false, reason: 'feature-failed', error });
    }
    this.state = 'begun';
    this.answer(message, sender, 'begin', { ok: true });
  }

  private beginProblem(): string | undefined {
    const { vm, source, destination } = this.m;
    if (vm.isReleased) return `VM "${vm.name}" was destroyed`;
    if (vm.pm !== source) return `VM "${vm.name}" runs on "${vm.pm.name}", not on "${source.name}"`;
    if (vm.state !== 'running' || vm.pausedForMigration) {
      return `VM "${vm.name}" is ${vm.pausedForMigration ? 'paused by a migration' : vm.state}; migration needs a running VM`;
    }
    if (destination === source) return `VM "${vm.name}" is already on "${destination.name}"`;
    return undefined;
  }

  private startPerform(message: Message, sender: Address): void {
    if (this.state !== 'begun' || this.destinationStatus === 'destroyed') {
      const error = this.state !== 'begun' ? 'Perform came before Begin' : 'the destination destroyed its copy';
      this.answer(message, sender, 'perform', { ok: false, reason: 'refused', error });
      return;
    }
    const m = this.m;
    this.state = 'performing';
    this.perform = { message, sender };
    this.endpoint.reply(message, sender, 'rpc.perform.started', rpcBytes('perform', true));
    spawnActor(m.services.engine, `livemig-copy#${m.id}`, m.source, async () => {
      try {
        if (this.cancelled !== undefined) throw new LivemigError('migration-aborted', this.cancelled);
        await m.services.vms.migrate(m.vm, m.destination, m.engineOptions());
        m.copyEnded.succeed({ error: undefined });
      } catch (error) {
        if (isLivemigError(error, 'actor-killed')) throw error; // its host failed: the receiver decides alone
        m.copyEnded.succeed({ error: error as LivemigError });
      }
    });
  }

  private askSwitchover(): void {
    const m = this.m;
    this.endpoint.send(m.addresses.controller, {
      kind: 'rpc.switchover-ready',
      bytes: rpcBytes('perform', false),
      migration: m.id,
    });
    this.gateDeadline = this.ctx.now + m.settings.requestTimeoutSec;
  }

  private gateAnswered(allow: boolean): void {
    this.gateDeadline = undefined;
    this.m.gateAnswer.succeed(allow);
  }

  private performed(): void {
    this.state = 'performed';
    const request = this.perform;
    if (request !== undefined)
      this.answer(request.message, request.sender, 'perform', { ok: true, postCopy: this.m.postCopy });
  }

  private copyEnded(): void {
    if (this.state !== 'performing') return; // after completion, Confirm reads the outcome
    this.state = 'done';
    const request = this.perform;
    const error = this.m.copyEnded.value?.error;
    const text = error?.message ?? 'the memory copy ended without reaching the destination';
    if (request !== undefined)
      this.answer(request.message, request.sender, 'perform', { ok: false, reason: 'copy-failed', error: text });
  }

  private async confirm(message: Message, sender: Address, cancelled: boolean): Promise<void> {
    const running = this.state === 'performing' || this.state === 'performed';
    if (!running) {
      this.state = 'done';
      return this.answer(message, sender, 'confirm', { ok: true });
    }
    if (cancelled) {
      await this.cancelCopy('the migration was cancelled');
      this.state = 'done';
      return this.answer(message, sender, 'confirm', { ok: true });
    }
    await this.waitFor(this.m.copyEnded);
    this.handled(this.m.copyEnded);
    this.state = 'done';
    const error = this.m.copyEnded.value?.error;
    if (error !== undefined) {
      if (this.m.vm.pm !== this.m.source || this.m.vmLost) this.m.releaseOutgoing();
      const reason = this.m.vmLost ? 'vm-lost' : 'copy-failed';
      return this.answer(message, sender, 'confirm', { ok: false, reason, error: error.message });
    }
    const failure = await this.releaseSource();
    this.answer(
      message,
      sender,
      'confirm',
      failure === undefined ? { ok: true } : { ok: false, reason: 'feature-failed', error: failure },
    );
  }

  /** Stops the copy if it still runs and resumes the VM on the source. */
  private async cancelCopy(reason: string): Promise<void> {
    const m = this.m;
    this.cancelled = reason;
    if (m.copyEnded.state !== 'done') m.services.vms.abortMigration(m.vm, reason);
    await this.waitFor(m.copyEnded);
    this.handled(m.copyEnded);
    m.resumeOnSource();
  }

  /** The VM runs on the destination: destroy the source's copy and release what the features held here. */
  private async releaseSource(): Promise<string | undefined> {
    this.m.releaseOutgoing();
    const failure = await this.features.run('release');
    return failure === undefined ? undefined : `feature ${failure.feature}: ${failure.error}`;
  }

  protected async controllerLost(): Promise<void> {
    if (this.state === 'performing') await this.cancelCopy('the source lost its connection to the controller');
    else if (this.state === 'performed') await this.recover();
    this.state = 'done';
  }

  /** The copy completed but no Confirm will come: the destination's word decides. */
  private async recover(): Promise<void> {
    const m = this.m;
    if (this.destinationStatus === undefined) {
      const { intervalSec, count } = m.settings.keepAlive;
      await this.endpoint.next({
        match: () => false,
        signals: this.once(this.statusArrived, () => undefined).map((w) => w.handle),
        timeoutSec: intervalSec * (count + 1),
        deferLoss: true,
      });
    }
    if (this.destinationStatus === 'committed') {
      await this.waitFor(m.copyEnded);
      this.handled(m.copyEnded);
      await this.releaseSource();
      m.warn('source: the destination resumed the VM; the source destroyed its copy');
      return;
    }
    if (this.destinationStatus === undefined) {
      m.warn(
        'source: no word from the destination; the VM is resumed here if it is still here (libvirt leaves it paused)',
      );
    }
    await this.cancelCopy('the destination destroyed its copy');
    if (m.vm.pm !== m.source) m.releaseOutgoing();
  }
}
