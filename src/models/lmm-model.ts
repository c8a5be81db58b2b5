// The common machinery of the CPU and network models: a max-min system solved lazily, a heap of action end dates,
// the list of actions whose share changed, and the queues of ended actions that the engine drains.
import { IndexedHeap } from '../core/index.ts';
import type { Engine, ModelAction, ResourceModel } from '../kernel/index.ts';
import { MaxMinSystem } from '../solver/index.ts';
import type { ActionState, LmmAction } from './action.ts';

/** SimGrid's `surf/precision`: dates closer than this are the same date. */
export const DATE_PRECISION = 1e-9;
/** SimGrid's `maxmin/precision`. */
export const SHARE_PRECISION = 1e-5;

export abstract class LmmModel implements ResourceModel {
  readonly system = new MaxMinSystem<LmmAction>({ precision: SHARE_PRECISION });
  readonly heap = new IndexedHeap<LmmAction>();
  private modHead: LmmAction | null = null;
  private modTail: LmmAction | null = null;
  private readonly ended: LmmAction[] = [];
  private readonly endedSerials: number[] = [];
  private endedHead = 0;
  private readonly failedQueue: LmmAction[] = [];
  private readonly failedSerials: number[] = [];
  private failedHead = 0;
  private queueSerial = 0;
  /** Bound once, so that a solve allocates no closure. */
  private readonly onSolved = (action: LmmAction): void => this.pushModifiedBack(action);

  constructor(
    readonly engine: Engine,
    readonly name: string,
  ) {}

  /** Hook: an action changes state (used by the energy accounting). */
  protected onStateChange(_action: LmmAction): void {}

  // ---- the two questions -----------------------------------------------------------------------------

  nextEventDelay(now: number): number {
    this.system.solve(this.onSolved);
    for (let action = this.popModified(); action !== null; action = this.popModified()) {
      if (action.state !== 'started') continue;
      if (action.sharingPenalty <= 0 || action.heapKind === 'latency') continue;
      this.updateRemainsLazy(action, now);
      let date = -1;
      let kind: 'normal' | 'max-duration' = 'normal';
      const share = action.rate();
      if (share > 0) date = now + (action.remains > 0 ? action.remains / share : 0);
      if (
        action.maxDuration !== Number.POSITIVE_INFINITY &&
        (date <= -1 || action.startTime + action.maxDuration < date)
      ) {
        date = action.startTime + action.maxDuration;
        kind = 'max-duration';
      }
      if (date > -1) {
        this.heap.upsert(action, date);
        action.heapKind = kind;
      } else {
        this.unschedule(action);
        action.heapKind = 'unset';
      }
    }
    const top = this.heap.peekDate();
    return top === Number.POSITIVE_INFINITY ? top : top - now;
  }

  abstract advance(now: number, delta: number): void;

  drainEnded(handler: (action: ModelAction, failed: boolean) => void): void {
    while (this.failedHead < this.failedQueue.length) {
      const index = this.failedHead++;
      const action = this.failedQueue[index] as LmmAction;
      if (action.queueSerial !== this.failedSerials[index]) continue;
      action.queueSerial = 0;
      action.queued = undefined;
      handler(action, true);
    }
    this.failedQueue.length = 0;
    this.failedSerials.length = 0;
    this.failedHead = 0;
    while (this.endedHead < this.ended.length) {
      const index = this.endedHead++;
      const action = this.ended[index] as LmmAction;
      if (action.queueSerial !== this.endedSerials[index]) continue;
      action.queueSerial = 0;
      action.queued = undefined;
      handler(action, false);
    }
    this.ended.length = 0;
    this.endedSerials.length = 0;
    this.endedHead = 0;
  }

  // ---- action life cycle -------------------------------------------------------------------------------

  /** Brings `remains` up to `now` with the rate it had since its last update (CPU semantics). */
  updateRemainsLazy(action: LmmAction, now: number): void {
    if (action.state !== 'started' || action.released) return;
    const delta = now - action.lastUpdate;
    if (action.remains > 0)
      action.remains = subtract(action.remains, action.lastValue * delta, SHARE_PRECISION * DATE_PRECISION);
    action.lastUpdate = now;
    action.lastValue = action.rate();
  }

  setState(action: LmmAction, state: ActionState): void {
    action.state = state;
    if (state === 'finished' || state === 'failed') this.enqueueEnded(action, state);
    else if (action.queued !== undefined) {
      action.queueSerial = 0;
      action.queued = undefined;
    }
    this.onStateChange(action);
  }

