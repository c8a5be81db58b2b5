// One live migration in progress: a sender actor on the source PM runs the rounds a strategy asks for, a receiver
// on the destination takes the data and resumes the VM there, and the caller (issuer) waits for the receiver's
// acknowledgement. Every failure (either host turned off, a transfer failing, the VM shut down, a refused gate)
// ends it cleanly: the caller gets a typed error and the VM ends up running on exactly one host, or is lost.
import { isLivemigError, LivemigError } from '../../core/index.ts';
import {
  ActivityHandle,
  type Actor,
  ActorContext,
  type CommHandle,
  internalsOf,
  SignalActivity,
  spawnActor,
} from '../../kernel/index.ts';
import type { Host } from '../../platform/index.ts';
import { createDirtyModel, type DirtyModel } from '../dirty-model.ts';
import type { VirtualMachine } from '../virtual-machine.ts';
import type { Abortable, VmManager } from '../vm-manager.ts';
import { deferredExecution } from './deferred-exec.ts';
import { type MigrationSettings, resolveSettings } from './options.ts';
import { PostCopyPhase } from './post-copy.ts';
import type { MigrationRecord, RoundRecord, RoundStage } from './records.ts';
import { MigrationStatsRecorder } from './stats.ts';
import type { Decision, MigrationStrategy, MigrationView, OperatorCommand } from './strategy.ts';
import { Transfer } from './transfer.ts';

export class MigrationRun implements Abortable, MigrationView {
  readonly record: MigrationRecord;
  readonly tag: string;
  readonly settings: MigrationSettings;
  readonly stats: MigrationStatsRecorder;
  readonly dirty: DirtyModel;
  tx: Actor | undefined;
  rx: Actor | undefined;
  current: MigrationView['current'];
  syncCount = 0;
  throttlePercent = 0;
  /** Parts of the final transfer the receiver must get before switching over. */
  finalParts = 1;
  private readonly strategy: MigrationStrategy;
  private readonly done: SignalActivity;
  private finished = false;
  private pausedAt: number | undefined;
  private postCopy: PostCopyPhase | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly roundIndex = new Map<RoundStage, number>();
  private inFlight: Transfer | undefined;
  /** Chunks of the round in flight that were not started yet. */
  inFlightUnsent = 0;
  private readonly commands: OperatorCommand[] = [];
  /** When this run started (its record may be older: a control plane prepares it at its own start). */
  private readonly startedAt: number;
  /** The receiver has every byte and waits in its before-resume hook (QEMU's "completed" on the source). */
  private inResumeHook = false;
  /** The source host failed while the receiver waited in its hook: the VM waits, paused, on the destination. */
  private sourceLost = false;
  private wake: SignalActivity | undefined;
  /** The VM runs on the destination with all its memory there: whatever happens next, the migration completed. */
  private landed = false;
  /** The issuer was killed (its host failed) while it waited: the migration goes on without it (as in SimGrid). */
  private issuerGone = false;
  /** The sender's last transfer (the final copy, or post-copy's device state) and its end, which the receiver
   * waits for when the sender's CPU work outlasts the bytes on the wire. */
  private finalTransfer: Transfer | undefined;
  private readonly finalSent: SignalActivity;

  constructor(
    readonly manager: VmManager,
    readonly vm: VirtualMachine,
    readonly source: Host,
    readonly destination: Host,
    readonly issuer: Actor,
    options: Record<string, unknown>,
    id: number,
  ) {
    this.settings = resolveSettings(options);
    this.strategy = this.settings.algorithm.create(this.settings.parameters);
    this.tag = `${vm.name}(${source.name}-${destination.name})`;
    this.done = new SignalActivity(manager.engine, `migration of ${vm.name}`);
    this.finalSent = new SignalActivity(manager.engine, `last transfer of the migration of ${vm.name}`);
    this.dirty = createDirtyModel(vm, vm.dirtyModel);
    this.stats = new MigrationStatsRecorder(manager.engine, vm.ramBytes);
    this.startedAt = manager.engine.now;
    const adopted = this.settings.record;
    if (adopted !== undefined) {
      adopted.algorithm = this.strategy.name;
      adopted.stats = this.stats.snapshot();
      this.record = adopted;
      return;
    }
    this.record = {
      id,
      vm: vm.name,
      from: source.name,
      to: destination.name,
      algorithm: this.strategy.name,
      start: manager.engine.now,
      end: undefined,
      durationSec: undefined,
      downtimeSec: undefined,
      bytesSent: 0,
      rounds: [],
      outcome: undefined,
      error: undefined,
      stats: this.stats.snapshot(),
      details: undefined,
    };
  }

