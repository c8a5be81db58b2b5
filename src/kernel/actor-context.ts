// The API an actor's code receives: compute, sleep, exchange messages, spawn, join and kill actors, log.
// Every method acts on behalf of this context's actor and checks that it is the one running.
import { invalidArgument, LivemigError } from '../core/index.ts';
import type { Activity } from './activity.ts';
import type { Actor } from './actor.ts';
import type { CommActivity } from './comm.ts';
import type { Engine, SpawnOptions } from './engine.ts';
import { actorKilled, hostFailure } from './errors.ts';
import { ExecActivity, JoinActivity, SleepActivity } from './exec.ts';
import type { SimHost } from './host.ts';
import { schedulerOf } from './internals.ts';
import type { SendOptions } from './mailbox.ts';
import type { ExecutionOptions } from './resource-model.ts';
import type { Scheduler } from './scheduler.ts';
import { completeActivity, testActivity, waitActivity, waitAnyActivity } from './waiting.ts';

export type ActorBody = (ctx: ActorContext) => Promise<void> | void;

/** An activity seen from one actor: wait for it, test it, cancel it. */
export class ActivityHandle<T = void> {
  constructor(
    readonly activity: Activity,
    protected readonly ctx: ActorContext,
    private readonly result: () => T = noResult as () => T,
  ) {}

  get state(): Activity['state'] {
    return this.activity.state;
  }

  wait(): Promise<T> {
    return this.waitAtMost(undefined);
  }

  /** Waits at most `timeoutSec`; rejects with a 'timeout' error after that. */
  waitFor(timeoutSec: number): Promise<T> {
    return this.waitAtMost(timeoutSec);
  }