  /** An action created on a resource that is off: failed from the start (no state-change notification). */
  failAtCreation(action: LmmAction): void {
    action.state = 'failed';
    this.enqueueEnded(action, 'failed');
  }

  finish(action: LmmAction, state: 'finished' | 'failed'): void {
    action.finishTime = this.engine.now;
    action.remains = 0;
    this.setState(action, state);
  }

  cancel(action: LmmAction): void {
    if (action.state !== 'started' && action.state !== 'ignored') return;
    this.setState(action, 'failed');
    this.removeModified(action);
    this.unschedule(action);
  }

  suspend(action: LmmAction): void {
    if (action.suspendState === 'sleeping') return;
    this.onStateChange(action);
    if (action.variable !== undefined) this.system.updateVariablePenalty(action.variable, 0);
    this.unschedule(action);
    if (action.state === 'started' && action.sharingPenalty > 0) this.updateRemainsLazy(action, this.engine.now);
    action.suspendState = 'suspended';
  }

  resume(action: LmmAction): void {
    if (action.suspendState === 'sleeping') return;
    this.onStateChange(action);
    if (action.variable !== undefined) this.system.updateVariablePenalty(action.variable, action.sharingPenalty);
    action.suspendState = 'running';
    this.unschedule(action);
  }

  release(action: LmmAction): void {
    if (action.released) return;
    action.released = true;
    if (action.variable !== undefined) {
      this.system.freeVariable(action.variable);
      action.variable = undefined;
    }
    this.unschedule(action);
    this.removeModified(action);
    action.queueSerial = 0;
    action.queued = undefined;
    action.owner = undefined;
  }

  setSharingPenalty(action: LmmAction, penalty: number): void {
    action.sharingPenalty = penalty;
    if (action.variable !== undefined) this.system.updateVariablePenalty(action.variable, penalty);
    this.unschedule(action);
  }

  setBound(action: LmmAction, bound: number): void {
    if (action.variable !== undefined) this.system.updateVariableBound(action.variable, bound);
    if (action.lastUpdate !== this.engine.now) this.unschedule(action);
  }

  setMaxDuration(action: LmmAction, durationSec: number): void {
    action.maxDuration = durationSec;
    this.unschedule(action);
  }

  /** Takes the action out of the heap and forgets why it was there, as SimGrid's heap removal does: a transfer
   * suspended (or re-bounded) during its latency gets an end date again once it has a share, without the rest of its
   * latency. */
  unschedule(action: LmmAction): void {
    this.heap.remove(action);
    action.heapKind = 'unset';
  }

  // ---- modified-action list (intrusive, ordered) ------------------------------------------------------

  pushModifiedBack(action: LmmAction): void {
    if (action.inModified) return;
    action.inModified = true;
    action.modNext = null;
    action.modPrev = this.modTail;
    if (this.modTail === null) this.modHead = action;
    else this.modTail.modNext = action;
    this.modTail = action;
  }

  pushModifiedFront(action: LmmAction): void {
    if (action.inModified) return;
    action.inModified = true;
    action.modPrev = null;
    action.modNext = this.modHead;
    if (this.modHead === null) this.modTail = action;
    else this.modHead.modPrev = action;
    this.modHead = action;
  }

  private popModified(): LmmAction | null {
    const action = this.modHead;
    if (action !== null) this.removeModified(action);
    return action;
  }

  private removeModified(action: LmmAction): void {
    if (!action.inModified) return;
    if (action.modPrev === null) this.modHead = action.modNext;
    else action.modPrev.modNext = action.modNext;
    if (action.modNext === null) this.modTail = action.modPrev;
    else action.modNext.modPrev = action.modPrev;
    action.modPrev = null;
    action.modNext = null;
    action.inModified = false;
  }

  private enqueueEnded(action: LmmAction, state: 'finished' | 'failed'): void {
    const serial = ++this.queueSerial;
    action.queueSerial = serial;
    action.queued = state;
    if (state === 'failed') {
      this.failedQueue.push(action);
      this.failedSerials.push(serial);
    } else {
      this.ended.push(action);
      this.endedSerials.push(serial);
    }
  }
}

/** SimGrid's double_update: x − delta, snapped to 0 below the precision. */
export function subtract(value: number, delta: number, precision: number): number {
  const result = value - delta;
  return result < precision ? 0 : result;
}

/** True when two dates are the same within the date precision. */
export function sameDate(a: number, b: number): boolean {
  return Math.abs(a - b) < DATE_PRECISION;
}
