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

// The fields are assigned in the constructor rather than by field initializers, which V8 runs slower.
export class Actor {
  declare state: ActorState;
  declare daemon: boolean;
  /** Set once the actor is killed: it can only unwind from then on. */
  declare killed: boolean;
  /** Suspended actors do not run, and their activities are paused. */
  declare suspended: boolean;
  /** Runnable but held back because suspended; goes back to the run queue on resume. */
  declare parked: boolean;
  declare waitingOn: Blocker | undefined;
  /** The wait in progress, if any (its timeout is cleared when the actor dies). */
  declare waiter: Waiter | undefined;
  /** Activities started by this actor and not finished (cancelled if it dies). */
  declare readonly activities: Set<Activity>;
  declare readonly exitCallbacks: ((killed: boolean) => void)[];
  /** Result to deliver when the actor next runs. */
  declare resumeValue: unknown;
  declare resumeError: unknown;
  declare hasResumeError: boolean;
  declare resolveFn: ((value: unknown) => void) | undefined;
  declare rejectFn: ((error: unknown) => void) | undefined;
  /** Whether the actor's promise chain was started. */
  declare started: boolean;
  declare readonly pid: number;
  declare readonly name: string;
  declare readonly host: SimHost;
  declare readonly body: () => Promise<void> | void;

  constructor(pid: number, name: string, host: SimHost, body: () => Promise<void> | void) {
    this.state = 'runnable';
    this.daemon = false;
    this.killed = false;
    this.suspended = false;
    this.parked = false;
    this.waitingOn = undefined;
    this.waiter = undefined;
    this.activities = new Set<Activity>();
    this.exitCallbacks = [];
    this.resumeValue = undefined;
    this.resumeError = undefined;
    this.hasResumeError = false;
    this.resolveFn = undefined;
    this.rejectFn = undefined;
    this.started = false;
    this.pid = pid;
    this.name = name;
    this.host = host;
    this.body = body;
  }

  isAlive(): boolean {
    return this.state !== 'terminated';
  }

  toString(): string {
    return `${this.name}@${this.host.name} (pid ${this.pid})`;
  }
}
