// The sender of a migration, an actor on the source: it runs the rounds its strategy asks for (with the strategy's
// checks in between), pauses the VM for the switch-over (after the gate), sends the rest and the device state, or
// hands over to post-copy. It owns the round in flight and the rounds' records.
import { errorMessage, isLivemigError, LivemigError } from '../../core/index.ts';
import { ActivityHandle, type ActorContext, SignalActivity } from '../../kernel/index.ts';
import type { MigrationRun } from './migration-run.ts';
import { PostCopyPhase, postCopyLink } from './post-copy.ts';
import type { RoundRecord, RoundStage } from './records.ts';
import type { Decision, MigrationStrategy, OperatorCommand, RoundProgress } from './strategy.ts';
import { payloadOf, Transfer } from './transfer.ts';

type SendDecision = Extract<Decision, { action: 'send' }>;

export class MigrationSender {
  /** The round in flight, during a check. */
  current: RoundProgress | undefined;
  /** Parts of the final transfer the receiver must get before switching over. */
  finalParts = 1;
  /** The sender's last transfer ended, its CPU work included (the receiver waits for it when the work outlasts
   * the bytes on the wire). */
  readonly finalSent: SignalActivity;
  private finalTransfer: Transfer | undefined;
  private inFlight: Transfer | undefined;
  /** Chunks of the round in flight that were not started yet. */
  private inFlightUnsent = 0;
  private readonly roundIndex = new Map<RoundStage, number>();
  private readonly commands: OperatorCommand[] = [];
  private wake: SignalActivity | undefined;
  /** When the strategy is asked next, during a round. */
  private nextCheck = 0;

  constructor(
    private readonly run: MigrationRun,
    private readonly strategy: MigrationStrategy,
  ) {
    this.finalSent = new SignalActivity(run.engine, `last transfer of the migration of ${run.vm.name}`);
  }

  /** Whether the last transfer still runs (its CPU work, once its bytes are there). */
  get lastTransferPending(): boolean {
    return this.finalTransfer?.isDone() === false;
  }

  /** An operator command, taken into account at the strategy's next decision (at once if it idles). */
  command(command: OperatorCommand): void {
    this.commands.push(command);
    this.wake?.succeed();
  }

  async transmit(ctx: ActorContext): Promise<void> {
    const run = this.run;
    try {
      run.stats.status('active');
      run.dirty.start(run.now);
      if (run.settings.trackingCpuShare > 0) run.applyThrottle();
      let decision = this.strategy.start(run);
      for (;;) {
        if (decision.action === 'send') decision = await this.round(ctx, decision);
        else if (decision.action === 'switch-over') return await this.switchOver(ctx, decision);
        else if (decision.action === 'post-copy') return await this.startPostCopy(ctx, decision.bytes);
        else if (decision.action === 'give-up') return run.fail('migration-aborted', decision.reason);
        else if (decision.action === 'idle') decision = await this.idle(ctx, Math.max(0, decision.seconds));
        else
          throw new LivemigError('internal', `Strategy "${this.strategy.name}" answered 'continue' outside a round.`);
      }
    } catch (error) {
      if (run.isOver || ctx.actor.killed) return;
      if (isLivemigError(error, 'network-failure') || isLivemigError(error, 'cancelled')) {
        run.fail('migration-failed', `a transfer to "${run.destination.name}" failed (${errorMessage(error)})`);
        return;
      }
      if (isLivemigError(error, 'migration-aborted')) return run.fail('migration-aborted', error.message);
      if (isLivemigError(error, 'migration-failed')) return run.fail('migration-failed', error.message);
      run.fail('migration-failed', `the sender failed: ${errorMessage(error)}`);
      throw error;
    }
  }

