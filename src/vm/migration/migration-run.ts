// One live migration in progress: a sender actor on the source runs the rounds a strategy asks for (sender.ts), a
// receiver on the destination takes the data and resumes the VM there (receiver.ts), and the caller (issuer) waits
// for the receiver's acknowledgement. Where the run stands is one phase (run-phase.ts), moved by events through a
// pure table whose effects this file carries out. Every failure ends it cleanly: the caller gets a typed error and
// the VM ends up running on exactly one host, or is lost.
import { LivemigError } from '../../core/index.ts';
import { type Actor, ActorContext, internalsOf, SignalActivity, spawnActor } from '../../kernel/index.ts';
import type { Host } from '../../platform/index.ts';
import { createDirtyModel, type DirtyModel } from '../dirty-model.ts';
import type { VirtualMachine } from '../virtual-machine.ts';
import type { Abortable, VmManager } from '../vm-manager.ts';
import { deferredExecution } from './deferred-exec.ts';
import { awaitMigration } from './issuer.ts';
import { type MigrationSettings, resolveSettings } from './options.ts';
import type { PostCopyPhase } from './post-copy.ts';
import { MigrationReceiver } from './receiver.ts';
import { endMigrationRecord, type MigrationRecord, newMigrationRecord, type RoundRecord } from './records.ts';
import { cancelRefused, type FailureCode, failureText, settleVm } from './run-end.ts';
import {
  postCopyStarted,
  type RunEffect,
  type RunEvent,
  type RunPhase,
  runTransition,
  type VmFate,
} from './run-phase.ts';
import { MigrationSender } from './sender.ts';
import { MigrationStatsRecorder } from './stats.ts';
import type { MigrationStrategy, MigrationView, OperatorCommand } from './strategy.ts';

const SPLIT = 'its memory was split between the hosts';

/** Why a run fails, for the effects of a `fail` or `cancel` event. */
interface Failure {
  code: FailureCode;
  reason: string;
}

