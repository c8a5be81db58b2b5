// The simulation engine: clock, resource models, event calendar and the actor scheduler. Actors run one at a
// time in a fixed order (creation order, then the order they are woken); when none can run, the engine asks every
// model when its next action ends, jumps to the earliest date (or timer), lets the models finish what ends then,
// and wakes the actors that waited for it. Same inputs, same order, same output.
import { LivemigError } from '../core/index.ts';
import { type Activity, type Waiter, WaitGroup } from './activity.ts';
import { Actor, type Blocker } from './actor.ts';
import { Calendar, type Timer } from './calendar.ts';
import { actorKilled, hostFailure } from './errors.ts';
import type { ExecActivity } from './exec.ts';
import type { SimHost } from './host.ts';
import { Mailbox } from './mailbox.ts';
import type { ModelAction, NetworkResource, ResourceModel } from './resource-model.ts';
import { TraceBus } from './trace.ts';

export interface EngineOptions {
  /** What an uncaught error in an actor does: stop the run with it ('fail', default) or be recorded ('record'). */
  actorErrors?: 'fail' | 'record';
}

export interface RunOptions {
  /** Stop when the clock reaches this date (seconds); the run can be continued later. */
  until?: number;
}

export interface RunResult {
  endTime: number;
  reason: 'finished' | 'until';
}

export interface LogRecord {
  time: number;
  pid: number;
  actor: string;
  host: string;
  message: string;
}

export interface ActorFailure {
  time: number;
  actor: string;
  host: string;
  error: unknown;
}

export interface SpawnOptions {
  daemon?: boolean;
}

/** A deadlock: actors remain, none can run and nothing will ever happen. */
export interface BlockedActor {
  pid: number;
  actor: string;
  host: string;
  waitingFor: string;
}

export class Engine {
  now = 0;
  readonly calendar = new Calendar();
  readonly trace = new TraceBus();
  readonly failures: ActorFailure[] = [];
  /** Global activity signals, as SimGrid's s4u ones (used by the VM layer to count a VM's running executions). */
  readonly signals = new ActivitySignals();
  network: NetworkResource | undefined;
  /** Finds a host by name (set by the simulation), so that actors can name hosts instead of passing them. */
  hostResolver: ((name: string) => SimHost) | undefined;
  /** The actor whose code is running, if any. */
  current: Actor | undefined;
  private readonly models: ResourceModel[] = [];
  private readonly alive = new Map<number, Actor>();
  private readonly byHost = new Map<SimHost, Set<Actor>>();
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly logSinks: ((record: LogRecord) => void)[] = [];
  private readonly actorErrors: 'fail' | 'record';
  private nextPid = 1;
  private daemons = 0;
  private queue: Actor[] = [];
  private queueHead = 0;
  private phase: 'idle' | 'running' | 'paused' | 'ended' = 'idle';
  private until = Number.POSITIVE_INFINITY;
  private settle: { resolve: (result: RunResult) => void; reject: (error: unknown) => void } | undefined;
  private steps = 0;

  constructor(options: EngineOptions = {}) {
    this.actorErrors = options.actorErrors ?? 'fail';
  }

  /** Number of time steps taken so far. */
  get stepCount(): number {
    return this.steps;
  }

  /** Adds a resource model; models are asked in the order they were added. */
  addModel(model: ResourceModel): void {
    this.models.push(model);
  }

  mailbox(name: string): Mailbox {
    let box = this.mailboxes.get(name);
    if (box === undefined) {
      box = new Mailbox(this, name);
      this.mailboxes.set(name, box);
    }
    return box;
  }

  schedule(date: number, callback: () => void): Timer {
    if (!(date >= this.now)) {
      throw new LivemigError(
        'invalid-argument',
        `Cannot schedule an event at ${date} s: it is before now (${this.now} s).`,
      );
    }
    return this.calendar.schedule(date, callback);
  }

  // ---- logging -------------------------------------------------------------------------------------------

  onLog(sink: (record: LogRecord) => void): () => void {
    this.logSinks.push(sink);
    return () => {
      const at = this.logSinks.indexOf(sink);
      if (at >= 0) this.logSinks.splice(at, 1);
    };
  }

  log(actor: Actor | undefined, message: string): void {
    const record: LogRecord = {
      time: this.now,
      pid: actor?.pid ?? 0,
      actor: actor?.name ?? 'maestro',
      host: actor?.host.name ?? '',
      message,
    };
    for (const sink of this.logSinks) sink(record);
  }

  // ---- actors -----------------------------------------------------------------------------------------------

  /** The host of that name, through the simulation's resolver. */
  resolveHost(host: SimHost | string): SimHost {
    if (typeof host !== 'string') return host;
    if (this.hostResolver === undefined) {
      throw new LivemigError('invalid-argument', `Cannot find host "${host}" by name: this engine has no platform.`);
    }
    return this.hostResolver(host);
  }

