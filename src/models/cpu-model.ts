// SimGrid's Cas01 CPU model: one SHARED constraint per processor (capacity cores × speed); an execution is a
// variable of penalty 1/priority bounded by (cores it uses) × speed and by an optional user bound.
import type { ActionOwner, Engine, ExecutionOptions, ExecutionResource, ModelAction } from '../kernel/index.ts';
import type { Constraint } from '../solver/index.ts';
import { LmmAction } from './action.ts';
import { DATE_PRECISION, LmmModel, sameDate } from './lmm-model.ts';

export class CpuModel extends LmmModel {
  private readonly stateListeners: ((action: LmmAction) => void)[] = [];
  private readonly shareListeners: ((action: LmmAction) => void)[] = [];

  constructor(engine: Engine, name = 'cpu') {
    super(engine, name);
  }

  createCpu(name: string, speedsFlops: readonly number[], pstate: number, cores: number): Cpu {
    return new Cpu(this, name, speedsFlops, pstate, cores);
  }

  advance(now: number, _delta: number): void {
    for (let top = this.heap.peek(); top !== undefined && sameDate(top.heapDate, now); top = this.heap.peek()) {
      this.heap.pop();
      this.finish(top, 'finished');
    }
  }

  /** Listens to every state change of this model's actions (start, suspend, resume, end). */
  onActionStateChange(listener: (action: LmmAction) => void): void {
    this.stateListeners.push(listener);
  }

  protected override onStateChange(action: LmmAction): void {
    for (const listener of this.stateListeners) listener(action);
  }

  /** Listens to the actions whose share a solve may have changed: each one the solve reports, in its order. */
  onShareSolved(listener: (action: LmmAction) => void): void {
    this.shareListeners.push(listener);
  }

  /** Called for each action a solve reports (see LmmModel.nextEventDelay): tell the listeners, then queue it. */
  override pushModifiedBack(action: LmmAction): void {
    const listeners = this.shareListeners;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as (action: LmmAction) => void)(action);
    super.pushModifiedBack(action);
  }
}

/** A processor: what a host (or a VM's virtual CPU) computes with. */
export class Cpu implements ExecutionResource {
  readonly constraint: Constraint<LmmAction>;
  speedScale = 1;
  private speeds: number[];
  private on = true;

  constructor(
    readonly model: CpuModel,
    readonly name: string,
    speedsFlops: readonly number[],
    private pstateIndex: number,
    readonly cores: number,
  ) {
    this.speeds = [...speedsFlops];
    this.constraint = model.system.newConstraint(cores * this.peakSpeed, 'shared', name);
  }

  /** Speed of one core at the current pstate, in flop/s. */
  get peakSpeed(): number {
    return this.speeds[this.pstateIndex] as number;
  }

  /** Speed of one core now (peak × scale), in flop/s. */
  get speed(): number {
    return this.speedScale * this.peakSpeed;
  }

  get pstate(): number {
    return this.pstateIndex;
  }

  get pstateCount(): number {
    return this.speeds.length;
  }

  speedAt(pstate: number): number {
    return this.speeds[pstate] as number;
  }

  isOn(): boolean {
    return this.on;
  }

  /** Flop/s in use now (sum over running executions). */
  load(): number {
    return this.constraint.load();
  }

  execute(flops: number, options: ExecutionOptions, owner: ActionOwner): ModelAction {
    const cores = options.cores ?? 1;
    const action = this.newAction(cores * flops, cores, owner);
    // As in SimGrid, a bound and a priority apply to a single-thread execution only; several threads ignore both.
    const bound = cores === 1 ? options.boundFlopsPerSec : undefined;
    action.userBound = bound;
    const variable = action.variable;
    if (variable !== undefined && bound !== undefined && bound > 0 && bound < (variable.bound ?? Infinity)) {
      this.model.system.updateVariableBound(variable, bound);
    }
    if (cores === 1) this.model.setSharingPenalty(action, 1 / (options.priority ?? 1));
    return action;
  }