  get engine() {
    return this.manager.engine;
  }

  /** Whether the strategy went post-copy (the VM resumes on the destination before its memory is all there). */
  get inPostCopy(): boolean {
    return this.postCopy !== undefined;
  }

  get now(): number {
    return this.engine.now;
  }

  get startTime(): number {
    return this.startedAt;
  }

  get elapsedSec(): number {
    return this.engine.now - this.startedAt;
  }

  get ramBytes(): number {
    return this.vm.ramBytes;
  }

  get maxDowntimeSec(): number {
    return this.vm.migration.maxDowntimeSec;
  }

  get workingSetBytes(): number {
    const model = this.vm.dirtyModel;
    return model.kind === 'flops' ? this.vm.migration.workingSetBytes : model.workingSetBytes;
  }

  get rounds(): readonly RoundRecord[] {
    return this.record.rounds;
  }

  get dataMailbox(): string {
    return `__mbox_mig_src_dst:${this.tag}`;
  }

  get controlMailbox(): string {
    return `__mbox_mig_ctl:${this.tag}`;
  }

  // ---- MigrationView -------------------------------------------------------------------------------------

  dirtyEstimate(): number {
    return this.dirty.estimate(this.now);
  }

  syncDirty(): number {
    this.syncCount++;
    const bytes = this.dirty.sync(this.now);
    this.stats.synced(this.syncCount, bytes);
    // The tracking cost of what was dirtied, inside the VM; none once the VM is paused (tracking has stopped).
    if (!this.vm.pausedForMigration) this.runInVm('tracking', bytes * this.settings.trackingFlopsPerByte);
    return bytes;
  }

  setThrottle(percent: number): void {
    this.throttlePercent = Math.max(0, Math.min(99, percent));
    this.stats.throttled(this.throttlePercent);
    this.applyThrottle();
  }

  /** The VM's CPU is withheld by auto-converge's throttle and by the cost of dirty tracking. */
  private applyThrottle(): void {
    const withheld = 1 - (1 - this.throttlePercent / 100) * (1 - this.settings.trackingCpuShare);
    this.vm.setThrottle(withheld);
    this.dirty.setThrottle(this.now, withheld);
  }

  setExpectedDowntime(seconds: number): void {
    this.stats.expectedDowntimeSec = seconds;
  }

  /** An operator command, taken into account at the strategy's next decision (at once if it idles). */
  command(command: OperatorCommand): void {
    this.commands.push(command);
    this.wake?.succeed();
  }

  // ---- the caller's side -------------------------------------------------------------------------------

  /** Runs the migration on behalf of the issuer; resolves with the record once the VM runs on the destination. */
  async perform(): Promise<MigrationRecord> {
    const engine = this.engine;
    const ctx = new ActorContext(engine, this.issuer);
    this.vm.apply('migration-started');
    this.manager.trackMigration(this.vm, this);
    this.unsubscribe.push(this.destination.onStateChange((_h, on) => !on && this.destinationFailed()));
    this.unsubscribe.push(this.source.onStateChange((_h, on) => !on && this.sourceFailedInPostCopy()));
    this.stats.status('setup');
    this.trace('vm.migration.started', { algorithm: this.strategy.name });
    this.rx = spawnActor(engine, `__pr_mig_rx:${this.tag}`, this.destination, (rx) => this.receive(rx));
    this.tx = spawnActor(engine, `__pr_mig_tx:${this.tag}`, this.source, (tx) => this.transmit(tx));
    const ack: CommHandle<string> = ctx.mailbox(this.controlMailbox).getAsync<string>();
    const failure = new ActivityHandle(this.done, ctx, () => undefined);
    try {
      await ctx.waitAny([ack, failure]);
    } catch (error) {
      if (ack.state === 'waiting' || ack.state === 'running' || ack.state === 'ready') ack.cancel();
      throw this.issuerInterrupted(ctx, error);
    }
    try {
      await ctx.join(this.tx);
      await ctx.join(this.rx);
    } catch (error) {
      throw this.issuerInterrupted(ctx, error);
    }
    if (this.done.error !== undefined) throw this.done.error;
    this.complete();
    return this.record;
  }

