// One live migration in progress: a sender actor on the source PM and a receiver on the destination exchange real
// simulated messages; the caller (issuer) waits for the receiver's acknowledgement. Every failure (either host
// turned off, a transfer failing, the VM shut down or destroyed) ends it cleanly: the caller gets a typed error
// and the VM ends up running on exactly one host, or gone with its host.
import { isLivemigError, LivemigError } from '../../core/index.ts';
import {
  ActivityHandle,
  type Actor,
  ActorContext,
  type CommHandle,
  SignalActivity,
  spawnActor,
} from '../../kernel/index.ts';
import type { Host } from '../../platform/index.ts';
import type { VirtualMachine } from '../virtual-machine.ts';
import type { Abortable, VmManager } from '../vm-manager.ts';
import type { MigrationRecord, RoundStage } from './records.ts';

/** A migration algorithm: the sender's side (what to send, when to stop and copy). */
export interface MigrationAlgorithm {
  readonly name: string;
  send(run: MigrationRun, ctx: ActorContext): Promise<void>;
}

export interface TransferResult {
  /** Bytes that reached the destination. */
  sent: number;
  timedOut: boolean;
}

export class MigrationRun implements Abortable {
  readonly record: MigrationRecord;
  readonly tag: string;
  private tx: Actor | undefined;
  private rx: Actor | undefined;
  private readonly done: SignalActivity;
  private finished = false;
  private pausedAt: number | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private roundIndex = new Map<RoundStage, number>();

  constructor(
    readonly manager: VmManager,
    readonly vm: VirtualMachine,
    readonly source: Host,
    readonly destination: Host,
    readonly issuer: Actor,
    readonly algorithm: MigrationAlgorithm,
    id: number,
  ) {
    this.tag = `${vm.name}(${source.name}-${destination.name})`;
    this.done = new SignalActivity(manager.engine, `migration of ${vm.name}`);
    this.record = {
      id,
      vm: vm.name,
      from: source.name,
      to: destination.name,
      algorithm: algorithm.name,
      start: manager.engine.now,
      end: undefined,
      durationSec: undefined,
      downtimeSec: undefined,
      bytesSent: 0,
      rounds: [],
      outcome: undefined,
      error: undefined,
    };
  }

  get engine() {
    return this.manager.engine;
  }

  get dataMailbox(): string {
    return `__mbox_mig_src_dst:${this.tag}`;
  }

  get controlMailbox(): string {
    return `__mbox_mig_ctl:${this.tag}`;
  }

  /** Runs the migration on behalf of the issuer; resolves with the record once the VM runs on the destination. */
  async perform(): Promise<MigrationRecord> {
    const engine = this.engine;
    const ctx = new ActorContext(engine, this.issuer);
    this.vm.apply('migration-started');
    this.manager.trackMigration(this.vm, this);
    this.unsubscribe.push(this.destination.onStateChange((_h, on) => !on && this.destinationFailed()));
    this.trace('vm.migration.started', {});
    this.rx = spawnActor(engine, `__pr_mig_rx:${this.tag}`, this.destination, (rx) => this.receive(rx));
    this.tx = spawnActor(engine, `__pr_mig_tx:${this.tag}`, this.source, (tx) => this.transmit(tx));
    const ack: CommHandle<string> = ctx.mailbox(this.controlMailbox).getAsync<string>();
    const failure = new ActivityHandle(this.done, ctx, () => undefined);
    try {
      await ctx.waitAny([ack, failure]);
    } catch (error) {
      if (ack.state === 'waiting' || ack.state === 'running' || ack.state === 'ready') ack.cancel();
      if (!this.finished)
        this.fail('migration-failed', `the acknowledgement of the destination was lost (${message(error)})`);
      throw this.done.error ?? error;
    }
    await ctx.join(this.tx);
    await ctx.join(this.rx);
    if (this.done.error !== undefined) throw this.done.error;
    this.complete();
    return this.record;
  }

  // ---- API for algorithms (sender side) -------------------------------------------------------------------

  /** Sends `bytes` of memory to the receiver; with a timeout, returns what was sent when it expired. */
  async send(ctx: ActorContext, bytes: number, stage: RoundStage, timeoutSec?: number): Promise<TransferResult> {
    const speed = this.vm.migration.migrationSpeedBytesPerSec;
    const payload = `__mig_stage${stage}:${this.tag}`;
    const options = speed > 0 ? { rateBytesPerSec: speed } : {};
    const comm = ctx.mailbox(this.dataMailbox).putAsync(payload, bytes, options);
    try {
      if (timeoutSec === undefined) await comm.wait();
      else await comm.waitFor(timeoutSec);
      this.record.bytesSent += bytes;
      return { sent: bytes, timedOut: false };
    } catch (error) {
      if (!isLivemigError(error, 'timeout')) throw error;
      const sent = bytes - Math.trunc(comm.remaining);
      this.record.bytesSent += sent;
      return { sent, timedOut: true };
    }
  }

