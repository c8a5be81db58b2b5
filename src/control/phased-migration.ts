// One phased migration as the controller and both agents share it: who is where, the settings, the records, and
// the signals between the agents and the memory-copy engine on their own hosts (the VM paused, the memory all at
// the destination, the destination's decision to resume it, the switch-over). Also the engine options that hook
// the copy into the protocol, and the conclusion told to the caller.
import type { LivemigError } from '../core/index.ts';
import { ActivityHandle, type ActorContext, type Engine, SignalActivity } from '../kernel/index.ts';
import type { Host } from '../platform/index.ts';
import type { MigrateOptions, MigrationRecord, Reservation, VirtualMachine, VmManager } from '../vm/index.ts';
import type { KeepAliveSettings } from './endpoint.ts';
import type { FaultBook } from './faults.ts';
import type { ControlServices, MigrationFeature } from './features/feature.ts';
import type { Address, ControlNetwork } from './network.ts';
import type { PhaseName } from './protocol.ts';
import type { FailureReason, ProtocolRecord } from './records.ts';

export interface PhasedSettings {
  /** The memory copy's options (algorithm and its parameters). */
  engine: MigrateOptions;
  controller: Host;
  features: MigrationFeature[];
  keepAlive: KeepAliveSettings;
  requestTimeoutSec: number;
  pauseBeforeSwitchover: boolean;
  /** Optional features commit after the switch-over (they never hold it). */
  fast: boolean;
}

/** What the agents use around them. */
export interface PlaneServices extends ControlServices {
  readonly engine: Engine;
  readonly vms: VmManager;
  readonly network: ControlNetwork;
  readonly faults: FaultBook;
}

/** The outcome of the memory copy, as the source's helper actor saw it. */
export interface CopyOutcome {
  error: LivemigError | undefined;
}

export interface Failure {
  phase: PhaseName;
  reason: FailureReason;
  error: string;
}

export class PhasedMigration {
  readonly paused: SignalActivity;
  readonly gateAsked: SignalActivity;
  readonly gateAnswer: SignalActivity<boolean>;
  /** The last byte reached the destination (QEMU's completed; in post-copy, the device state). */
  readonly dataComplete: SignalActivity;
  /** The destination's word: 'commit', or why it refuses to resume the VM. */
  readonly finishDecision: SignalActivity<string>;
  readonly switchedOver: SignalActivity;
  readonly copyEnded: SignalActivity<CopyOutcome>;
  readonly done: SignalActivity<MigrationRecord>;
  readonly addresses: { readonly controller: Address; readonly source: Address; readonly destination: Address };
  incoming: Reservation | undefined;
  outgoing: Reservation | undefined;
  postCopy = false;
  pausedAt: number | undefined;
  dataCompleteAt: number | undefined;
  resumedAt: number | undefined;
  concluded = false;
  /** Told once the migration concluded (the control plane forgets it as in progress). */
  onConcluded: (() => void) | undefined;

  constructor(
    readonly services: PlaneServices,
    readonly record: MigrationRecord,
    readonly protocol: ProtocolRecord,
    readonly vm: VirtualMachine,
    readonly source: Host,
    readonly destination: Host,
    readonly settings: PhasedSettings,
  ) {
    const engine = services.engine;
    const signal = <T>(what: string) => new SignalActivity<T>(engine, `${what} of migration ${record.id}`);
    this.paused = signal('pause');
    this.gateAsked = signal('switch-over question');
    this.gateAnswer = signal<boolean>('switch-over answer');
    this.dataComplete = signal('memory copy');
    this.finishDecision = signal<string>('finish decision');
    this.switchedOver = signal('switch-over');
    this.copyEnded = signal<CopyOutcome>('copy end');
    this.done = signal<MigrationRecord>('phased migration');
    const at = (role: string, host: Host): Address => ({ name: role, mailbox: `livemig.${record.id}.${role}`, host });
    this.addresses = {
      controller: at('controller', settings.controller),
      source: at('source', source),
      destination: at('destination', destination),
    };
  }

  get id(): number {
    return this.record.id;
  }

  /** The VM is gone: destroyed, or shut down with the host it ran on. */
  get vmLost(): boolean {
    return this.vm.isReleased || this.vm.state === 'destroyed';
  }

  get now(): number {
    return this.services.engine.now;
  }

  /** The memory copy's options, hooked into the protocol. */
  engineOptions(): MigrateOptions {
    const gate = async (ctx: ActorContext) => {
      this.gateAsked.succeed();
      if ((await waitSignal(ctx, this.gateAnswer)) !== true) throw new Error('the controller did not allow it');
    };
    return {
      ...this.settings.engine,
      record: this.record,
      holdSourceAfterCompletion: true,
      onPaused: () => {
        this.pausedAt = this.now;
        this.paused.succeed();
      },
      onSwitchedOver: () => this.switchOver(),
      // The copy's actor runs on the source and may die with it: the end of the copy is told here as well.
      onEnded: (_run, error) => this.copyEnded.succeed({ error }),
      beforeResume: async (ctx, run) => {
        this.postCopy = run.inPostCopy;
        this.dataCompleteAt = this.now;
        this.dataComplete.succeed();
        const decision = await waitSignal(ctx, this.finishDecision);
        if (decision !== 'commit') throw new Error(decision ?? 'the destination refused');
      },
      ...(this.settings.pauseBeforeSwitchover ? { beforeSwitchover: gate } : {}),
    };
  }

  /** The commit point: the VM runs on the destination; its memory there is no longer a reservation, and the source's
   * paused copy holds its memory until Confirm destroys it. */
  private switchOver(): void {
    this.resumedAt = this.now;
    const vms = this.services.vms;
    if (this.incoming !== undefined) vms.releaseReservation(this.incoming);
    this.incoming = undefined;
    if (this.source.isOn()) this.outgoing = vms.reserve(this.vm, this.source, 'outgoing', false);
    this.switchedOver.succeed();
  }

  releaseOutgoing(): void {
    if (this.outgoing !== undefined) this.services.vms.releaseReservation(this.outgoing);
    this.outgoing = undefined;
  }

  releaseIncoming(): void {
    if (this.incoming !== undefined) this.services.vms.releaseReservation(this.incoming);
    this.incoming = undefined;
  }

  /** Resumes the VM where a failed migration left it paused (the source), noting when. */
  resumeOnSource(): void {
    const vm = this.vm;
    if (vm.isReleased || !vm.pausedForMigration || vm.pm !== this.source || vm.isMigrating) return;
    this.services.vms.resumeHeld(vm);
    this.resumedAt = this.now;
  }

  warn(text: string): void {
    this.protocol.warnings.push(`${this.now} s: ${text}`);
  }

  trace(type: string, fields: Record<string, unknown>): void {
    const trace = this.services.engine.trace;
    if (!trace.wants(type)) return;
    trace.emit({ time: this.now, type, migration: this.id, vm: this.vm.name, ...fields });
  }
}

/** Waits for `signal` from the actor of `ctx`; its value. */
export async function waitSignal<T>(ctx: ActorContext, signal: SignalActivity<T>): Promise<T | undefined> {
  await new ActivityHandle(signal, ctx).wait();
  return signal.value;
}
