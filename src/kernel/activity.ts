// Activities (executions, sleeps, communications): what actors wait for. An activity owns at most one model
// action; when the model reports that the action ended, the activity settles and answers its waiters in order.
import type { LivemigError } from '../core/index.ts';
import type { Actor, Blocker } from './actor.ts';
import type { Engine } from './engine.ts';
import { timeoutError } from './errors.ts';
import { schedulerOf } from './internals.ts';
import type { ActionOwner, ModelAction } from './resource-model.ts';
import type { Scheduler } from './scheduler.ts';

export type ActivityState = 'inited' | 'waiting' | 'ready' | 'running' | 'done' | 'failed' | 'canceled' | 'timeout';

/** An actor waiting for an activity, alone or as part of a waitAny group, maybe with a timeout. */
export interface Waiter {
  readonly actor: Actor;
  readonly group: WaitGroup | undefined;
  timeout: WaitTimeout | undefined;
}

/** What bounds a wait in time; cleared when the wait ends first. */
export interface WaitTimeout {
  clear(): void;
}

// The fields are assigned in the constructor rather than declared with initializers: V8 runs class-field
// initializers noticeably slower, and an activity is created for every execution, sleep and message.
export abstract class Activity implements ActionOwner, Blocker {
  declare state: ActivityState;
  declare action: ModelAction | undefined;
  declare waiters: Waiter[];
  declare startTime: number | undefined;
  declare finishTime: number | undefined;
  declare private errorValue: LivemigError | undefined;
  /** Builds the error on first demand: an Error's stack trace is costly, and most cancellations nobody sees. */
  declare private errorBuilder: ((activity: Activity) => LivemigError) | undefined;
  /** Whether the owner's wait or test returned successfully (SimGrid's s4u on_completion) yet. */
  declare private completed: boolean;
  declare protected readonly scheduler: Scheduler;
  declare readonly name: string;
  /** The actor that started the activity (undefined when started from outside any actor). */
  declare readonly issuer: Actor | undefined;

  constructor(engine: Engine, name: string, issuer: Actor | undefined) {
    this.state = 'inited';
    this.action = undefined;
    this.waiters = [];
    this.startTime = undefined;
    this.finishTime = undefined;
    this.errorValue = undefined;
    this.errorBuilder = undefined;
    this.completed = false;
    this.scheduler = schedulerOf(engine);
    this.name = name;
    this.issuer = issuer;
  }

  abstract readonly kind: 'exec' | 'sleep' | 'comm' | 'join' | 'signal';

  /** Why the activity failed, once it did. */
  get error(): LivemigError | undefined {
    const builder = this.errorBuilder;
    if (builder !== undefined) {
      this.errorBuilder = undefined;
      this.errorValue = builder(this);
    }
    return this.errorValue;
  }

  set error(error: LivemigError | undefined) {
    this.errorBuilder = undefined;
    this.errorValue = error;
  }

  /** Sets the error to what `builder` returns for this activity, built only if someone asks for it. */
  protected failLater<A extends Activity>(this: A, builder: (activity: A) => LivemigError): void {
    this.errorValue = undefined;
    (this as Activity).errorBuilder = builder as (activity: Activity) => LivemigError;
  }

  isEnded(): boolean {
    const s = this.state;
    return s === 'done' || s === 'failed' || s === 'canceled' || s === 'timeout';
  }

  describe(): string {
    return `${this.kind} activity "${this.name}" (${this.state})`;
  }

  /** The error a given waiter gets once the activity has ended, or undefined when it succeeded. */
  errorFor(_actor: Actor): LivemigError | undefined {
    return this.error;
  }

  /** The model reports that the action ended. */
  actionEnded(_action: ModelAction, failed: boolean): void {
    this.settle(failed);
  }

  /** Sets the final state, frees the action and answers every waiter. */
  protected abstract settle(failed: boolean): void;