  /** Stop-and-copy begins: the VM stops running on the source. */
  pauseVm(): void {
    this.vm.pauseForMigration(true);
    this.pausedAt = this.engine.now;
    this.trace('vm.migration.paused', {});
  }

  recordRound(stage: RoundStage, start: number, bytes: number, threshold: number | undefined): void {
    const index = this.roundIndex.get(stage) ?? 0;
    this.roundIndex.set(stage, index + 1);
    const end = this.engine.now;
    const round = { stage, index, start, end, bytes, bandwidth: bytes / (end - start), threshold };
    this.record.rounds.push(round);
    this.trace('vm.migration.round-finished', { ...round });
  }

  /** Aborts the migration (the VM was shut down or destroyed, or its host failed). */
  abort(reason: string): void {
    if (!this.source.isOn()) {
      this.fail('migration-failed', `source host "${this.source.name}" was turned off; the VM was lost with it`);
    } else {
      this.fail('migration-aborted', reason);
    }
  }

  // ---- the two actors -------------------------------------------------------------------------------------

  private async transmit(ctx: ActorContext): Promise<void> {
    try {
      await this.algorithm.send(this, ctx);
    } catch (error) {
      if (this.finished || ctx.actor.killed) return;
      if (isLivemigError(error, 'network-failure') || isLivemigError(error, 'cancelled')) {
        this.fail('migration-failed', `a transfer to "${this.destination.name}" failed (${message(error)})`);
        return;
      }
      this.fail('migration-failed', `the sender failed: ${message(error)}`);
      throw error;
    }
  }

  private async receive(ctx: ActorContext): Promise<void> {
    const finalPayload = `__mig_stage3:${this.tag}`;
    const box = ctx.mailbox(this.dataMailbox);
    for (;;) {
      const payload = await box.get<string>();
      if (payload === finalPayload) break;
    }
    this.switchOver();
    if (this.issuer.isAlive() && !this.issuer.killed) {
      await ctx.mailbox(this.controlMailbox).put(`__mig_stage4:${this.tag}`, 0);
    }
  }

  /** The destination has every page: the VM moves there and runs again. */
  private switchOver(): void {
    const vm = this.vm;
    vm.setPm(this.destination);
    vm.pauseForMigration(false);
    vm.dirtyPages.stop();
    vm.apply('migration-completed');
    this.manager.untrackMigration(vm);
    this.record.downtimeSec = this.pausedAt === undefined ? 0 : this.engine.now - this.pausedAt;
    this.trace('vm.migration.switched-over', { downtimeSec: this.record.downtimeSec });
  }

  private destinationFailed(): void {
    if (this.vm.pm === this.destination) {
      this.fail(
        'migration-failed',
        `destination host "${this.destination.name}" was turned off right after the VM moved there; the VM was lost with it`,
      );
    } else {
      this.fail(
        'migration-failed',
        `destination host "${this.destination.name}" was turned off; the VM keeps running on "${this.source.name}"`,
      );
    }
  }

  private fail(code: 'migration-failed' | 'migration-aborted', reason: string): void {
    if (this.finished) return;
    this.finished = true;
    const vm = this.vm;
    if (!vm.isReleased && vm.state === 'migrating') {
      vm.pauseForMigration(false);
      vm.dirtyPages.stop();
      vm.apply('migration-failed');
    }
    this.manager.untrackMigration(vm);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const engine = this.engine;
    for (const actor of [this.tx, this.rx]) {
      if (actor?.isAlive()) engine.kill(actor, 'its migration ended');
    }
    const verb = code === 'migration-aborted' ? 'was aborted' : 'failed';
    const text = `Migration of VM "${vm.name}" from "${this.source.name}" to "${this.destination.name}" ${verb} at ${engine.now} s: ${reason}.`;
    this.record.end = engine.now;
    this.record.durationSec = engine.now - this.record.start;
    this.record.outcome = code === 'migration-aborted' ? 'aborted' : 'failed';
    this.record.error = text;
    this.trace(code === 'migration-aborted' ? 'vm.migration.aborted' : 'vm.migration.failed', { error: text });
    this.done.fail(new LivemigError(code, text, { details: { record: this.record } }));
  }

  private complete(): void {
    this.finished = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const now = this.engine.now;
    this.record.end = now;
    this.record.durationSec = now - this.record.start;
    this.record.outcome = 'completed';
    this.done.succeed();
    this.trace('vm.migration.completed', {
      durationSec: this.record.durationSec,
      downtimeSec: this.record.downtimeSec,
    });
  }

  private trace(type: string, fields: Record<string, unknown>): void {
    const trace = this.engine.trace;
    if (!trace.wants(type)) return;
    trace.emit({
      time: this.engine.now,
      type,
      migration: this.record.id,
      vm: this.vm.name,
      from: this.source.name,
      to: this.destination.name,
      ...fields,
    });
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
