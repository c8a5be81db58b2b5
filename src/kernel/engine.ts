// The simulation engine, in the style of SimPy's: a read-only clock, `schedule` a callback at a date, `peek` at
// the date of the next event, `step` through one date or `run` to the end; actors, mailboxes, resource models and
// the trace bus; `on…(listener)` methods that return the function that removes the listener. The scheduler that
// does the work is internal (scheduler.ts, run-loop.ts, clock.ts). Same inputs, same order, same output.
import type { Activity } from './activity.ts';
import type { Actor } from './actor.ts';
import { type ActorBody, ActorContext } from './actor-context.ts';
import type { Timer } from './calendar.ts';
import { Clock } from './clock.ts';
import type { ExecActivity } from './exec.ts';
import type { SimHost } from './host.ts';
import { Mailbox } from './mailbox.ts';
import type { ResourceModel } from './resource-model.ts';
import { Scheduler } from './scheduler.ts';
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
  /** Typed, dot-namespaced events (`actor.created`, `time.advanced`…) that reports and tests listen to. */
  readonly trace = new TraceBus();
  private readonly clock = new Clock(this.trace);
  private readonly scheduler: Scheduler;
  private readonly mailboxes = new Map<string, Mailbox>();

  constructor(options: EngineOptions = {}) {
    this.scheduler = new Scheduler(this, this.clock, this.trace, options.actorErrors ?? 'fail');
  }

  /** Simulated time, in seconds. */
  get now(): number {
    return this.clock.now;
  }

  /** Runs `callback` at simulated date `date` (seconds, not before now), outside any actor. Callbacks at the same
   * date run in the order they were scheduled. */
  schedule(date: number, callback: () => void): Timer {
    return this.clock.schedule(date, callback);
  }

  /** The date of the next event: now when an actor is ready to run, else the earliest of the next timer and the
   * next end of a model action; Infinity when nothing is due. */
  peek(): number {
    return this.scheduler.peek();
  }

  /** Processes one date: the actors ready now run until they all wait, or, when none is ready, the clock moves to
   * `peek()`, what ends then ends and the actors woken run until they all wait. Resolves false when nothing was left
   * to happen (the simulation has then ended), true otherwise; rejects as `run` does (deadlock, uncaught error). */
  step(): Promise<boolean> {
    return this.scheduler.step((reason) => reason !== 'finished');
  }

  /** Runs until nothing is left to happen, or to `until`; rejects with a 'deadlock' error listing the blocked actors
   * when actors remain that nothing will ever wake, or with the error an actor did not catch. */
  run(options: RunOptions = {}): Promise<RunResult> {
    return this.scheduler.run(
      options.until ?? Number.POSITIVE_INFINITY,
      (reason): RunResult => ({
        endTime: this.clock.now,
        reason: reason === 'finished' ? 'finished' : 'until',
      }),
    );
  }

  /** Starts an actor on a host (or a host's name); it runs, after the actors started before it, when the engine
   * runs. */
  spawn(name: string, where: SimHost | string, body: ActorBody, options: SpawnOptions = {}): Actor {
    return this.scheduler.spawn(name, where, (actor) => body(new ActorContext(this, actor)), options);
  }

  /** The mailbox of that name, created on first use. */
  mailbox(name: string): Mailbox {
    let box = this.mailboxes.get(name);
    if (box === undefined) {
      box = new Mailbox(this, name);
      this.mailboxes.set(name, box);
    }
    return box;
  }

  /** Adds a resource model; models are asked in the order they were added. */
  addModel(model: ResourceModel): void {
    this.clock.addModel(model);
  }

  /** Listens to the log lines actors write. */
  onLog(listener: (record: LogRecord) => void): () => void {
    return this.scheduler.logs.add(listener);
  }

  /** Listens to executions starting (after their action was created). */
  onExecStarted(listener: (exec: ExecActivity) => void): () => void {
    return this.scheduler.execStarted.add(listener);
  }

  /** Listens to activities completing: their owner's wait (or test) returned successfully (SimGrid's
   * on_completion). */
  onActivityCompleted(listener: (activity: Activity) => void): () => void {
    return this.scheduler.completed.add(listener);
  }

  /** Listens to activities being paused (their actor was suspended, or the owner suspended them). */
  onActivitySuspended(listener: (activity: Activity) => void): () => void {
    return this.scheduler.suspended.add(listener);
  }

  onActivityResumed(listener: (activity: Activity) => void): () => void {
    return this.scheduler.resumed.add(listener);
  }
}
