// An actor: a user `async` function running on a host, scheduled by the engine one at a time, in a deterministic
// order. It runs until it waits for something (an activity, a message, a join), then the next actor runs.
import type { Activity, Waiter } from './activity.ts';
import type { SimHost } from './host.ts';

export type ActorState = 'runnable' | 'running' | 'blocked' | 'terminated';

/** Something an actor can be blocked on; told when the blocked actor is killed. */
export interface Blocker {
  describe(): string;
  /** The waiting actor was killed: stop waiting for it (and cancel what it waited for, if that is the rule). */
  abandon(actor: Actor): void;
}

export class Actor {
  state: ActorState = 'runnable';
  daemon = false;
  /** Set once the actor is killed: it can only unwind from then on. */
  killed = false;
  /** Suspended actors do not run, and their activities are paused. */
  suspended = false;
  /** Runnable but held back because suspended; goes back to the run queue on resume. */
  parked = false;
  waitingOn: Blocker | undefined;
  /** The wait in progress, if any (its timeout is cleared when the actor dies). */
  waiter: Waiter | undefined;
  /** Activities started by this actor and not finished (cancelled if it dies). */
  readonly activities = new Set<Activity>();
  readonly exitCallbacks: ((killed: boolean) => void)[] = [];
  /** Result to deliver when the actor next runs. */
  resumeValue: unknown;
  resumeError: unknown;
  hasResumeError = false;
  resolveFn: ((value: unknown) => void) | undefined;
  rejectFn: ((error: unknown) => void) | undefined;
  /** Whether the actor's promise chain was started. */
  started = false;

  constructor(
    readonly pid: number,
    readonly name: string,
    readonly host: SimHost,
    readonly body: () => Promise<void> | void,
  ) {}

  isAlive(): boolean {
    return this.state !== 'terminated';
  }

  toString(): string {
    return `${this.name}@${this.host.name} (pid ${this.pid})`;
  }
}