  /** The issuer's wait ended with an error; returns what it throws. Killed with its host, it dies and the
   * migration goes on (SimGrid 3.32: only the acknowledgement is lost). A failed migration gives its own error.
   * An acknowledgement lost on the network after the VM landed: the migration completed, the caller is told. */
  private issuerInterrupted(ctx: ActorContext, error: unknown): unknown {
    if (ctx.actor.killed) {
      this.issuerGone = true;
      if (this.landed) this.complete();
      return error;
    }
    if (this.done.error !== undefined) return this.done.error;
    if (this.landed) {
      this.complete();
      return new LivemigError(
        'network-failure',
        `Migration of VM "${this.vm.name}" from "${this.source.name}" to "${this.destination.name}" completed at ` +
          `${this.engine.now} s (the VM runs on "${this.destination.name}"), but its acknowledgement was lost: ` +
          `${message(error)}`,
        { cause: error, details: { record: this.record } },
      );
    }
    this.fail('migration-failed', `the acknowledgement of the destination was lost (${message(error)})`);
    return this.done.error ?? error;
  }

  // ---- the sender --------------------------------------------------------------------------------------

  private async transmit(ctx: ActorContext): Promise<void> {
    try {
      this.stats.status('active');
      this.dirty.start(this.now);
      if (this.settings.trackingCpuShare > 0) this.applyThrottle();
      let decision = this.strategy.start(this);
      for (;;) {
        if (decision.action === 'send') decision = await this.round(ctx, decision);
        else if (decision.action === 'switch-over') return await this.switchOver(ctx, decision);
        else if (decision.action === 'post-copy') return await this.startPostCopy(ctx, decision.bytes);
        else if (decision.action === 'give-up') return this.fail('migration-aborted', decision.reason);
        else if (decision.action === 'idle') {
          await this.idle(ctx, Math.max(0, decision.seconds));
          const idleEnded = this.strategy.idleEnded;
          if (idleEnded === undefined)
            throw new LivemigError('internal', `Strategy "${this.strategy.name}" idles but has no idleEnded().`);
          decision = this.ask((view) => idleEnded.call(this.strategy, view));
        } else
          throw new LivemigError('internal', `Strategy "${this.strategy.name}" answered 'continue' outside a round.`);
      }
    } catch (error) {
      if (this.finished || ctx.actor.killed) return;
      if (isLivemigError(error, 'network-failure') || isLivemigError(error, 'cancelled')) {
        this.fail('migration-failed', `a transfer to "${this.destination.name}" failed (${message(error)})`);
        return;
      }
      if (isLivemigError(error, 'migration-aborted')) return this.fail('migration-aborted', error.message);
      if (isLivemigError(error, 'migration-failed')) return this.fail('migration-failed', error.message);
      this.fail('migration-failed', `the sender failed: ${message(error)}`);
      throw error;
    }
  }