  spawn(
    name: string,
    where: SimHost | string,
    body: (actor: Actor) => Promise<void> | void,
    options: SpawnOptions = {},
  ): Actor {
    const host = this.resolveHost(where);
    if (!host.isOn()) {
      throw hostFailure(host.name, `Cannot start actor "${name}" on host "${host.name}": the host is off.`);
    }
    const pid = this.nextPid++;
    const actor: Actor = new Actor(pid, name, host, () => body(actor));
    this.alive.set(pid, actor);
    this.hostSet(host).add(actor);
    if (options.daemon === true) this.daemonize(actor);
    this.enqueue(actor);
    if (this.trace.wants('actor.created')) {
      this.trace.emit({ time: this.now, type: 'actor.created', pid, actor: name, host: host.name });
    }
    return actor;
  }

  daemonize(actor: Actor): void {
    if (actor.daemon) return;
    actor.daemon = true;
    this.daemons++;
  }

  actorsOn(host: SimHost): Actor[] {
    return [...(this.byHost.get(host) ?? [])];
  }

  aliveActors(): Actor[] {
    return [...this.alive.values()];
  }

  actorByPid(pid: number): Actor | undefined {
    return this.alive.get(pid);
  }

  /** Moves an actor to another host (used when a VM's actors follow it). */
  moveActor(actor: Actor, host: SimHost): void {
    this.byHost.get(actor.host)?.delete(actor);
    actor.host = host;
    this.hostSet(host).add(actor);
  }

  /** Throws unless `actor` is the one running now (catches a forgotten `await`). */
  checkRunning(actor: Actor, operation: string): void {
    if (actor.killed) throw actorKilled(actor.name, 'it cannot do anything once killed');
    if (actor !== this.current) {
      throw new LivemigError(
        'invalid-state',
        `Actor "${actor.name}" called ${operation} while it is not running. ` +
          'Await every simulated operation before starting the next one (use waitAll/waitAny to wait for several).',
        { details: { actor: actor.name, operation } },
      );
    }
  }

  /** Blocks the running actor on `blocker`; the promise settles when the actor is woken. */
  block(actor: Actor, blocker: Blocker | undefined): Promise<unknown> {
    actor.state = 'blocked';
    actor.waitingOn = blocker;
    return this.switchAway(actor);
  }

  /** Lets the other runnable actors run first; the actor continues at the same date with `value`. */
  yield(actor: Actor, value?: unknown): Promise<unknown> {
    actor.state = 'runnable';
    actor.resumeValue = value;
    actor.hasResumeError = false;
    this.enqueue(actor);
    return this.switchAway(actor);
  }

  /** Like `yield`, but the actor continues by throwing `error` (an operation that failed at once). */
  yieldError(actor: Actor, error: unknown): Promise<unknown> {
    actor.state = 'runnable';
    actor.resumeError = error;
    actor.hasResumeError = true;
    this.enqueue(actor);
    return this.switchAway(actor);
  }

  private switchAway(actor: Actor): Promise<unknown> {
    const promise = new Promise<unknown>((resolve, reject) => {
      actor.resolveFn = resolve;
      actor.rejectFn = reject;
    });
    if (this.current === actor) this.current = undefined;
    this.scheduleNext();
    return promise;
  }

  wake(actor: Actor, value: unknown): void {
    if (!actor.isAlive() || actor.state !== 'blocked') return;
    actor.waitingOn = undefined;
    actor.resumeValue = value;
    actor.hasResumeError = false;
    actor.state = 'runnable';
    this.enqueue(actor);
  }

  wakeWithError(actor: Actor, error: unknown): void {
    if (!actor.isAlive() || actor.state !== 'blocked') return;
    actor.waitingOn = undefined;
    actor.resumeError = error;
    actor.hasResumeError = true;
    actor.state = 'runnable';
    this.enqueue(actor);
  }

  /** Kills an actor: what it waited for is cancelled, then it unwinds with an 'actor-killed' error. */
  kill(victim: Actor, reason: string): void {
    if (!victim.isAlive() || victim.killed) return;
    victim.killed = true;
    victim.suspended = false;
    victim.waiter?.timeout?.clear();
    victim.waiter = undefined;
    const blocker = victim.waitingOn;
    victim.waitingOn = undefined;
    blocker?.abandon(victim);
    for (const activity of [...victim.activities]) activity.cancel();
    victim.activities.clear();
    if (victim === this.current) return; // the running actor kills itself: its next operation throws
    victim.resumeError = actorKilled(victim.name, reason);
    victim.hasResumeError = true;
    if (victim.state === 'blocked' || victim.parked) {
      victim.parked = false;
      victim.state = 'runnable';
      this.enqueue(victim);
    }
  }

