// A signal: an activity settled by code rather than by a model (a one-shot event an actor can wait for,
// alone or in waitAny with other activities).
import type { LivemigError } from '../core/index.ts';
import { Activity } from './activity.ts';
import type { Actor } from './actor.ts';
import type { Engine } from './engine.ts';

export class SignalActivity<T = unknown> extends Activity {
  get kind(): 'signal' {
    return 'signal';
  }
  value: T | undefined;

  constructor(engine: Engine, name: string) {
    super(engine, name, undefined);
    this.state = 'running';
    this.startTime = engine.now;
  }

  /** Ends the signal successfully; waiters wake up. Ignored once settled. */
  succeed(value?: T): void {
    if (this.isEnded()) return;
    this.value = value;
    this.state = 'done';
    this.finishTime = this.scheduler.now;
    this.answerWaiters();
  }

  /** Ends the signal with an error; waiters wake up with it. Ignored once settled. */
  fail(error: LivemigError): void {
    if (this.isEnded()) return;
    this.failForAll(error);
  }

  protected settle(_failed: boolean): void {}

  /** A killed waiter just stops waiting. */
  override abandon(actor: Actor): void {
    this.waiters = this.waiters.filter((w) => w.actor !== actor);
  }

  protected abandonError(_actor: Actor): LivemigError {
    throw new Error('unreachable');
  }

  override describe(): string {
    return `signal "${this.name}" (${this.state})`;
  }
}