  /** The waiter of `actor` timed out before the activity ended. Default: it just stops waiting. */
  onWaitTimeout(waiter: Waiter): void {
    this.removeWaiter(waiter);
    this.scheduler.wake(waiter.actor, undefined, timeoutError(`Timed out waiting for ${this.describe()}.`));
  }

  /** The blocked actor was killed: cancel this activity for everyone (SimGrid's rule) and answer the others. */
  abandon(actor: Actor): void {
    this.waiters = this.waiters.filter((w) => w.actor !== actor);
    if (this.isEnded()) return;
    this.cancelAction();
    this.failForAll(this.abandonError(actor));
  }

  /** Cancels the activity from its owner's side; the others get an error when the model reports it. */
  cancel(): void {
    if (this.isEnded()) return;
    this.cancelAction();
  }

  protected abstract abandonError(actor: Actor): LivemigError;

  protected cancelAction(): void {
    this.action?.cancel();
  }

  /** Ends the activity at once as failed with `error`, freeing its action and answering its waiters. */
  failForAll(error: LivemigError): void {
    this.state = 'failed';
    this.error = error;
    this.finishTime = this.scheduler.now;
    this.releaseAction();
    this.answerWaiters();
  }

  protected releaseAction(): void {
    if (this.action !== undefined) {
      this.action.release();
      this.action = undefined;
    }
  }

  /** Answers every waiter, in the order they started waiting. */
  protected answerWaiters(): void {
    this.detachFromActors();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) this.scheduler.answerWaiter(waiter, this);
  }

  removeWaiter(waiter: Waiter): void {
    const at = this.waiters.indexOf(waiter);
    if (at >= 0) this.waiters.splice(at, 1);
  }

  /** Runs the completion hooks once (when the owner's wait or test returns). */
  complete(): void {
    if (this.completed) return;
    this.completed = true;
    this.scheduler.completed.emit(this);
  }

  /** Pauses the activity (its actor was suspended). */
  suspend(): void {
    if (this.action === undefined) return;
    this.action.suspend();
    this.scheduler.suspended.emit(this);
  }

  resume(): void {
    if (this.action === undefined) return;
    this.action.resume();
    this.scheduler.resumed.emit(this);
  }

  /** Forgets the activity in the actors that started it. */
  protected detachFromActors(): void {
    this.issuer?.activities.delete(this);
  }
}

/** A waitAny: one actor waiting for the first of several activities. */
export class WaitGroup implements Blocker {
  constructor(
    readonly actor: Actor,
    readonly activities: readonly Activity[],
  ) {}

  describe(): string {
    return `any of ${this.activities.map((a) => a.describe()).join(', ')}`;
  }

  abandon(_actor: Actor): void {
    this.detach();
  }

  /** Leaves every activity's waiters (in place: no activity's list is being iterated when this runs, since
   * answering takes the list off the activity first). */
  detach(): void {
    for (const activity of this.activities) {
      const waiters = activity.waiters;
      for (let i = waiters.length - 1; i >= 0; i--) if ((waiters[i] as Waiter).group === this) waiters.splice(i, 1);
    }
  }
}

/** The timeout of a wait: a sleep on the waiting actor's host that ends the wait when it completes first. */
export class TimeoutWatch implements ActionOwner, WaitTimeout {
  action: ModelAction | undefined;

  constructor(
    readonly waiter: Waiter,
    readonly activity: Activity,
  ) {}

  actionEnded(action: ModelAction, failed: boolean): void {
    action.release();
    this.action = undefined;
    if (failed || this.waiter.timeout !== this) return; // cancelled: the wait ended first
    this.waiter.timeout = undefined;
    this.activity.onWaitTimeout(this.waiter);
  }

  /** The wait ended first: stop the sleep (the model reports it as failed, and it is released then). */
  clear(): void {
    if (this.waiter.timeout === this) this.waiter.timeout = undefined;
    this.action?.cancel();
  }
}