  /** One round: a transfer (in chunks, for a chunked first round), with the strategy's checks in between;
   * returns the strategy's next decision. */
  private async round(ctx: ActorContext, decision: SendDecision): Promise<Decision> {
    const chunk = decision.stage === 1 ? this.run.settings.bulkChunkBytes : undefined;
    const pieces = chunk === undefined ? [decision.bytes] : splitBytes(decision.bytes, chunk);
    const interval = this.strategy.checkIntervalSec;
    const start = ctx.now;
    let sentBefore = 0;
    let timedOut = false;
    this.nextCheck = ctx.now + (interval ?? 0);
    for (let p = 0; p < pieces.length && !timedOut; p++) {
      const transfer = this.startTransfer(ctx, decision.stage, pieces[p] as number, decision.rateBytesPerSec);
      if (interval === undefined) {
        if (decision.timeoutSec === undefined) await transfer.wait();
        else timedOut = await transfer.waitFor(decision.timeoutSec - (ctx.now - start));
        if (timedOut) sentBefore += Math.trunc(transfer.sentMemoryBytes());
        else sentBefore += pieces[p] as number;
        continue;
      }
      const next = await this.checkedPiece(ctx, decision, transfer, start, sentBefore, interval);
      if (next !== undefined) {
        this.inFlight = transfer;
        let unsent = 0;
        for (let q = p + 1; q < pieces.length; q++) unsent += pieces[q] as number;
        this.inFlightUnsent = unsent;
        return next;
      }
      sentBefore += pieces[p] as number;
    }
    this.current = undefined;
    const round = this.finishRound(decision.stage, start, timedOut ? sentBefore : decision.bytes, 'precopy');
    this.takeCommands();
    return this.strategy.roundEnded(this.run, round, timedOut);
  }

  /** Waits for one piece of a round, asking the strategy every `interval`; its decision when it did not say
   * 'continue', undefined once the piece is sent. */
  private async checkedPiece(
    ctx: ActorContext,
    decision: SendDecision,
    transfer: Transfer,
    start: number,
    sentBefore: number,
    interval: number,
  ): Promise<Decision | undefined> {
    const strategy = this.strategy;
    for (;;) {
      if (await transfer.waitAtMost(Math.max(0, this.nextCheck - ctx.now))) return undefined;
      if (ctx.now + 1e-12 < this.nextCheck) continue;
      this.nextCheck = ctx.now + interval;
      const sentBytes = sentBefore + transfer.sentMemoryBytes();
      this.current = { stage: decision.stage, start, bytes: decision.bytes, sentBytes };
      this.takeCommands();
      const next = strategy.check === undefined ? undefined : strategy.check(this.run);
      this.run.stats.progress(sentBytes);
      if (next !== undefined && next.action !== 'continue') return next;
    }
  }

  /** Sends nothing for `seconds`, or until an operator command arrives; the strategy's next decision. */
  private async idle(ctx: ActorContext, seconds: number): Promise<Decision> {
    const wake = new SignalActivity(this.run.engine, `idle of the migration of ${this.run.vm.name}`);
    this.wake = wake;
    const sleep = ctx.sleepAsync(seconds);
    try {
      await ctx.waitAny([sleep, new ActivityHandle(wake, ctx)]);
    } finally {
      this.wake = undefined;
      if (sleep.state === 'running') sleep.cancel();
    }
    const idleEnded = this.strategy.idleEnded;
    if (idleEnded === undefined)
      throw new LivemigError('internal', `Strategy "${this.strategy.name}" idles but has no idleEnded().`);
    this.takeCommands();
    return idleEnded.call(this.strategy, this.run);
  }

  /** Hands the operator's commands to the strategy, before it decides. */
  private takeCommands(): void {
    if (this.commands.length === 0) return;
    for (const command of this.commands.splice(0)) this.strategy.command?.(command, this.run);
  }