  private waitAtMost(timeoutSec: number | undefined): Promise<T> {
    const scheduler = schedulerOf(this.ctx.engine);
    const result = this.result;
    try {
      // The kernel's own handles map the answer with shared functions; others get their result after the wait.
      if (result === noResult) return waitActivity<T>(scheduler, this.ctx.actor, this.activity, timeoutSec);
      if (result === payloadResult) {
        return waitActivity(scheduler, this.ctx.actor, this.activity, timeoutSec, completeWithPayload as () => T);
      }
      return waitActivity(scheduler, this.ctx.actor, this.activity, timeoutSec).then(() => result());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** True once ended; never blocks. */
  test(): boolean {
    return testActivity(schedulerOf(this.ctx.engine), this.ctx.actor, this.activity);
  }

  /** Pauses the activity until `resume()` (SimGrid's Activity::suspend): a transfer still in its latency phase
   * skips the rest of it when resumed. */
  suspend(): void {
    schedulerOf(this.ctx.engine).checkRunning(this.ctx.actor, 'suspend()');
    this.activity.suspend();
  }

  resume(): void {
    schedulerOf(this.ctx.engine).checkRunning(this.ctx.actor, 'resume()');
    this.activity.resume();
  }

  cancel(): void {
    schedulerOf(this.ctx.engine).checkRunning(this.ctx.actor, 'cancel()');
    const activity = this.activity;
    if (activity.kind === 'comm') (activity as CommActivity).cancelBy(this.ctx.actor);
    else activity.cancel();
  }
}

export class ExecHandle extends ActivityHandle<void> {
  declare readonly activity: ExecActivity;

  /** Flops left to compute. */
  get remaining(): number {
    return this.activity.remaining();
  }
}

export class CommHandle<T = unknown> extends ActivityHandle<T> {
  declare readonly activity: CommActivity;

  /** Bytes left to transfer. */
  get remaining(): number {
    return this.activity.remaining();
  }
}

/** A mailbox seen from one actor. */
export class MailboxHandle {
  constructor(
    private readonly ctx: ActorContext,
    readonly name: string,
  ) {}

  /** Sends `payload`, accounted as `bytes` on the network, and waits until it is received. */
  put(payload: unknown, bytes: number, options: SendOptions = {}): Promise<void> {
    try {
      return this.putAsync(payload, bytes, options).wait();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  putAsync(payload: unknown, bytes: number, options: SendOptions = {}): CommHandle<void> {
    const { engine, actor } = this.ctx;
    schedulerOf(engine).checkRunning(actor, 'put()');
    if (!(bytes >= 0) || !Number.isFinite(bytes)) {
      throw invalidArgument(`A message size must be a finite number of bytes ≥ 0, not ${bytes}.`);
    }
    const comm = engine.mailbox(this.name).send(actor, payload, bytes, options);
    return new CommHandle(comm, this.ctx, noResult);
  }

  /** Sends without waiting; nobody is told when it completes. */
  putDetached(payload: unknown, bytes: number, options: Omit<SendOptions, 'detached'> = {}): void {
    this.putAsync(payload, bytes, { ...options, detached: true });
  }

  get<T = unknown>(): Promise<T> {
    try {
      return this.getAsync<T>().wait();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  getAsync<T = unknown>(): CommHandle<T> {
    const { engine, actor } = this.ctx;
    schedulerOf(engine).checkRunning(actor, 'get()');
    const comm = engine.mailbox(this.name).receive(actor);
    return new CommHandle<T>(comm, this.ctx, payloadResult as () => T);
  }
}

export class ActorContext {
  private readonly scheduler: Scheduler;

  constructor(
    readonly engine: Engine,
    readonly actor: Actor,
  ) {
    this.scheduler = schedulerOf(engine);
  }

  get name(): string {
    return this.actor.name;
  }

  get pid(): number {
    return this.actor.pid;
  }

  get host(): SimHost {
    return this.actor.host;
  }

  /** Simulated time, in seconds. */
  get now(): number {
    return this.engine.now;
  }

  log(message: string): void {
    this.scheduler.log(this.actor, message);
  }

  /** Computes `flops` on this actor's host, sharing the processor with the other executions there. */
  execute(flops: number, options: ExecutionOptions = {}): Promise<void> {
    try {
      return waitActivity(this.scheduler, this.actor, this.startExec(flops, options, this.actor.host));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Starts an execution, on this actor's host unless `host` says otherwise. */
  execAsync(flops: number, options: ExecutionOptions = {}, where: SimHost | string = this.actor.host): ExecHandle {
    return new ExecHandle(this.startExec(flops, options, where), this, noResult);
  }

  private startExec(flops: number, options: ExecutionOptions, where: SimHost | string): ExecActivity {
    this.scheduler.checkRunning(this.actor, 'execute()');
    checkExecution(flops, options);
    const host = this.scheduler.resolveHost(where);
    return new ExecActivity(this.engine, this.actor, host, flops, options).start();
  }

  sleep(seconds: number): Promise<void> {
    try {
      this.scheduler.checkRunning(this.actor, 'sleep()');
      if (!(seconds >= 0) || !Number.isFinite(seconds)) {
        throw invalidArgument(`sleep() needs a finite number of seconds ≥ 0, not ${seconds}.`);
      }
      if (!this.actor.host.isOn())
        throw hostFailure(this.actor.host.name, `Host "${this.actor.host.name}" is off: cannot sleep there.`);
      const sleep = new SleepActivity(this.engine, this.actor, this.actor.host, seconds).start();
      return waitActivity(this.scheduler, this.actor, sleep);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Starts a sleep that can be waited for with other activities (waitAny). */
  sleepAsync(seconds: number): ActivityHandle<void> {
    this.scheduler.checkRunning(this.actor, 'sleepAsync()');
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      throw invalidArgument(`sleepAsync() needs a finite number of seconds ≥ 0, not ${seconds}.`);
    }
    const sleep = new SleepActivity(this.engine, this.actor, this.actor.host, seconds).start();
    this.actor.activities.add(sleep);
    return new ActivityHandle(sleep, this, noResult);
  }

  mailbox(name: string): MailboxHandle {
    return new MailboxHandle(this, name);
  }

  /** Waits for the first of `handles` to end; returns its index. */
  waitAny(handles: readonly ActivityHandle<unknown>[], timeoutSec?: number): Promise<number> {
    return waitAnyActivity(
      this.scheduler,
      this.actor,
      handles.map((h) => h.activity),
      timeoutSec,
    );
  }

  /** Waits for every handle, in order. */
  async waitAll(handles: readonly ActivityHandle<unknown>[]): Promise<void> {
    for (const handle of handles) await handle.wait();
  }

  /** Lets the other actors ready at this date run first. */
  async yield(): Promise<void> {
    this.scheduler.checkRunning(this.actor, 'yield()');
    await this.scheduler.yield(this.actor);
  }

  spawn(name: string, host: SimHost | string, body: ActorBody, options: SpawnOptions = {}): Actor {
    this.scheduler.checkRunning(this.actor, 'spawn()');
    return this.engine.spawn(name, host, body, options);
  }

  /** Waits until `other` ends (or `timeoutSec` passes, then rejects with a 'timeout' error). */
  async join(other: Actor, timeoutSec?: number): Promise<void> {
    this.scheduler.checkRunning(this.actor, 'join()');
    if (other === this.actor)
      throw new LivemigError('invalid-argument', `Actor "${this.actor.name}" cannot join itself.`);
    const join = new JoinActivity(this.engine, this.actor, other);
    await waitActivity(this.scheduler, this.actor, join, timeoutSec);
  }

  kill(other: Actor): void {
    this.scheduler.checkRunning(this.actor, 'kill()');
    if (other === this.actor) this.exit();
    this.scheduler.kill(other, `killed by actor "${this.actor.name}"`);
  }

  /** Ends this actor now. */
  exit(): never {
    this.scheduler.kill(this.actor, 'it exited');
    throw actorKilled(this.actor.name, 'it exited');
  }

  /** This actor will be killed when only daemons are left. */
  daemonize(): void {
    this.scheduler.actors.daemonize(this.actor);
  }

  /** Runs `callback` when this actor ends (argument: whether it was killed). */
  onExit(callback: (killed: boolean) => void): void {
    this.actor.exitCallbacks.push(callback);
  }
}

/** The result of a handle whose wait gives nothing (shared, so that handles need no closure). */
function noResult(): undefined {
  return undefined;
}

/** Marks a receive's handle: its wait gives the message received. */
function payloadResult(): never {
  throw new Error('payloadResult only marks a receive handle');
}

function completeWithPayload(comm: unknown): unknown {
  completeActivity(comm);
  return (comm as CommActivity).payload;
}

/** Spawns an actor whose body receives its own context. */
export function spawnActor(
  engine: Engine,
  name: string,
  host: SimHost | string,
  body: ActorBody,
  options: SpawnOptions = {},
): Actor {
  return engine.spawn(name, host, body, options);
}

function checkExecution(flops: number, options: ExecutionOptions): void {
  if (!(flops >= 0) || !Number.isFinite(flops)) {
    throw invalidArgument(`An execution needs a finite number of flops ≥ 0, not ${flops}.`);
  }
  if (options.priority !== undefined && !(options.priority > 0)) {
    throw invalidArgument(`An execution priority must be > 0, not ${options.priority}.`);
  }
  if (options.cores !== undefined && !(Number.isInteger(options.cores) && options.cores >= 1)) {
    throw invalidArgument(`An execution needs a whole number of cores ≥ 1, not ${options.cores}.`);
  }
  if (options.boundFlopsPerSec !== undefined && !(options.boundFlopsPerSec >= 0)) {
    throw invalidArgument(`An execution bound must be ≥ 0 flop/s, not ${options.boundFlopsPerSec}.`);
  }
}