export class MigrationRun implements Abortable, MigrationView {
  readonly record: MigrationRecord;
  readonly tag: string;
  /** Where the sender's data goes, and where the receiver acknowledges to the issuer. */
  readonly dataMailbox: string;
  readonly controlMailbox: string;
  readonly settings: MigrationSettings;
  readonly stats: MigrationStatsRecorder;
  readonly dirty: DirtyModel;
  readonly sender: MigrationSender;
  readonly receiver: MigrationReceiver;
  tx: Actor | undefined;
  rx: Actor | undefined;
  syncCount = 0;
  throttlePercent = 0;
  private currentPhase: RunPhase = 'pre-copy';
  private readonly strategy: MigrationStrategy;
  /** Ends when the run does: succeeds when it completed, fails with its error otherwise. */
  readonly done: SignalActivity;
  private paused: number | undefined;
  private postCopyPhase: PostCopyPhase | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  /** When this run started (its record may be older: a control plane prepares it at its own start). */
  private readonly startedAt: number;
  /** The issuer was killed (its host failed) while it waited: the migration goes on without it (as in SimGrid). */
  private issuerDied = false;

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
    this.dataMailbox = `__mbox_mig_src_dst:${this.tag}`;
    this.controlMailbox = `__mbox_mig_ctl:${this.tag}`;
    this.done = new SignalActivity(manager.engine, `migration of ${vm.name}`);
    this.dirty = createDirtyModel(vm, vm.dirtyModel);
    this.stats = new MigrationStatsRecorder(manager.engine, vm.ramBytes);
    this.startedAt = manager.engine.now;
    this.sender = new MigrationSender(this, this.strategy);
    this.receiver = new MigrationReceiver(this);
    const adopted = this.settings.record;
    if (adopted !== undefined) {
      adopted.algorithm = this.strategy.name;
      adopted.stats = this.stats.snapshot();
      this.record = adopted;
      return;
    }
    this.record = newMigrationRecord({
      id,
      vm: vm.name,
      from: source.name,
      to: destination.name,
      algorithm: this.strategy.name,
      start: manager.engine.now,
      stats: this.stats.snapshot(),
    });
  }

  get engine() {
    return this.manager.engine;
  }

  /** Where the run stands. */
  get phase(): RunPhase {
    return this.currentPhase;
  }

  /** Whether the run ended (completed or failed). */
  get isOver(): boolean {
    return this.currentPhase === 'completed' || this.currentPhase === 'failed';
  }

  /** Whether the strategy went post-copy (the VM resumes on the destination before its memory is all there). */
  get inPostCopy(): boolean {
    return this.postCopyPhase !== undefined;
  }

  /** Post-copy's receiving side, once the strategy went post-copy. */
  get postCopy(): PostCopyPhase | undefined {
    return this.postCopyPhase;
  }

  /** When the VM paused on the source for the switch-over. */
  get pausedAt(): number | undefined {
    return this.paused;
  }

  /** Whether the issuer died while it waited. */
  get issuerGone(): boolean {
    return this.issuerDied;
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

  get current(): MigrationView['current'] {
    return this.sender.current;
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
  applyThrottle(): void {
    const withheld = 1 - (1 - this.throttlePercent / 100) * (1 - this.settings.trackingCpuShare);
    this.vm.setThrottle(withheld);
    this.dirty.setThrottle(this.now, withheld);
  }

  setExpectedDowntime(seconds: number): void {
    this.stats.expectedDowntimeSec = seconds;
  }

  /** An operator command, taken into account at the strategy's next decision (at once if it idles). */
  command(command: OperatorCommand): void {
    this.sender.command(command);
  }

  // ---- the caller's side -------------------------------------------------------------------------------

  /** Runs the migration on behalf of the issuer; resolves with the record once the VM runs on the destination. */
  async perform(): Promise<MigrationRecord> {
    this.vm.apply('migration-started');
    this.manager.trackMigration(this.vm, this);
    this.unsubscribe.push(this.destination.onStateChange((_h, on) => !on && this.destinationFailed()));
    this.unsubscribe.push(this.source.onStateChange((_h, on) => !on && this.sourceFailedInPostCopy()));
    this.stats.status('setup');
    this.trace('vm.migration.started', { algorithm: this.strategy.name });
    const engine = this.engine;
    this.rx = spawnActor(engine, `__pr_mig_rx:${this.tag}`, this.destination, (rx) => this.receiver.receive(rx));
    this.tx = spawnActor(engine, `__pr_mig_tx:${this.tag}`, this.source, (tx) => this.sender.transmit(tx));
    return awaitMigration(this, new ActorContext(engine, this.issuer));
  }

  /** The issuer was killed (its host failed) while it waited: the migration goes on without it. */
  issuerKilled(): void {
    this.issuerDied = true;
  }

  // ---- what the sender and the receiver tell the run ------------------------------------------------------

  /** The VM stops on the source for the switch-over (before the gate, if any). */
  pauseOnSource(): void {
    this.vm.pauseForMigration(true);
    this.dirty.setPaused(this.now, true);
    this.paused = this.now;
    this.trace('vm.migration.paused', {});
    this.raise('pause');
    this.settings.onPaused?.(this);
  }

  /** The strategy went post-copy: `phase` will run its receiving side. */
  postCopyStarted(phase: PostCopyPhase): void {
    this.postCopyPhase = phase;
    this.raise('post-copy');
  }

  /** Every page reached the destination, after post-copy. */
  pagesArrived(): void {
    this.vm.apply('migration-completed');
    this.manager.untrackMigration(this.vm);
    this.raise('pages-arrived');
  }

  // ---- events and their effects ---------------------------------------------------------------------------

  /** Moves the run by `event` (the table of run-phase.ts) and carries out the effects; `failure` says why, for the
   * events that may end the run badly. */
  raise(event: RunEvent, failure?: Failure): readonly RunEffect[] {
    const { to, effects } = runTransition(this.currentPhase, event);
    this.currentPhase = to;
    for (const effect of effects) this.carryOut(effect, failure);
    return effects;
  }

  private carryOut(effect: RunEffect, failure: Failure | undefined): void {
    switch (effect.type) {
      case 'fail':
        if (failure === undefined) throw new LivemigError('internal', 'A migration failed without a reason.');
        this.ended(failure, effect.vm);
        break;
      case 'complete':
        this.completed();
        break;
      case 'move-to-destination':
        this.vm.setPm(this.destination);
        this.trace('vm.migration.source-lost', {});
        break;
      case 'refuse-cancel':
        throw cancelRefused(this);
    }
  }

  // ---- failures -------------------------------------------------------------------------------------------

  /** QEMU's migrate_cancel: before the switch-over the migration is aborted and the VM keeps running on its source. In
   * post-copy the VM runs on the destination with part of its memory on the source: refused, as cancelling would
   * lose it. */
  cancel(): void {
    const reason = 'cancelled by the operator (migrate_cancel); the VM keeps running on its source';
    this.raise('cancel', { code: 'migration-aborted', reason });
  }

  /** Aborts the migration (the VM was shut down or destroyed, or its host failed). */
  abort(reason: string): void {
    if (postCopyStarted(this.phase)) {
      this.fail('migration-failed', `${reason} during post-copy; the VM was lost (${SPLIT})`);
    } else if (!this.source.isOn()) {
      this.fail('migration-failed', `source host "${this.source.name}" was turned off; the VM was lost with it`);
    } else {
      this.fail('migration-aborted', reason);
    }
  }

  /** The source host is failing. Once every byte is at the destination (outside post-copy) and the caller holds
   * the source after completion, the VM is not lost: it moves, paused, to the destination and waits there. */
  keepsVmOnSourceFailure(source: Host): boolean {
    if (source !== this.source || !this.settings.holdSourceAfterCompletion) return false;
    return this.raise('source-lost').length > 0;
  }

  /** In post-copy, the source holds the pages the destination still misses: losing it loses the VM. */
  private sourceFailedInPostCopy(): void {
    if (this.phase !== 'post-copy') return;
    this.fail(
      'migration-failed',
      `source host "${this.source.name}" was turned off during post-copy; the VM was lost (${SPLIT})`,
    );
  }

  private destinationFailed(): void {
    const off = `destination host "${this.destination.name}" was turned off`;
    const moved = postCopyStarted(this.phase) || this.vm.pm === this.destination;
    this.fail(
      'migration-failed',
      moved
        ? `${off} after the VM moved there; the VM was lost`
        : `${off}; the VM keeps running on "${this.source.name}"`,
    );
  }

  fail(code: FailureCode, reason: string): void {
    this.raise('fail', { code, reason });
  }

  /** The migration is over and went well (an event; ignored before the VM landed). */
  complete(): void {
    this.raise('complete');
  }

  /** The end of a failed run: the VM meets `fate`, the actors stop, the record and the caller learn why. */
  private ended({ code, reason }: Failure, fate: VmFate): void {
    const vm = this.vm;
    settleVm(this, fate);
    this.manager.untrackMigration(vm);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const engine = this.engine;
    for (const actor of [this.tx, this.rx])
      if (actor?.isAlive()) internalsOf(engine).kill(actor, 'its migration ended');
    const text = failureText(this, code, reason);
    // A record prepared by a control plane gets its outcome from it (the copy is one of its phases).
    const outcome = code === 'migration-aborted' ? 'aborted' : 'failed';
    if (this.settings.record === undefined) endMigrationRecord(this.record, engine.now, outcome, text);
    this.stats.status(code === 'migration-aborted' ? 'cancelled' : 'failed');
    this.record.stats = this.stats.snapshot();
    this.record.details = this.strategy.report?.();
    this.trace(code === 'migration-aborted' ? 'vm.migration.aborted' : 'vm.migration.failed', { error: text });
    const error = new LivemigError(code, text, { details: { record: this.record } });
    this.done.fail(error);
    this.settings.onEnded?.(this, error);
  }

  private completed(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const now = this.engine.now;
    if (this.settings.record === undefined) endMigrationRecord(this.record, now, 'completed', undefined);
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
  runInVm(cost: 'tracking' | 'receive', flops: number): void {
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
