// The loop of a run or a step: resumes the ready actors one at a time (each runs until it waits, then hands over),
// and when none is ready moves the clock to the next date something happens. A run goes on to the end (or to a
// date); a step stops once the actors woken at the next date have all waited again.
import { LivemigError } from '../core/index.ts';
import type { Actor } from './actor.ts';
import type { ActorTable } from './actor-table.ts';
import type { Clock } from './clock.ts';
import type { Scheduler } from './scheduler.ts';

/** How a run or step stopped: nothing left ('finished'), the `until` date reached, or one date processed. */
export type StopReason = 'finished' | 'until' | 'stepped';

/** The actor whose promise `captureSettlers` is building (a promise's executor runs at once: one shared function
 * instead of a closure per wait). */
let capturing: Actor | undefined;

function captureSettlers(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  const actor = capturing as Actor;
  actor.resolveFn = resolve;
  actor.rejectFn = reject;
}

export class RunLoop {
  private queue: Actor[] = [];
  private queueHead = 0;
  private phase: 'idle' | 'running' | 'paused' | 'ended' = 'idle';
  private until = Number.POSITIVE_INFINITY;
  private settle: { resolve: (reason: StopReason) => void; reject: (error: unknown) => void } | undefined;
  /** During a step: whether the date it processes is reached yet ('no': not stepping, a run). */
  private stepping: 'no' | 'before-date' | 'at-date' = 'no';

  private readonly clock: Clock;
  private readonly actors: ActorTable;

  constructor(private readonly scheduler: Scheduler) {
    this.clock = scheduler.clock;
    this.actors = scheduler.actors;
  }

  /** Starts a run (to `until`) or a step; the promise settles, with `result(how it stopped)`, when it stops. */
  start<T>(until: number, step: boolean, result: (reason: StopReason) => T): Promise<T> {
    if (this.phase === 'running') throw new LivemigError('invalid-state', 'The simulation is already running.');
    if (this.phase === 'ended') {
      throw new LivemigError('invalid-state', 'The simulation has ended; create a new one to run again.');
    }
    this.until = until;
    this.phase = 'running';
    this.stepping = !step ? 'no' : this.hasReady() ? 'at-date' : 'before-date';
    return new Promise<T>((resolve, reject) => {
      this.settle = { resolve: (reason) => resolve(result(reason)), reject };
      queueMicrotask(() => this.next());
    });
  }

  hasReady(): boolean {
    return this.queueHead < this.queue.length;
  }

  enqueue(actor: Actor): void {
    this.queue.push(actor);
  }

  /** The running actor waits: the promise settles when it is resumed; the next actor runs meanwhile. */
  switchAway(actor: Actor): Promise<unknown> {
    capturing = actor;
    const promise = new Promise<unknown>(captureSettlers);
    capturing = undefined;
    if (this.scheduler.current === actor) this.scheduler.current = undefined;
    this.next();
    return promise;
  }

  /** Runs the next actor, moving the clock as needed; stops the run or step when it should. */
  next(): void {
    if (this.phase !== 'running') return;
    try {
      for (;;) {
        const actor = this.dequeue();
        if (actor !== undefined) {
          if (actor.suspended && !actor.killed) {
            actor.parked = true;
            continue;
          }
          this.resume(actor);
          return;
        }
        if (this.clock.drainEnded() || this.killLoneDaemons()) {
          this.dateReached();
          continue;
        }
        if (this.clock.now >= this.until || this.stepping === 'at-date') {
          this.stop(this.stepping === 'at-date' ? 'stepped' : 'until');
          return;
        }
        if (!this.advanceTime()) {
          if (this.actors.size > 0) this.fail(this.scheduler.deadlock());
          else this.stop('finished');
          return;
        }
        this.dateReached();
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Ends the run or step with `error`; the engine cannot run again. */
  fail(error: unknown): void {
    this.phase = 'ended';
    this.stepping = 'no';
    const settle = this.settle;
    this.settle = undefined;
    settle?.reject(error);
  }

  private stop(reason: StopReason): void {
    this.phase = reason === 'finished' ? 'ended' : 'paused';
    this.stepping = 'no';
    const settle = this.settle;
    this.settle = undefined;
    settle?.resolve(reason);
  }

  private dateReached(): void {
    if (this.stepping === 'before-date') this.stepping = 'at-date';
  }

  /** Only daemons are left: they are killed (and unwind). */
  private killLoneDaemons(): boolean {
    if (!this.actors.onlyDaemonsLeft()) return false;
    for (const actor of this.actors.all()) this.scheduler.kill(actor, 'only daemon actors were left');
    return true;
  }

  /** Moves the clock to the next date something happens (or to `until`); false when nothing ever will. */
  private advanceTime(): boolean {
    const clock = this.clock;
    let delta = clock.nextDelay();
    // Nothing left to happen and nobody left to wait: the run is over, even before `until`.
    if (delta === Number.POSITIVE_INFINITY && this.actors.size === 0) return false;
    if (this.until !== Number.POSITIVE_INFINITY) delta = Math.min(delta, Math.max(0, this.until - clock.now));
    if (delta === Number.POSITIVE_INFINITY) return false;
    clock.advance(delta);
    return true;
  }

  private resume(actor: Actor): void {
    this.scheduler.current = actor;
    actor.state = 'running';
    if (!actor.started && actor.killed) {
      // Killed before its first instruction (its host failed at the date it was created): it never runs.
      actor.started = true;
      actor.hasResumeError = false;
      actor.resumeError = undefined;
      queueMicrotask(() => this.scheduler.actorEnded(actor, undefined, false));
      return;
    }
    if (!actor.started) this.startBody(actor);
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

  /** Chains the actor's body after a first resume, and its end after the body. */
  private startBody(actor: Actor): void {
    actor.started = true;
    capturing = actor;
    const start = new Promise<unknown>(captureSettlers);
    capturing = undefined;
    void this.runBody(actor, start);
  }

  /** Runs the body once `start` resolves, then tells the scheduler how it ended. */
  private async runBody(actor: Actor, start: Promise<unknown>): Promise<void> {
    let error: unknown;
    let threw = false;
    try {
      await start;
      await actor.body();
    } catch (caught) {
      error = caught;
      threw = true;
    }
    this.scheduler.actorEnded(actor, error, threw);
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
}
