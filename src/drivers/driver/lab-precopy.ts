// QEMU's pre-copy as it runs the lab guest: the simulator's `precopy` strategy with what QEMU 7.2 does that the
// generic model leaves out. Its parameters can change mid-flight (migrate-set-parameters: the operator's extendLive).
// Its "remaining" counts every page not yet scanned, zero pages included: the guest's zero pages lie at the top of its
// RAM (the calibration runs see them sent in the last 100 ms of the bulk pass), so during the bulk pass they keep the
// remaining above the stop threshold until the pass is almost over, though they cost no bytes on the wire. And at the
// switch-over QEMU lifts the rate limit (migration_completion): what the pass had left goes uncapped, in the downtime.
import {
  type Decision,
  type MigrationAlgorithm,
  type MigrationView,
  QemuPreCopy,
  type QemuPreCopyOptions,
  qemuOptions,
} from '../../vm/index.ts';

class LabPreCopy extends QemuPreCopy {
  constructor(
    options: QemuPreCopyOptions,
    /** Bytes of zero pages, all at the end of the bulk pass. */
    private readonly zeroBytes: number,
  ) {
    super(options);
  }

  override check(view: MigrationView): Decision {
    const current = view.current;
    if (current === undefined) return super.check(view);
    const zero = current.stage === 1 ? this.zeroBytes : 0;
    const decision = super.check(zero === 0 ? view : withCurrent(view, { ...current, bytes: current.bytes + zero }));
    if (decision.action !== 'post-copy') return decision;
    // The engine pushes what the round in flight has left itself: the decision keeps the dirty set only.
    return { ...decision, bytes: Math.max(0, decision.bytes - (current.bytes + zero - current.sentBytes)) };
  }

  /** Stop-and-copy without the cap: the round in flight stops, its unsent part goes with the dirty pages. */
  protected override switchOver(view: MigrationView, pendingBytes: number): Decision {
    const current = view.current;
    const zero = current?.stage === 1 ? this.zeroBytes : 0;
    const unsent = current === undefined ? 0 : Math.max(0, current.bytes - zero - current.sentBytes);
    return { action: 'switch-over', bytes: pendingBytes + unsent, finalSync: true, cancelInFlight: true };
  }
}

/** The view with another round in flight (the same object otherwise, methods bound to it). */
function withCurrent(view: MigrationView, current: MigrationView['current']): MigrationView {
  return new Proxy(view, {
    get(target, key) {
      if (key === 'current') return current;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Builds LabPreCopy strategies, and changes their parameters as QEMU's migrate-set-parameters does. */
export class LabPreCopyAlgorithm implements MigrationAlgorithm {
  readonly name = 'precopy';
  private options: QemuPreCopyOptions | undefined;
  private readonly changes: Partial<QemuPreCopyOptions> = {};

  constructor(private readonly zeroBytes: number) {}

  create(raw: Record<string, unknown>): QemuPreCopy {
    this.options = { ...qemuOptions(raw), ...this.changes };
    return new LabPreCopy(this.options, this.zeroBytes);
  }

  set(change: Partial<QemuPreCopyOptions>): void {
    Object.assign(this.changes, change);
    if (this.options !== undefined) Object.assign(this.options, change);
  }
}
