// The scheduler behind an Engine: actors run one at a time in a fixed order (creation order, then the order they
// are woken); when none can run, the clock moves to the next date something happens and the actors waiting for it
// wake. The ready queue, the running actor, and how actors block, yield, wake, die and are suspended live here.
import { errorMessage, LivemigError } from '../core/index.ts';
import type { Activity, Waiter } from './activity.ts';
import type { Actor, Blocker } from './actor.ts';
import { ActorTable } from './actor-table.ts';
import type { Clock } from './clock.ts';
import type { ActorFailure, Engine, LogRecord, SpawnOptions } from './engine.ts';
import { actorKilled, deadlockError, hostFailure } from './errors.ts';
import type { ExecActivity } from './exec.ts';
import type { SimHost } from './host.ts';
import type { EngineInternals } from './internals.ts';
import { Listeners } from './listeners.ts';
import type { NetworkResource } from './resource-model.ts';
import { RunLoop, type StopReason } from './run-loop.ts';
import type { TraceBus } from './trace.ts';

export class Scheduler implements EngineInternals {
  /** The actor whose code is running, if any. */
  current: Actor | undefined;
  network: NetworkResource | undefined;
  readonly failures: ActorFailure[] = [];
  readonly actors = new ActorTable();
  /** An execution started (after its action was created). */
  readonly execStarted = new Listeners<ExecActivity>();
  /** The owner's wait (or test) on an activity returned successfully. */
  readonly completed = new Listeners<Activity>();
  readonly suspended = new Listeners<Activity>();
  readonly resumed = new Listeners<Activity>();
  readonly logs = new Listeners<LogRecord>();
  private hostResolver: ((name: string) => SimHost) | undefined;
  private readonly loop: RunLoop;

  constructor(
    readonly engine: Engine,
    readonly clock: Clock,
    readonly trace: TraceBus,
    private readonly actorErrors: 'fail' | 'record',
  ) {
    this.loop = new RunLoop(this);
  }

  /** Simulated time, in seconds. */
  get now(): number {
    return this.clock.now;
  }

  get stepCount(): number {
    return this.clock.steps;
  }

  useNetwork(network: NetworkResource): void {
    this.network = network;
  }

  useHostResolver(resolver: (name: string) => SimHost): void {
    this.hostResolver = resolver;
  }

  /** Runs to the end or to `until`; resolves with `result(how it stopped)`. */
  run<T>(until: number, result: (reason: StopReason) => T): Promise<T> {
    return this.loop.start(until, false, result);
  }

  /** Processes one date; resolves with `result(how it stopped)`. */
  step<T>(result: (reason: StopReason) => T): Promise<T> {
    return this.loop.start(Number.POSITIVE_INFINITY, true, result);
  }

  /** The date of the next event: now when an actor is ready to run, Infinity when nothing is due. */
  peek(): number {
    if (this.loop.hasReady()) return this.clock.now;
    return this.clock.now + this.clock.nextDelay();
  }

  log(actor: Actor | undefined, message: string): void {
    const record: LogRecord = {
      time: this.clock.now,
      pid: actor?.pid ?? 0,
      actor: actor?.name ?? 'maestro',
      host: actor?.host.name ?? '',
      message,
    };
    this.logs.emit(record);
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
    const actor = this.actors.create(name, host, body);
    if (options.daemon === true) this.actors.daemonize(actor);
    this.loop.enqueue(actor);
    if (this.trace.wants('actor.created')) {
      this.trace.emit({ time: this.clock.now, type: 'actor.created', pid: actor.pid, actor: name, host: host.name });
    }
    return actor;
  }

  actorsOn(host: SimHost): Actor[] {
    return this.actors.on(host);
  }

  aliveActors(): Actor[] {
    return this.actors.all();
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
    return this.loop.switchAway(actor);
  }

  /** Lets the other ready actors run first: `actor` goes on at the same date with `value`, or throwing `error` if
   * one is given (an operation that failed at once). */
  yield(actor: Actor, error?: LivemigError, value?: unknown): Promise<unknown> {
    actor.state = 'runnable';
    setOutcome(actor, value, error);
    this.loop.enqueue(actor);
    return this.loop.switchAway(actor);
  }

