// SimGrid's dirty-page tracking of a VM: how many flops its executions computed since the last lookup, the
// quantity that the SimGrid migration model turns into dirtied bytes (flops × speed × intensity / PM speed).
import type { ExecActivity } from '../kernel/index.ts';

export class DirtyPageTracker {
  private tracking = false;
  /** Remaining flops of each execution at the last lookup (or when it started). */
  private readonly stored = new Map<ExecActivity, number>();
  private flopsOfEndedExecutions = 0;

  get isTracking(): boolean {
    return this.tracking;
  }

  /** An execution started in the VM. */
  executionStarted(exec: ExecActivity): void {
    this.stored.set(exec, this.tracking ? exec.remaining() : 0);
  }

  /** An execution of the VM completed (its owner's wait returned). */
  executionCompleted(exec: ExecActivity): void {
    const stored = this.stored.get(exec);
    if (stored === undefined) return;
    if (this.tracking) this.flopsOfEndedExecutions += stored;
    this.stored.delete(exec);
  }

  start(): void {
    this.tracking = true;
    for (const exec of this.stored.keys()) this.stored.set(exec, exec.remaining());
  }

  stop(): void {
    this.tracking = false;
  }

  /** Flops computed since the previous lookup, without resetting the count. */
  peekComputedFlops(): number {
    let total = this.flopsOfEndedExecutions;
    for (const [exec, stored] of this.stored) total += stored - exec.remaining();
    return total;
  }

  /** Flops computed since the previous lookup (or the start of tracking); resets the count. */
  lookupComputedFlops(): number {
    let total = 0;
    for (const [exec, stored] of this.stored) {
      const remaining = exec.remaining();
      total += stored - remaining;
      this.stored.set(exec, remaining);
    }
    total += this.flopsOfEndedExecutions;
    this.flopsOfEndedExecutions = 0;
    return total;
  }
}