  /** One round: a transfer (in chunks, for a chunked first round), with the strategy's checks in between;
   * returns the strategy's next decision. */
  private async round(ctx: ActorContext, decision: Extract<Decision, { action: 'send' }>): Promise<Decision> {
    const chunk = decision.stage === 1 ? this.settings.bulkChunkBytes : undefined;
    const pieces = chunk === undefined ? [decision.bytes] : splitBytes(decision.bytes, chunk);
    const interval = this.strategy.checkIntervalSec;
    const start = ctx.now;
    let sentBefore = 0;
    let timedOut = false;
    let nextCheck = ctx.now + (interval ?? 0);
    for (let p = 0; p < pieces.length && !timedOut; p++) {
      const transfer = this.startTransfer(ctx, decision.stage, pieces[p] as number, decision.rateBytesPerSec);
      if (interval === undefined) {
        if (decision.timeoutSec === undefined) await transfer.wait();
        else timedOut = await transfer.waitFor(decision.timeoutSec - (ctx.now - start));
        if (timedOut) sentBefore += Math.trunc(transfer.sentMemoryBytes());
        else sentBefore += pieces[p] as number;
        continue;
      }
      for (;;) {
        if (await transfer.waitAtMost(Math.max(0, nextCheck - ctx.now))) break;
        if (ctx.now + 1e-12 < nextCheck) continue;
        nextCheck = ctx.now + interval;
        const sentBytes = sentBefore + transfer.sentMemoryBytes();
        this.current = { stage: decision.stage, start, bytes: decision.bytes, sentBytes };
        const next = this.ask((view) => this.strategy.check?.(view) ?? { action: 'continue' });
        this.stats.progress(sentBytes);
        if (next.action !== 'continue') {
          this.inFlight = transfer;
          this.inFlightUnsent = pieces.slice(p + 1).reduce((sum, b) => sum + b, 0);
          return next;
        }
      }
      sentBefore += pieces[p] as number;
    }
    this.current = undefined;
    const round = this.finishRound(decision.stage, start, timedOut ? sentBefore : decision.bytes, 'precopy');
    return this.ask((view) => this.strategy.roundEnded(view, round, timedOut));
  }

  /** Sends nothing for `seconds`, or until an operator command arrives. */
  private async idle(ctx: ActorContext, seconds: number): Promise<void> {
    const wake = new SignalActivity(this.engine, `idle of the migration of ${this.vm.name}`);
    this.wake = wake;
    const sleep = ctx.sleepAsync(seconds);
    try {
      await ctx.waitAny([sleep, new ActivityHandle(wake, ctx, () => undefined)]);
    } finally {
      this.wake = undefined;
      if (sleep.state === 'running') sleep.cancel();
    }
  }

  private ask(question: (view: MigrationView) => Decision): Decision {
    for (const command of this.commands.splice(0)) this.strategy.command?.(command, this);
    return question(this);
  }

  startTransfer(
    ctx: ActorContext,
    stage: RoundStage,
    bytes: number,
    rate: number | undefined,
    final = false,
  ): Transfer {
    const settings = this.settings;
    const compress = stage === 2 && settings.compression !== undefined;
    const speed = rate ?? this.vm.migration.migrationSpeedBytesPerSec;
    const transfer = new Transfer(ctx, {
      mailbox: this.dataMailbox,
      payload: `__mig_stage${final ? 3 : stage}:${this.tag}`,
      wireBytes: compress ? bytes * (settings.compression?.ratio ?? 1) : bytes,
      memoryBytes: bytes,
      streams: settings.streams,
      rateBytesPerSec: speed > 0 ? speed : undefined,
      sendFlopsPerByte: settings.sendFlopsPerByte + (compress ? (settings.compression?.flopsPerByte ?? 0) : 0),
      receiveFlopsPerByte:
        (settings.receiveCostIn === 'vm' ? 0 : settings.receiveFlopsPerByte) +
        (compress ? (settings.compression?.flopsPerByte ?? 0) : 0),
      destination: this.destination,
    });
    if (final) {
      this.finalParts = transfer.streams;
      this.finalTransfer = transfer;
    }
    return transfer;
  }

  finishRound(
    stage: RoundStage,
    start: number,
    bytes: number,
    phase: 'precopy' | 'downtime' | 'postcopy',
    /** Of `bytes`, those sent while the VM still ran (pre-copy bytes whatever the phase). */
    sentLiveBytes = 0,
  ): RoundRecord {
    const index = this.roundIndex.get(stage) ?? 0;
    this.roundIndex.set(stage, index + 1);
    const end = this.engine.now;
    const round: RoundRecord = {
      stage,
      index,
      start,
      end,
      bytes,
      bandwidth: bytes / (end - start),
      threshold: undefined,
    };
    this.record.rounds.push(round);
    this.record.bytesSent += bytes;
    if (this.settings.receiveCostIn === 'vm') this.runInVm('receive', bytes * this.settings.receiveFlopsPerByte);
    if (sentLiveBytes > 0 && phase !== 'precopy') this.stats.sent('precopy', sentLiveBytes);
    this.stats.sent(phase, bytes - (phase === 'precopy' ? 0 : sentLiveBytes));
    this.trace('vm.migration.round-finished', { ...round });
    return round;
  }