  /** Wakes a blocked actor: it goes on with `value`, or throws `error` when one is given. */
  wake(actor: Actor, value?: unknown, error?: LivemigError): void {
    if (!actor.isAlive() || actor.state !== 'blocked') return;
    actor.waitingOn = undefined;
    setOutcome(actor, value, error);
    actor.state = 'runnable';
    this.loop.enqueue(actor);
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
      this.loop.enqueue(victim);
    }
  }

  killActorsOn(host: SimHost, reason: string): void {
    for (const actor of this.actors.on(host)) this.kill(actor, reason);
  }

  /** Suspends an actor: its activities pause and it does not run until resumed. */
  suspendActor(actor: Actor): void {
    if (actor.suspended || !actor.isAlive()) return;
    actor.suspended = true;
    for (const activity of actor.activities) activity.suspend();
  }

  resumeActor(actor: Actor): void {
    if (!actor.suspended || actor.killed || !actor.isAlive()) return;
    actor.suspended = false;
    for (const activity of actor.activities) activity.resume();
    if (actor.parked) {
      actor.parked = false;
      this.loop.enqueue(actor);
    }
  }

  /** Delivers the end of `activity` to one of its waiters. */
  answerWaiter(waiter: Waiter, activity: Activity): void {
    waiter.timeout?.clear();
    if (waiter.actor.waiter === waiter) waiter.actor.waiter = undefined;
    // A lone waiter is answered with the activity, one of a waitAny with the index of the one that ended.
    let answer: unknown = activity;
    if (waiter.group !== undefined) {
      waiter.group.detach();
      answer = waiter.group.activities.indexOf(activity);
    }
    const actor = waiter.actor;
    if (!actor.isAlive() || actor.killed) return;
    if (!actor.host.isOn()) {
      this.kill(actor, `its host "${actor.host.name}" was turned off`);
      return;
    }
    this.wake(actor, answer, activity.errorFor(actor));
  }

  /** The body of `actor` returned or threw: forget the actor, tell who waits for its end. */
  actorEnded(actor: Actor, error: unknown, threw: boolean): void {
    actor.state = 'terminated';
    if (this.current === actor) this.current = undefined;
    this.actors.remove(actor);
    if (actor.activities.size > 0) {
      for (const activity of [...actor.activities]) activity.cancel();
      actor.activities.clear();
    }
    if (actor.exitCallbacks.length > 0) {
      for (const callback of actor.exitCallbacks.splice(0)) callback(actor.killed);
    }
    if (this.trace.wants('actor.ended')) {
      this.trace.emit({
        time: this.clock.now,
        type: 'actor.ended',
        pid: actor.pid,
        actor: actor.name,
        killed: actor.killed,
      });
    }
    if (threw && !(actor.killed && isKilledError(error))) this.actorFailed(actor, error);
    this.loop.next();
  }

  private actorFailed(actor: Actor, error: unknown): void {
    const now = this.clock.now;
    const failure = { time: now, actor: actor.name, host: actor.host.name, error };
    if (this.trace.wants('actor.failed')) this.trace.emit({ type: 'actor.failed', ...failure });
    if (this.actorErrors === 'record') {
      this.failures.push(failure);
      return;
    }
    const reason = errorMessage(error);
    this.loop.fail(
      new LivemigError(
        'actor-failed',
        `Actor "${actor.name}" on host "${actor.host.name}" failed at ${now} s and nobody caught it: ${reason}`,
        { cause: error, details: { actor: actor.name, host: actor.host.name, time: now } },
      ),
    );
  }

  /** The error of a run that cannot go on: actors remain, none can run and nothing will ever happen. */
  deadlock(): LivemigError {
    return deadlockError(this.clock.now, this.actors.blocked());
  }
}

function setOutcome(actor: Actor, value: unknown, error: LivemigError | undefined): void {
  if (error === undefined) {
    actor.resumeValue = value;
    actor.hasResumeError = false;
  } else {
    actor.resumeError = error;
    actor.hasResumeError = true;
  }
}

function isKilledError(error: unknown): boolean {
  return error instanceof LivemigError && error.code === 'actor-killed';
}
