// Saving a VM's memory to its PM's disk and restoring it (SimGrid 3.10's MSG_vm_save/MSG_vm_restore, which took no
// time; here each lasts RAM size / disk bandwidth). One pending operation per VM: a timer, and the actors waiting.
import { LivemigError, parseBandwidth } from '../core/index.ts';
import { type Actor, type Blocker, type Engine, internalsOf, type Timer } from '../kernel/index.ts';
import type { Host } from '../platform/index.ts';

/** Options of `save()` and `restore()`. */
export interface DiskOptions {
  /** Bytes/s written (save) or read (restore); default: the PM's `disk_bandwidth` property. */
  diskBandwidthBytesPerSec?: number;
}

export type DiskOperationKind = 'save' | 'restore';

/** The host property that gives a PM's disk bandwidth, e.g. `200MBps`. */
export const DISK_BANDWIDTH_PROPERTY = 'disk_bandwidth';

/** How long saving or restoring `ramBytes` takes on `pm`: the memory through the disk at its bandwidth. */
export function diskSeconds(
  kind: DiskOperationKind,
  vm: string,
  ramBytes: number,
  pm: Host,
  options: DiskOptions,
): number {
  let bandwidth = options.diskBandwidthBytesPerSec;
  if (bandwidth === undefined) {
    const property = pm.property(DISK_BANDWIDTH_PROPERTY);
    if (property === undefined) {
      throw new LivemigError(
        'invalid-argument',
        `Cannot ${kind} VM "${vm}": no disk bandwidth is known for host "${pm.name}". Give the host the property ` +
          `${DISK_BANDWIDTH_PROPERTY} (e.g. "200MBps"), or pass { diskBandwidthBytesPerSec } to ${kind}().`,
        { details: { vm, host: pm.name } },
      );
    }
    try {
      bandwidth = parseBandwidth(property);
    } catch (error) {
      throw new LivemigError(
        'invalid-argument',
        `Cannot ${kind} VM "${vm}": host "${pm.name}" has ${DISK_BANDWIDTH_PROPERTY}="${property}", which is not a ` +
          'bandwidth. Write it as "200MBps" or "1.6Gbps".',
        { details: { vm, host: pm.name }, cause: error },
      );
    }
  }
  if (!(bandwidth > 0) || !Number.isFinite(bandwidth)) {
    throw new LivemigError(
      'invalid-argument',
      `Cannot ${kind} VM "${vm}": the disk bandwidth must be a finite number of bytes/s > 0, not ${bandwidth}.`,
      { details: { vm, host: pm.name } },
    );
  }
  return ramBytes / bandwidth;
}

/** A save or restore in progress: it ends at its timer, or is cancelled (the VM was shut down or destroyed). */
export class DiskOperation implements Blocker {
  private readonly waiters: Actor[] = [];
  private readonly timer: Timer;

  constructor(
    private readonly engine: Engine,
    readonly kind: DiskOperationKind,
    private readonly vm: string,
    readonly endsAt: number,
    done: () => void,
  ) {
    this.timer = engine.schedule(endsAt, () => {
      done();
      for (const actor of this.waiters.splice(0)) internalsOf(engine).wake(actor);
    });
  }

  /** Blocks the running actor, if any, until the operation ends; outside an actor, returns at once. */
  wait(): Promise<void> {
    const internals = internalsOf(this.engine);
    const actor = internals.current;
    if (actor === undefined) return Promise.resolve();
    this.waiters.push(actor);
    return internals.block(actor, this).then(() => undefined);
  }

  cancel(why: string): void {
    this.timer.cancel();
    const error = new LivemigError('vm-failure', `The ${this.kind} of VM "${this.vm}" did not complete: ${why}.`, {
      details: { vm: this.vm, operation: this.kind },
    });
    for (const actor of this.waiters.splice(0)) internalsOf(this.engine).wake(actor, undefined, error);
  }

  describe(): string {
    return `the ${this.kind} of VM "${this.vm}" (ends at ${this.endsAt} s)`;
  }

  abandon(actor: Actor): void {
    const at = this.waiters.indexOf(actor);
    if (at >= 0) this.waiters.splice(at, 1);
  }
}
