// A model action: the remaining work of an execution, transfer or sleep, its share of resources (a solver
// variable), and its date in the model's heap. Remaining work is brought up to date lazily (SimGrid's Lazy mode).
import type { HeapItem } from '../core/index.ts';
import type { ActionOwner, ModelAction } from '../kernel/index.ts';
import type { Variable } from '../solver/index.ts';
import type { LmmModel } from './lmm-model.ts';

export type ActionState = 'started' | 'finished' | 'failed' | 'ignored';
/** Why the action is in its model's heap: its latency ends, its max duration ends, or its work ends. */
export type HeapKind = 'unset' | 'latency' | 'max-duration' | 'normal';

export class LmmAction implements ModelAction, HeapItem {
  heapIndex = -1;
  heapDate = 0;
  heapSeq = 0;
  heapKind: HeapKind = 'unset';
  state: ActionState;
  remains: number;
  readonly startTime: number;
  finishTime: number | undefined;
  /** Infinity means none. */
  maxDuration = Number.POSITIVE_INFINITY;
  variable: Variable<LmmAction> | undefined;
  /** Achieved rate = solver value × factor (the network's bandwidth factor). */
  rateFactor = 1;
  lastUpdate: number;
  lastValue = 0;
  /** The action's own sharing penalty, kept while its solver variable is disabled (suspended, in latency). */
  sharingPenalty = 1;
  suspendState: 'running' | 'suspended' | 'sleeping' = 'running';
  userBound: number | undefined;
  /** Cores an execution uses (CPU actions only). */
  requestedCores: number | undefined;
  /** The resource that runs the action (the processor, for CPU actions). */
  resource: unknown;
  // intrusive membership in the model's modified-action list
  inModified = false;
  modPrev: LmmAction | null = null;
  modNext: LmmAction | null = null;
  queued: 'finished' | 'failed' | undefined;
  queueSerial = 0;
  released = false;

  constructor(
    readonly model: LmmModel,
    readonly cost: number,
    failed: boolean,
    public owner: ActionOwner | undefined,
  ) {
    this.remains = cost;
    this.startTime = model.engine.now;
    this.lastUpdate = model.engine.now;
    this.state = 'started';
    if (failed) model.failAtCreation(this);
  }

  get failed(): boolean {
    return this.state === 'failed';
  }

  /** Current rate in flop/s or byte/s. */
  rate(): number {
    return this.variable === undefined ? 0 : this.variable.value * this.rateFactor;
  }

  remaining(): number {
    this.model.updateRemainsLazy(this, this.model.engine.now);
    return this.remains;
  }

  cancel(): void {
    this.model.cancel(this);
  }

  suspend(): void {
    this.model.suspend(this);
  }

  resume(): void {
    this.model.resume(this);
  }

  release(): void {
    this.model.release(this);
  }
}