  /** A zero-cost action that stays in the processor's sharing with `cores` cores (a VM seen from its host), with an
   * optional user bound in flop/s (kept through speed changes, as an execution's). */
  executeHolder(cores: number, owner: ActionOwner | undefined, userBoundFlopsPerSec?: number): LmmAction {
    const action = this.newAction(0, cores, owner);
    const variable = action.variable;
    if (userBoundFlopsPerSec !== undefined && variable !== undefined) {
      action.userBound = userBoundFlopsPerSec;
      if (userBoundFlopsPerSec > 0 && userBoundFlopsPerSec < (variable.bound ?? Infinity)) {
        this.model.system.updateVariableBound(variable, userBoundFlopsPerSec);
      }
    }
    return action;
  }

  sleep(durationSec: number, owner: ActionOwner): ModelAction {
    const model = this.model;
    const action = new LmmAction(model, 1, !this.on, owner);
    action.resource = this;
    action.lastUpdate = model.engine.now;
    if (durationSec === Number.POSITIVE_INFINITY) {
      model.setState(action, action.state === 'failed' ? 'failed' : 'ignored');
      action.suspendState = 'sleeping';
      return action;
    }
    const duration = durationSec > 0 ? Math.max(durationSec, DATE_PRECISION) : durationSec;
    model.setMaxDuration(action, duration);
    action.suspendState = 'sleeping';
    if (action.state === 'started') model.pushModifiedFront(action);
    return action;
  }

  /** Changes the pstate (and so the speed) of the processor. */
  setPstate(pstate: number): void {
    this.pstateIndex = pstate;
    this.onSpeedChange();
  }

  setSpeedScale(scale: number): void {
    this.speedScale = scale;
    this.onSpeedChange();
  }

  /** Takes over another processor's speeds and pstate without touching running executions (SimGrid's vCPU reset). */
  copySpeedFrom(other: Cpu): void {
    this.speeds = [...other.speeds];
    this.pstateIndex = other.pstateIndex;
    this.speedScale = other.speedScale;
  }

  turnOff(): void {
    if (!this.on) return;
    this.on = false;
    const failing: LmmAction[] = [];
    for (let e = this.constraint.enabled.head; e !== null; e = e.listNext) failing.push(e.variable.ref);
    for (let e = this.constraint.disabled.head; e !== null; e = e.listNext) failing.push(e.variable.ref);
    for (const action of failing) {
      if (action.state === 'started' || action.state === 'ignored') {
        action.finishTime = this.model.engine.now;
        this.model.setState(action, 'failed');
        this.model.unschedule(action);
      }
    }
  }

  turnOn(): void {
    this.on = true;
  }

  private newAction(cost: number, cores: number, owner: ActionOwner | undefined): LmmAction {
    const model = this.model;
    const action = new LmmAction(model, cost, !this.on, owner);
    action.resource = this;
    action.requestedCores = cores;
    action.variable = model.system.newVariable(action, 1 / cores, cores * this.speed);
    action.lastUpdate = model.engine.now;
    model.system.expand(this.constraint, action.variable, 1);
    return action;
  }

  private onSpeedChange(): void {
    const system = this.model.system;
    system.updateConstraintBound(this.constraint, this.cores * this.speed);
    const update = (action: LmmAction) => {
      const variable = action.variable;
      if (variable === undefined) return;
      let bound = (action.requestedCores ?? 1) * this.speed;
      if (action.userBound !== undefined && action.userBound > 0) bound = Math.min(bound, action.userBound);
      system.updateVariableBound(variable, bound);
    };
    for (let e = this.constraint.enabled.head; e !== null; e = e.listNext) update(e.variable.ref);
    for (let e = this.constraint.disabled.head; e !== null; e = e.listNext) update(e.variable.ref);
  }
}