  /** Stop-and-copy: the VM pauses (after the gate), the rest is sent, the receiver switches over. What a round in
   * flight sent before the pause is pre-copy; what is sent with the VM paused is downtime (query-migrate's split). */
  private async switchOver(ctx: ActorContext, decision: Extract<Decision, { action: 'switch-over' }>): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    const stage = (this.current?.stage ?? 2) as RoundStage;
    if (inFlight !== undefined && decision.cancelInFlight === true) {
      // The pass stops where it is when the VM pauses; its unsent rest is in the decision's bytes.
      const sent = Math.trunc(inFlight.sentMemoryBytes());
      inFlight.cancel();
      this.finishRound(stage, inFlight.start, sent, 'precopy');
      this.inFlightUnsent = 0;
      this.current = undefined;
    }
    const sentLive = inFlight === undefined ? 0 : Math.trunc(inFlight.sentMemoryBytes());
    await this.pauseForSwitchover(ctx);
    const start = ctx.now;
    let bytes = decision.bytes;
    if (decision.finalSync) bytes += this.syncDirty();
    this.dirty.stop(this.now);
    if (inFlight !== undefined && decision.cancelInFlight !== true) {
      await inFlight.wait();
      this.finishRound(stage, inFlight.start, inFlight.spec.memoryBytes, 'downtime', sentLive);
      bytes += this.inFlightUnsent;
      this.inFlightUnsent = 0;
      this.current = undefined;
    }
    const total = bytes + this.settings.deviceStateBytes;
    const last = this.startTransfer(ctx, 3, total, decision.rateBytesPerSec, true);
    await last.wait();
    this.finishRound(3, start, total, 'downtime');
    this.finalSent.succeed();
  }

  /** The sender's last transfer ended (its CPU work included). */
  lastTransferSent(): void {
    this.finalSent.succeed();
  }

  /** The VM stops on the source; with a pause-before-switchover gate, waits for it (a refusal cancels). */
  private async pauseForSwitchover(ctx: ActorContext): Promise<void> {
    this.vm.pauseForMigration(true);
    this.dirty.setPaused(this.now, true);
    this.pausedAt = this.now;
    this.trace('vm.migration.paused', {});
    this.settings.onPaused?.(this);
    const gate = this.settings.beforeSwitchover;
    if (gate === undefined) {
      this.stats.status('device');
      return;
    }
    this.stats.status('pre-switchover');
    try {
      await gate(ctx, this);
    } catch (error) {
      if (ctx.actor.killed) throw error;
      throw new LivemigError('migration-aborted', `the switch-over was refused: ${message(error)}`, { cause: error });
    }
    this.stats.status('device');
  }

  private async startPostCopy(ctx: ActorContext, bytes: number): Promise<void> {
    await this.pauseForSwitchover(ctx);
    this.dirty.stop(this.now);
    const phase = new PostCopyPhase(this, ctx);
    this.postCopy = phase;
    await phase.send(bytes, this.inFlight);
    this.inFlight = undefined;
  }

  // ---- the receiver --------------------------------------------------------------------------------------

  private async receive(ctx: ActorContext): Promise<void> {
    try {
      await this.receiveAll(ctx);
    } catch (error) {
      if (this.finished || ctx.actor.killed) return;
      if (this.landed) return this.complete();
      this.fail('migration-failed', `a transfer from "${this.source.name}" failed (${message(error)})`);
    }
  }

  private async receiveAll(ctx: ActorContext): Promise<void> {
    const finalPayload = `__mig_stage3:${this.tag}`;
    const box = ctx.mailbox(this.dataMailbox);
    // One receive per stream, so that parallel streams flow in parallel.
    const gets = Array.from({ length: this.settings.streams }, () => box.getAsync<string>());
    let finals = 0;
    for (;;) {
      let index: number;
      try {
        if (gets.length === 1) {
          await (gets[0] as CommHandle<string>).wait();
          index = 0;
        } else {
          index = await ctx.waitAny(gets);
        }
      } catch (error) {
        // A round cut by the sender (timeout, end of MPLM's live phase) is not an error for the receiver.
        if (!isLivemigError(error, 'cancelled') && !isLivemigError(error, 'timeout')) throw error;
        const cut = gets.findIndex((g) => g.state === 'canceled' || g.state === 'timeout');
        gets[cut < 0 ? 0 : cut] = box.getAsync<string>();
        continue;
      }
      const payload = (gets[index] as CommHandle<string>).activity.payload;
      if (payload === finalPayload && ++finals >= this.finalParts) {
        for (const get of gets) if (get.state === 'waiting') get.cancel();
        break;
      }
      gets[index] = box.getAsync<string>();
    }
    if (this.finalTransfer?.isDone() === false) {
      // The bytes are there, but the sender still works on them (its CPU cost per byte): wait for it.
      await new ActivityHandle(this.finalSent, ctx, () => undefined).wait();
    }
    const hook = this.settings.beforeResume;
    if (hook !== undefined) {
      this.inResumeHook = true;
      try {
        await hook(ctx, this);
      } catch (error) {
        if (ctx.actor.killed) throw error;
        const lost = this.sourceLost ? '; its source had failed, so the VM was lost' : '';
        this.fail('migration-aborted', `the destination refused to resume the VM: ${message(error)}${lost}`);
        return;
      } finally {
        this.inResumeHook = false;
      }
    }
    if (this.postCopy !== undefined) {
      await this.postCopy.receive(ctx);
    } else {
      this.switchOverAtDestination();
    }
    this.landed = true;
    if (this.issuer.isAlive() && !this.issuer.killed && !this.issuerGone) {
      await ctx.mailbox(this.controlMailbox).put(`__mig_stage4:${this.tag}`, 0);
    } else {
      this.complete(); // the issuer died (with its host, or with the failed source): nobody else will
    }
  }

  /** The destination has every page (or, in post-copy, the device state): the VM moves there and runs again. */
  switchOverAtDestination(): void {
    const vm = this.vm;
    if (vm.pm !== this.destination) vm.setPm(this.destination);
    vm.pauseForMigration(false);
    this.vm.setThrottle(0);
    if (this.postCopy === undefined) {
      this.dirty.stop(this.now);
      vm.apply('migration-completed');
      this.manager.untrackMigration(vm);
    }
    this.record.downtimeSec = this.pausedAt === undefined ? 0 : this.engine.now - this.pausedAt;
    this.stats.downtimeSec = this.record.downtimeSec;
    this.trace('vm.migration.switched-over', { downtimeSec: this.record.downtimeSec });
    this.settings.onSwitchedOver?.(this);
  }

  /** Post-copy ended: every page reached the destination. */
  postCopyCompleted(): void {
    this.vm.apply('migration-completed');
    this.manager.untrackMigration(this.vm);
  }

  // ---- failures -------------------------------------------------------------------------------------------

  /** QEMU's migrate_cancel: before the switch-over the migration is aborted and the VM keeps running on its source. In
   * post-copy the VM runs on the destination with part of its memory on the source: refused, as cancelling would
   * lose it. */
  cancel(): void {
    if (this.finished) return;
    if (this.postCopy !== undefined || this.landed) {
      throw new LivemigError(
        'invalid-state',
        `Cannot cancel the migration of VM "${this.vm.name}" to "${this.destination.name}": it is in post-copy ` +
          '(the VM runs on the destination and still needs pages from the source). Wait for its end.',
        { details: { vm: this.vm.name, command: 'cancel' } },
      );
    }
    this.fail('migration-aborted', 'cancelled by the operator (migrate_cancel); the VM keeps running on its source');
  }

  /** Aborts the migration (the VM was shut down or destroyed, or its host failed). */
  abort(reason: string): void {
    if (this.postCopy?.started === true) {
      this.fail(
        'migration-failed',
        `${reason} during post-copy; the VM was lost (its memory was split between the hosts)`,
      );
    } else if (!this.source.isOn()) {
      this.fail('migration-failed', `source host "${this.source.name}" was turned off; the VM was lost with it`);
    } else {
      this.fail('migration-aborted', reason);
    }
  }

  /** The source host is failing. Once every byte is at the destination (outside post-copy) and the caller holds
   * the source after completion, the VM is not lost: it moves, paused, to the destination and waits there. */
  keepsVmOnSourceFailure(source: Host): boolean {
    if (source !== this.source || !this.inResumeHook || this.postCopy !== undefined) return false;
    if (!this.settings.holdSourceAfterCompletion || this.finished) return false;
    this.sourceLost = true;
    this.vm.setPm(this.destination);
    this.trace('vm.migration.source-lost', {});
    return true;
  }

  /** In post-copy, the source holds the pages the destination still misses: losing it loses the VM. */
  private sourceFailedInPostCopy(): void {
    if (this.postCopy?.started !== true || this.landed) return;
    this.fail(
      'migration-failed',
      `source host "${this.source.name}" was turned off during post-copy; the VM was lost (its memory was split between the hosts)`,
    );
  }

  private destinationFailed(): void {
    if (this.postCopy?.started === true || this.vm.pm === this.destination) {
      this.fail(
        'migration-failed',
        `destination host "${this.destination.name}" was turned off after the VM moved there; the VM was lost`,
      );
    } else {
      this.fail(
        'migration-failed',
        `destination host "${this.destination.name}" was turned off; the VM keeps running on "${this.source.name}"`,
      );
    }
  }

  fail(code: 'migration-failed' | 'migration-aborted', reason: string): void {
    if (this.finished) return;
    this.finished = true;
    const vm = this.vm;
    // Past completion, the source's copy stays paused for the caller to resume (libvirt's Confirm).
    const hold = this.inResumeHook && this.settings.holdSourceAfterCompletion;
    if (this.postCopy?.started === true || this.sourceLost) {
      if (!vm.isReleased) vm.destroy();
    } else if (!vm.isReleased && vm.state === 'migrating') {
      if (!hold) vm.pauseForMigration(false);
      vm.setThrottle(0);
      this.dirty.stop(this.now);
      vm.apply('migration-failed');
    }
    this.manager.untrackMigration(vm);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const engine = this.engine;
    for (const actor of [this.tx, this.rx])
      if (actor?.isAlive()) internalsOf(engine).kill(actor, 'its migration ended');
    const verb = code === 'migration-aborted' ? 'was aborted' : 'failed';
    const text = `Migration of VM "${vm.name}" from "${this.source.name}" to "${this.destination.name}" ${verb} at ${engine.now} s: ${reason}.`;
    if (this.settings.record === undefined) {
      // A record prepared by a control plane gets its outcome from it (the copy is one of its phases).
      this.record.end = engine.now;
      this.record.durationSec = engine.now - this.record.start;
      this.record.outcome = code === 'migration-aborted' ? 'aborted' : 'failed';
      this.record.error = text;
    }
    this.stats.status(code === 'migration-aborted' ? 'cancelled' : 'failed');
    this.record.stats = this.stats.snapshot();
    this.record.details = this.strategy.report?.();
    this.trace(code === 'migration-aborted' ? 'vm.migration.aborted' : 'vm.migration.failed', { error: text });
    const error = new LivemigError(code, text, { details: { record: this.record } });
    this.done.fail(error);
    this.settings.onEnded?.(this, error);
  }

  private complete(): void {
    if (this.finished) return;
    this.finished = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const now = this.engine.now;
    if (this.settings.record === undefined) {
      this.record.end = now;
      this.record.durationSec = now - this.record.start;
      this.record.outcome = 'completed';
    }
    this.stats.status('completed');
    this.record.stats = this.stats.snapshot();
    this.record.details = this.strategy.report?.();
    this.done.succeed();
    this.trace('vm.migration.completed', {
      durationSec: this.record.durationSec,
      downtimeSec: this.record.downtimeSec,
    });
    this.settings.onEnded?.(this, undefined);
  }

  /** A cost run inside the VM, not waited for (SimGrid 3.10's deferred executions). */
  private runInVm(cost: 'tracking' | 'receive', flops: number): void {
    if (!(flops > 0)) return;
    deferredExecution(this.engine, this.vm, flops);
    this.trace('vm.migration.cost-started', { cost, flops, host: this.vm.pm.name });
  }

  trace(type: string, fields: Record<string, unknown>): void {
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

/** `bytes` in pieces of at most `chunk`. */
function splitBytes(bytes: number, chunk: number): number[] {
  const pieces: number[] = [];
  for (let left = bytes; left > 0; left -= chunk) pieces.push(Math.min(chunk, left));
  return pieces.length === 0 ? [0] : pieces;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