  startTransfer(
    ctx: ActorContext,
    stage: RoundStage,
    bytes: number,
    rate: number | undefined,
    final = false,
  ): Transfer {
    const run = this.run;
    const settings = run.settings;
    const compress = stage === 2 && settings.compression !== undefined;
    const speed = rate ?? run.vm.migration.migrationSpeedBytesPerSec;
    const transfer = new Transfer(ctx, {
      mailbox: run.dataMailbox,
      payload: payloadOf(stage, final),
      wireBytes: compress ? bytes * (settings.compression?.ratio ?? 1) : bytes,
      memoryBytes: bytes,
      streams: settings.streams,
      rateBytesPerSec: speed > 0 ? speed : undefined,
      sendFlopsPerByte: settings.sendFlopsPerByte + (compress ? (settings.compression?.flopsPerByte ?? 0) : 0),
      receiveFlopsPerByte:
        (settings.receiveCostIn === 'vm' ? 0 : settings.receiveFlopsPerByte) +
        (compress ? (settings.compression?.flopsPerByte ?? 0) : 0),
      destination: run.destination,
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
    const run = this.run;
    const index = this.roundIndex.get(stage) ?? 0;
    this.roundIndex.set(stage, index + 1);
    const end = run.engine.now;
    const round: RoundRecord = {
      stage,
      index,
      start,
      end,
      bytes,
      bandwidth: bytes / (end - start),
      threshold: undefined,
    };
    run.record.rounds.push(round);
    run.record.bytesSent += bytes;
    if (run.settings.receiveCostIn === 'vm') run.runInVm('receive', bytes * run.settings.receiveFlopsPerByte);
    if (sentLiveBytes > 0 && phase !== 'precopy') run.stats.sent('precopy', sentLiveBytes);
    run.stats.sent(phase, bytes - (phase === 'precopy' ? 0 : sentLiveBytes));
    if (run.engine.trace.wants('vm.migration.round-finished')) run.trace('vm.migration.round-finished', { ...round });
    return round;
  }

  /** Stop-and-copy: the VM pauses (after the gate), the rest is sent, the receiver switches over. What a round in
   * flight sent before the pause is pre-copy; what is sent with the VM paused is downtime (query-migrate's split). */
  private async switchOver(ctx: ActorContext, decision: Extract<Decision, { action: 'switch-over' }>): Promise<void> {
    const run = this.run;
    // The pass stops where it is when the VM pauses; its unsent rest is in the decision's bytes.
    if (decision.cancelInFlight === true) this.cutInFlight();
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    const stage = (this.current?.stage ?? 2) as RoundStage;
    const sentLive = inFlight === undefined ? 0 : Math.trunc(inFlight.sentMemoryBytes());
    await this.pauseForSwitchover(ctx);
    const start = ctx.now;
    let bytes = decision.bytes;
    if (decision.finalSync) bytes += run.syncDirty();
    run.dirty.stop(run.now);
    if (inFlight !== undefined) {
      await inFlight.wait();
      this.finishRound(stage, inFlight.start, inFlight.spec.memoryBytes, 'downtime', sentLive);
      bytes += this.inFlightUnsent;
      this.inFlightUnsent = 0;
      this.current = undefined;
    }
    const total = bytes + run.settings.deviceStateBytes;
    const last = this.startTransfer(ctx, 3, total, decision.rateBytesPerSec, true);
    await last.wait();
    this.finishRound(3, start, total, 'downtime');
    this.finalSent.succeed();
  }

  /** The VM stops on the source; with a pause-before-switchover gate, waits for it (a refusal cancels). */
  private async pauseForSwitchover(ctx: ActorContext): Promise<void> {
    const run = this.run;
    run.pauseOnSource();
    const gate = run.settings.beforeSwitchover;
    if (gate === undefined) {
      run.stats.status('device');
      return;
    }
    run.stats.status('pre-switchover');
    try {
      await gate(ctx, run);
    } catch (error) {
      if (ctx.actor.killed) throw error;
      throw new LivemigError('migration-aborted', `the switch-over was refused: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    run.stats.status('device');
  }

  private async startPostCopy(ctx: ActorContext, bytes: number): Promise<void> {
    const run = this.run;
    await this.pauseForSwitchover(ctx);
    run.dirty.stop(run.now);
    const phase = new PostCopyPhase(postCopyLink(run, this), ctx);
    run.postCopyStarted(phase);
    await phase.send(bytes + this.cutInFlight());
  }

  /** The round in flight stops where it is: what it sent is a pre-copy round; returns the bytes it left unsent. */
  private cutInFlight(): number {
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    if (inFlight === undefined) return 0;
    const sent = Math.trunc(inFlight.sentMemoryBytes());
    const missing = inFlight.spec.memoryBytes - sent + this.inFlightUnsent;
    this.inFlightUnsent = 0;
    inFlight.cancel();
    this.finishRound(this.current?.stage ?? 2, inFlight.start, sent, 'precopy');
    this.current = undefined;
    return missing;
  }
}

/** `bytes` in pieces of at most `chunk`. */
function splitBytes(bytes: number, chunk: number): number[] {
  const pieces: number[] = [];
  for (let left = bytes; left > 0; left -= chunk) pieces.push(Math.min(chunk, left));
  return pieces.length === 0 ? [0] : pieces;
}