  killActorsOn(host: SimHost, reason: string): void {
    for (const actor of this.actorsOn(host)) this.kill(actor, reason);
  }

  /** Suspends an actor: its activities pause and it does not run until resumed. */
  suspendActor(actor: Actor): void {
    if (actor.suspended || !actor.isAlive()) return;
    actor.suspended = true;
    for (const activity of actor.activities) suspendActivity(activity);
  }

  resumeActor(actor: Actor): void {
    if (!actor.suspended || actor.killed || !actor.isAlive()) return;
    actor.suspended = false;
    for (const activity of actor.activities) resumeActivity(activity);
    if (actor.parked) {
      actor.parked = false;
      this.enqueue(actor);
    }
  }

  /** Delivers the end of `activity` to one of its waiters. */
  answerWaiter(waiter: Waiter, activity: Activity): void {
    waiter.timeout?.clear();
    if (waiter.actor.waiter === waiter) waiter.actor.waiter = undefined;
    let index: number | undefined;
    if (waiter.group !== undefined) {
      waiter.group.detach();
      index = waiter.group.activities.indexOf(activity);
    }
    const actor = waiter.actor;
    if (!actor.isAlive() || actor.killed) return;
    if (!actor.host.isOn()) {
      this.kill(actor, `its host "${actor.host.name}" was turned off`);
      return;
    }
    const error = activity.errorFor(actor);
    if (error === undefined) this.wake(actor, index);
    else this.wakeWithError(actor, error);
  }

  newWaitGroup(actor: Actor, activities: readonly Activity[]): WaitGroup {
    return new WaitGroup(this, actor, activities);
  }

  // ---- running -------------------------------------------------------------------------------------------

  run(options: RunOptions = {}): Promise<RunResult> {
    if (this.phase === 'running') throw new LivemigError('invalid-state', 'The simulation is already running.');
    if (this.phase === 'ended') {
      throw new LivemigError('invalid-state', 'The simulation has ended; create a new one to run again.');
    }
    this.until = options.until ?? Number.POSITIVE_INFINITY;
    this.phase = 'running';
    return new Promise<RunResult>((resolve, reject) => {
      this.settle = { resolve, reject };
      queueMicrotask(() => this.scheduleNext());
    });
  }

  /** Runs the next actor, advancing time as needed; ends the run when nothing is left. */
  private scheduleNext(): void {
    if (this.phase !== 'running') return;
    try {
      for (;;) {
        const next = this.dequeue();
        if (next !== undefined) {
          if (next.suspended && !next.killed) {
            next.parked = true;
            continue;
          }
          this.resume(next);
          return;
        }
        if (this.drainEnded()) continue;
        if (this.alive.size > 0 && this.alive.size === this.daemons) {
          for (const actor of [...this.alive.values()]) this.kill(actor, 'only daemon actors were left');
          continue;
        }
        if (this.now >= this.until) {
          this.finish('until');
          return;
        }
        if (!this.step()) {
          if (this.alive.size > 0) this.failRun(this.deadlockError());
          else this.finish('finished');
          return;
        }
      }
    } catch (error) {
      this.failRun(error);
    }
  }

  /** One discrete-event step; false when no event will ever happen. */
  private step(): boolean {
    const timer = this.calendar.nextDate();
    let delta = timer === Number.POSITIVE_INFINITY ? timer : Math.max(0, timer - this.now);
    for (const model of this.models) {
      const next = model.nextEventDelay(this.now);
      if (next < delta) delta = next;
    }
    // Nothing left to happen and nobody left to wait: the run is over, even before `until`.
    if (delta === Number.POSITIVE_INFINITY && this.alive.size === 0) return false;
    if (this.until !== Number.POSITIVE_INFINITY) delta = Math.min(delta, Math.max(0, this.until - this.now));
    if (delta === Number.POSITIVE_INFINITY) return false;
    this.now += delta;
    this.steps++;
    for (const model of this.models) model.advance(this.now, delta);
    if (this.trace.wants('time.advanced')) this.trace.emit({ time: this.now, type: 'time.advanced', delta });
    let again: boolean;
    do {
      again = this.calendar.runDue(this.now);
      this.drainEnded();
    } while (again);
    return true;
  }

  /** Reports ended actions to their owners; true if there was any. */
  private drainEnded(): boolean {
    this.endedCount = 0;
    for (const model of this.models) model.drainEnded(this.endedHandler);
    return this.endedCount > 0;
  }

  private endedCount = 0;
  private readonly endedHandler = (action: ModelAction, failed: boolean): void => {
    this.endedCount++;
    action.owner?.actionEnded(action, failed);
  };

