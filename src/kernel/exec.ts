// Executions (flops on a host's processor) and sleeps (a duration on a host): activities backed by CPU actions.
import type { LivemigError } from '../core/index.ts';
import { Activity } from './activity.ts';
import type { Actor } from './actor.ts';
import type { Engine } from './engine.ts';
import { cancelledError, hostFailure } from './errors.ts';
import type { SimHost } from './host.ts';
import type { ExecutionOptions } from './resource-model.ts';

export class ExecActivity extends Activity {
  get kind(): 'exec' {
    return 'exec';
  }

  constructor(
    engine: Engine,
    issuer: Actor | undefined,
    readonly host: SimHost,
    readonly flops: number,
    readonly options: ExecutionOptions,
  ) {
    super(engine, 'exec', issuer);
  }

  get cores(): number {
    return this.options.cores ?? 1;
  }

  start(): this {
    this.state = 'running';
    this.startTime = this.scheduler.now;
    this.action = this.host.cpu.execute(this.flops, this.options, this);
    this.issuer?.activities.add(this);
    this.scheduler.execStarted.emit(this);
    if (this.issuer?.suspended === true) this.suspend();
    return this;
  }

  /** Flops left to compute. */
  remaining(): number {
    if (this.action !== undefined) return this.action.remaining();
    return this.state === 'inited' || this.state === 'failed' ? this.flops : 0;
  }

  protected settle(failed: boolean): void {
    if (!this.host.isOn()) {
      this.state = 'failed';
      this.failLater(execHostOff);
    } else if (failed) {
      this.state = 'canceled';
      this.failLater(execCancelled);
    } else {
      this.state = 'done';
    }
    this.finishTime = this.action?.finishTime ?? this.scheduler.now;
    this.releaseAction();
    this.answerWaiters();
  }

  protected abandonError(_actor: Actor): LivemigError {
    return cancelledError(`Execution on host "${this.host.name}" was cancelled: the actor waiting for it was killed.`);
  }

  override describe(): string {
    return `execution of ${this.flops} flops on ${this.host.name} (${this.state})`;
  }
}

export class SleepActivity extends Activity {
  get kind(): 'sleep' {
    return 'sleep';
  }

  constructor(
    engine: Engine,
    issuer: Actor | undefined,
    readonly host: SimHost,
    readonly durationSec: number,
  ) {
    super(engine, 'sleep', issuer);
  }

  start(): this {
    this.state = 'running';
    this.startTime = this.scheduler.now;
    this.action = this.host.cpu.sleep(this.durationSec, this);
    return this;
  }

  protected settle(failed: boolean): void {
    if (!this.host.isOn()) {
      this.state = 'failed';
      this.failLater(sleepHostOff);
    } else if (failed) {
      this.state = 'canceled';
      this.failLater(sleepCancelled);
    } else {
      this.state = 'done';
    }
    this.finishTime = this.scheduler.now;
    this.releaseAction();
    this.answerWaiters();
  }

  protected abandonError(_actor: Actor): LivemigError {
    return cancelledError('The sleep was cancelled: its actor was killed.');
  }

  override describe(): string {
    return `sleep of ${this.durationSec} s on ${this.host.name}`;
  }
}

// The errors of failed executions and sleeps, built only when a waiter receives one.
function execHostOff(exec: ExecActivity): LivemigError {
  return hostFailure(exec.host.name, `Execution on host "${exec.host.name}" failed: the host was turned off.`);
}

function execCancelled(exec: ExecActivity): LivemigError {
  return cancelledError(`Execution on host "${exec.host.name}" was cancelled.`);
}

function sleepHostOff(sleep: SleepActivity): LivemigError {
  return hostFailure(sleep.host.name, `Host "${sleep.host.name}" failed: cannot sleep there.`);
}

function sleepCancelled(_sleep: SleepActivity): LivemigError {
  return cancelledError('The sleep was cancelled.');
}

/** Waiting for another actor to end. */
export class JoinActivity extends Activity {
  get kind(): 'join' {
    return 'join';
  }

  constructor(
    engine: Engine,
    issuer: Actor | undefined,
    readonly target: Actor,
  ) {
    super(engine, `join ${target.name}`, issuer);
    if (!target.isAlive()) {
      this.state = 'done';
    } else {
      this.state = 'running';
      target.exitCallbacks.push(() => this.settle(false));
    }
  }

  protected settle(_failed: boolean): void {
    if (this.isEnded()) return;
    this.state = 'done';
    this.finishTime = this.scheduler.now;
    this.answerWaiters();
  }

  /** A killed joiner just stops waiting; the other joiners are not affected. */
  override abandon(actor: Actor): void {
    this.waiters = this.waiters.filter((w) => w.actor !== actor);
  }

  protected abandonError(_actor: Actor): LivemigError {
    return cancelledError(`Join of actor "${this.target.name}" was cancelled.`);
  }

  override describe(): string {
    return `the end of actor ${this.target.pid} "${this.target.name}"`;
  }
}
