// Communications: a sender and a receiver meet on a mailbox; once both are there, the network model moves the
// bytes from the sender's host to the receiver's. Failures are told to each side as SimGrid does.
import type { LivemigError } from '../core/index.ts';
import { Activity, type Waiter } from './activity.ts';
import type { Actor } from './actor.ts';
import type { Engine } from './engine.ts';
import { cancelledError, networkFailure, timeoutError } from './errors.ts';
import type { SimHost } from './host.ts';
import type { Mailbox } from './mailbox.ts';

export type CommFailure = 'src-host' | 'dst-host' | 'link' | 'peer' | 'cancelled' | 'timeout';

export class CommActivity extends Activity {
  // Assigned in the constructor rather than by field initializers, which V8 runs slower (one per message).
  declare sender: Actor | undefined;
  declare receiver: Actor | undefined;
  declare srcHost: SimHost | undefined;
  declare dstHost: SimHost | undefined;
  declare payload: unknown;
  declare rateBytesPerSec: number | undefined;
  declare detached: boolean;
  declare failure: CommFailure | undefined;
  declare private cancelledBy: Actor | undefined;
  declare private remainingAtEnd: number | undefined;

  constructor(
    engine: Engine,
    readonly mailbox: Mailbox,
    /** Which side created the request waiting in the mailbox. */
    readonly side: 'send' | 'receive',
    public bytes: number,
  ) {
    super(engine, `comm on ${mailbox.name}`, undefined);
    this.sender = undefined;
    this.receiver = undefined;
    this.srcHost = undefined;
    this.dstHost = undefined;
    this.payload = undefined;
    this.rateBytesPerSec = undefined;
    this.detached = false;
    this.failure = undefined;
    this.cancelledBy = undefined;
    this.remainingAtEnd = undefined;
  }

  get kind(): 'comm' {
    return 'comm';
  }

  /** Starts the transfer once both sides are known. */
  start(): void {
    if (this.state !== 'ready') return;
    const src = this.srcHost ?? (this.sender as Actor).host;
    const dst = this.dstHost ?? (this.receiver as Actor).host;
    this.srcHost = src;
    this.dstHost = dst;
    const network = this.scheduler.network;
    if (network === undefined) throw networkFailure('No network model: the simulation has no platform.');
    this.startTime = this.scheduler.now;
    this.state = 'running';
    this.action = network.communicate(src, dst, this.bytes, this.rateBytesPerSec, this);
    if (this.sender?.suspended === true || this.receiver?.suspended === true) this.action.suspend();
  }

  /** Bytes left to transfer (when it ended: left when it ended). */
  remaining(): number {
    if (this.action !== undefined) return this.action.remaining();
    if (this.state === 'done') return 0;
    return this.remainingAtEnd ?? this.bytes;
  }

  protected override releaseAction(): void {
    if (this.action !== undefined && this.remainingAtEnd === undefined) this.remainingAtEnd = this.action.remaining();
    super.releaseAction();
  }

  protected override cancelAction(): void {
    if (this.action !== undefined && this.remainingAtEnd === undefined) this.remainingAtEnd = this.action.remaining();
    super.cancelAction();
  }

  protected settle(failed: boolean): void {
    if (this.isEnded()) return;
    if (this.srcHost !== undefined && !this.srcHost.isOn()) this.fail('src-host');
    else if (this.dstHost !== undefined && !this.dstHost.isOn()) this.fail('dst-host');
    else if (failed) this.fail(this.cancelledBy !== undefined ? 'cancelled' : 'link');
    else this.state = 'done';
    this.finishTime = this.scheduler.now;
    this.mailbox.remove(this);
    this.releaseAction();
    this.answerWaiters();
  }

  private fail(failure: CommFailure): void {
    this.state = failure === 'cancelled' ? 'canceled' : failure === 'timeout' ? 'timeout' : 'failed';
    this.failure = failure;
  }

  override errorFor(actor: Actor): LivemigError | undefined {
    switch (this.failure) {
      case undefined:
        return undefined;
      case 'timeout':
        return timeoutError(`Communication on mailbox "${this.mailbox.name}" timed out.`);
      case 'cancelled': {
        const by = this.cancelledBy === this.sender ? 'sender' : 'receiver';
        return cancelledError(`Communication on mailbox "${this.mailbox.name}" was cancelled by the ${by}.`);
      }
      case 'link':
        return networkFailure(`Communication on mailbox "${this.mailbox.name}" failed: a link on its route failed.`);
      default: {
        const host = this.failure === 'src-host' ? this.srcHost : this.dstHost;
        const peer = actor === this.sender ? 'receiver' : 'sender';
        return networkFailure(
          `Communication on mailbox "${this.mailbox.name}" failed: the ${peer} ` +
            (host !== undefined && !host.isOn()
              ? `host "${host.name}" was turned off.`
              : 'failed (remote peer failed).'),
          { mailbox: this.mailbox.name },
        );
      }
    }
  }

  /** A wait timed out: the whole communication is aborted (SimGrid's rule), both sides get a timeout. */
  override onWaitTimeout(waiter: Waiter): void {
    this.removeWaiter(waiter);
    if (this.isEnded()) return;
    this.cancelAction();
    this.fail('timeout');
    this.finishTime = this.scheduler.now;
    this.mailbox.remove(this);
    this.releaseAction();
    this.scheduler.wake(waiter.actor, undefined, this.errorFor(waiter.actor));
    this.answerWaiters();
  }

  override abandon(actor: Actor): void {
    this.waiters = this.waiters.filter((w) => w.actor !== actor);
    if (this.isEnded()) return;
    this.cancelAction();
    this.fail('peer');
    this.finishTime = this.scheduler.now;
    this.mailbox.remove(this);
    this.releaseAction();
    this.answerWaiters();
  }

  /** Cancels from one side: still in the mailbox, it is withdrawn; running, the others get a cancellation. */
  cancelBy(actor: Actor | undefined): void {
    if (this.isEnded()) return;
    this.cancelledBy = actor ?? this.sender ?? this.receiver;
    if (this.action === undefined) {
      this.mailbox.remove(this);
      this.fail('cancelled');
      this.finishTime = this.scheduler.now;
      this.answerWaiters();
      return;
    }
    this.cancelAction();
  }

  override cancel(): void {
    this.cancelBy(undefined);
  }

  protected abandonError(_actor: Actor): LivemigError {
    return networkFailure('Remote peer failed.');
  }

  protected override detachFromActors(): void {
    this.sender?.activities.delete(this);
    this.receiver?.activities.delete(this);
  }

  override describe(): string {
    const from = this.sender?.name ?? '?';
    const to = this.receiver?.name ?? '?';
    return `communication of ${this.bytes} bytes on mailbox "${this.mailbox.name}" (${from} -> ${to}, ${this.state})`;
  }
}