  private resume(actor: Actor): void {
    this.current = actor;
    actor.state = 'running';
    if (!actor.started && actor.killed) {
      // Killed before its first instruction (its host failed at the date it was created): it never runs.
      actor.started = true;
      actor.hasResumeError = false;
      actor.resumeError = undefined;
      queueMicrotask(() => this.actorEnded(actor, undefined, false));
      return;
    }
    if (!actor.started) {
      actor.started = true;
      const start = new Promise<unknown>((resolve) => {
        actor.resolveFn = resolve;
      });
      start.then(actor.body).then(
        () => this.actorEnded(actor, undefined, false),
        (error: unknown) => this.actorEnded(actor, error, true),
      );
    }
    const resolve = actor.resolveFn;
    const reject = actor.rejectFn;
    actor.resolveFn = undefined;
    actor.rejectFn = undefined;
    if (actor.hasResumeError) {
      const error = actor.resumeError;
      actor.hasResumeError = false;
      actor.resumeError = undefined;
      reject?.(error);
    } else {
      const value = actor.resumeValue;
      actor.resumeValue = undefined;
      resolve?.(value);
    }
  }

  private actorEnded(actor: Actor, error: unknown, threw: boolean): void {
    actor.state = 'terminated';
    if (this.current === actor) this.current = undefined;
    this.alive.delete(actor.pid);
    this.byHost.get(actor.host)?.delete(actor);
    if (actor.daemon) this.daemons--;
    for (const activity of [...actor.activities]) activity.cancel();
    actor.activities.clear();
    for (const callback of actor.exitCallbacks.splice(0)) callback(actor.killed);
    if (this.trace.wants('actor.ended')) {
      this.trace.emit({ time: this.now, type: 'actor.ended', pid: actor.pid, actor: actor.name, killed: actor.killed });
    }
    if (threw && !(actor.killed && isKilledError(error))) this.actorFailed(actor, error);
    this.scheduleNext();
  }

  private actorFailed(actor: Actor, error: unknown): void {
    const failure = { time: this.now, actor: actor.name, host: actor.host.name, error };
    if (this.trace.wants('actor.failed')) this.trace.emit({ type: 'actor.failed', ...failure });
    if (this.actorErrors === 'record') {
      this.failures.push(failure);
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    this.failRun(
      new LivemigError(
        'actor-failed',
        `Actor "${actor.name}" on host "${actor.host.name}" failed at ${this.now} s and nobody caught it: ${reason}`,
        { cause: error, details: { actor: actor.name, host: actor.host.name, time: this.now } },
      ),
    );
  }

  private deadlockError(): LivemigError {
    const blocked: BlockedActor[] = [...this.alive.values()].map((actor) => ({
      pid: actor.pid,
      actor: actor.name,
      host: actor.host.name,
      waitingFor:
        actor.waitingOn?.describe() ?? (actor.parked || actor.suspended ? 'being resumed (suspended)' : 'nothing'),
    }));
    const lines = blocked.map((b) => `  - actor ${b.pid} "${b.actor}" on ${b.host}: waiting for ${b.waitingFor}`);
    return new LivemigError(
      'deadlock',
      [
        `Deadlock at ${this.now} s: ${blocked.length} actor(s) wait for something that will never happen:`,
        ...lines,
      ].join('\n'),
      { details: { time: this.now, blocked } },
    );
  }

  private finish(reason: RunResult['reason']): void {
    this.phase = reason === 'until' ? 'paused' : 'ended';
    const settle = this.settle;
    this.settle = undefined;
    settle?.resolve({ endTime: this.now, reason });
  }

  private failRun(error: unknown): void {
    this.phase = 'ended';
    const settle = this.settle;
    this.settle = undefined;
    settle?.reject(error);
  }

  private enqueue(actor: Actor): void {
    this.queue.push(actor);
  }

  private dequeue(): Actor | undefined {
    if (this.queueHead >= this.queue.length) {
      if (this.queue.length > 0) {
        this.queue = [];
        this.queueHead = 0;
      }
      return undefined;
    }
    const actor = this.queue[this.queueHead++];
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    return actor;
  }

  private hostSet(host: SimHost): Set<Actor> {
    let set = this.byHost.get(host);
    if (set === undefined) {
      set = new Set();
      this.byHost.set(host, set);
    }
    return set;
  }
}

export class ActivitySignals {
  /** An execution started (after its action was created). */
  readonly execStarted: ((exec: ExecActivity) => void)[] = [];
  /** The owner's wait (or test) on an activity returned successfully. */
  readonly completed: ((activity: Activity) => void)[] = [];
  readonly suspended: ((activity: Activity) => void)[] = [];
  readonly resumed: ((activity: Activity) => void)[] = [];
}

function isKilledError(error: unknown): boolean {
  return error instanceof LivemigError && error.code === 'actor-killed';
}

function suspendActivity(activity: Activity): void {
  activity.suspend();
}

function resumeActivity(activity: Activity): void {
  activity.resume();
}
