// MPLM, memory-bounded pre-copy (K. Chanchio, J. Yaothanee; qemu-mplm): two sets of pages — non-dirty (never sent
// and never written since the first sync) and dirty (written and not re-sent) — sent in cycles where a share `d` of
// the slots goes to dirty pages (the first epoch sends non-dirty pages only). Every 3 s epoch the dirty log is
// synced; the live phase ends when the non-dirty set is empty — no downtime parameter is needed, and
// `downtimeLimitSec` is refused — unless the operator extended it (then plain pre-copy of the dirty set goes on until
// `end-live`; an extend-live given before the migration starts applies to it). QEMU's own exit (pending ≤ bandwidth
// × QEMU's default downtime-limit, 300 ms) stays an early exit, as in qemu-mplm. A fluid model of the two sets over the working set;
// zero pages (never written, outside it) are sent as markers, so they leave the non-dirty set at no cost in bytes.
import { schema as s } from '../../../core/index.ts';
import { algorithmOptions } from '../option-schema.ts';
import type { RoundRecord } from '../records.ts';
import { PAGE_SIZE_BYTES } from '../stats.ts';
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView, OperatorCommand } from '../strategy.ts';
import { QEMU_DEFAULTS, WINDOW_SEC } from './qemu-precopy.ts';

export const mplmOptions = algorithmOptions(
  'mplm',
  {
    epochSec: s.optional(s.number({ min: 0, exclusiveMin: true }).describe('Seconds between syncs (default 3).')),
    dirtyPercent: s.optional(
      s.number({ min: 0, max: 100 }).describe('Share of each sending cycle given to dirty pages, % (default 50).'),
    ),
    maxBandwidthBytesPerSec: s.optional(
      s.number({ min: 0 }).describe('max-bandwidth, bytes/s (default 128 MiB/s; 0 = none).'),
    ),
    workingSetBytes: s.optional(
      s.number({ min: 0 }).describe("Bytes the VM writes to (default: the VM's working set, else its RAM)."),
    ),
    zeroPageRatio: s.optional(
      s.number({ min: 0, max: 1 }).describe('Share of memory made of zero pages, sent as markers.'),
    ),
  },
  {
    refused: {
      downtimeLimitSec: {
        message:
          'MPLM has no downtime limit: its live phase ends when every page was sent once, which "eliminates the need for this parameter".',
        hint: 'Remove the downtime limit, or use the precopy or hybrid algorithm.',
      },
    },
  },
);
export type MplmInput = s.Infer<typeof mplmOptions>;

export interface MplmOptions {
  epochSec: number;
  /** Share of each sending cycle given to dirty pages (%), default 50. */
  dirtyPercent: number;
  maxBandwidthBytesPerSec: number;
  /** QEMU's default downtime-limit, for QEMU's own early exit (not an MPLM parameter). */
  downtimeLimitSec: number;
  /** Bytes of memory the VM writes to (the rest is never dirtied); default: the VM's working set, else its RAM. */
  workingSetBytes: number | undefined;
  /** Share of memory made of zero pages (0..1, at most the memory outside the working set), sent as markers that
   * cost no bytes on the wire (QEMU's duplicate pages); default 0. */
  zeroPageRatio: number;
}

export interface MplmEpoch {
  epoch: number;
  time: number;
  totalPages: number;
  /** Pages dirtied during the epoch. */
  dirtiedPages: number;
  dirtySetPages: number;
  nonDirtySetPages: number;
  pendingBytes: number;
  sentNonDirtyPages: number;
  sentDirtyPages: number;
  state: MplmState;
}

/** MPLM's states: S0, the first epoch (non-dirty pages only); S1/S2, cycles sharing the slots between the two sets;
 * S3, the live phase extended by the operator once the non-dirty set is empty (pre-copy of the dirty set); S4, the
 * end of the live phase (the switch-over). */
export type MplmState = 'S0' | 'S1/S2' | 'S3' | 'S4';

class Mplm implements MigrationStrategy {
  readonly name = 'mplm';
  readonly checkIntervalSec = WINDOW_SEC;
  private nonDirtyInSet = 0; // non-dirty pages inside the working set (bytes)
  private nonDirtyOutside = 0; // non-dirty pages outside it, not zero (bytes)
  private nonDirtyZero = 0; // non-dirty zero pages (outside the working set; bytes of memory, free on the wire)
  private dirty = 0;
  private workingSet = 0;
  private lastSent = 0;
  private lastCheck = 0;
  private lastEpoch = 0;
  private bandwidth = 0;
  private state: MplmState = 'S0';
  /** The operator holds the live phase (extend-live, until end-live). */
  private extend = false;
  /** The operator asked for the switch-over. */
  private forceEnd = false;
  private epochDirtied = 0;
  private sentNonDirty = 0;
  private sentDirty = 0;
  private readonly epochs: MplmEpoch[] = [];

  constructor(private readonly options: MplmOptions) {}

  start(view: MigrationView): Decision {
    this.workingSet = Math.min(view.ramBytes, this.options.workingSetBytes ?? view.workingSetBytes);
    const outside = view.ramBytes - this.workingSet;
    this.nonDirtyInSet = this.workingSet;
    this.nonDirtyZero = Math.min(outside, Math.max(0, view.ramBytes * this.options.zeroPageRatio));
    this.nonDirtyOutside = outside - this.nonDirtyZero;
    this.lastCheck = view.now;
    this.lastEpoch = view.now;
    return this.round(this.nonDirtyWire(), 1);
  }

  check(view: MigrationView): Decision {
    const current = view.current;
    if (current === undefined) return { action: 'continue' };
    this.account(view, current.sentBytes);
    if (view.now - this.lastEpoch + 1e-9 < this.options.epochSec) return { action: 'continue' };
    return this.epoch(view);
  }

  roundEnded(view: MigrationView, round: RoundRecord, _timedOut: boolean): Decision {
    this.account(view, round.bytes);
    this.lastSent = 0;
    const pending = this.nonDirtyWire() + this.dirty;
    // Held live by the operator with everything known sent: nothing new is known before the next sync.
    if (this.extend && pending < PAGE_SIZE_BYTES) return this.idleUntilEpoch(view);
    if (pending > 0) return this.round(pending, 2);
    // Everything known was sent: close the epoch now; if the live phase goes on, send what gets dirtied.
    const decision = this.epoch(view);
    return decision.action === 'continue' ? this.round(this.nonDirtyWire() + this.dirty, 2) : decision;
  }

  idleEnded(view: MigrationView): Decision {
    // Woken before the epoch's end by a command that changes nothing (extend-live again): wait on.
    const early = view.now + 1e-9 < this.lastEpoch + this.options.epochSec;
    if (early && this.extend && !this.forceEnd) return this.idleUntilEpoch(view);
    const decision = this.epoch(view);
    if (decision.action !== 'continue') return decision;
    const pending = this.nonDirtyWire() + this.dirty;
    if (this.extend && pending < PAGE_SIZE_BYTES) return this.idleUntilEpoch(view);
    return this.round(pending, 2);
  }

  /** Waits for the end of the epoch (the next sync of the dirty log), sending nothing meanwhile. */
  private idleUntilEpoch(view: MigrationView): Decision {
    const seconds = this.lastEpoch + this.options.epochSec - view.now;
    return seconds > 1e-9 ? { action: 'idle', seconds } : this.idleEnded(view);
  }

  command(command: OperatorCommand): void {
    if (command === 'extend-live') this.extend = true;
    if (command === 'end-live') this.extend = false;
    if (command === 'switch-over') this.forceEnd = true;
  }

  report(): Record<string, unknown> {
    return { mplmEpochs: this.epochs.map((e) => ({ ...e })) };
  }

  /** Bytes sent since the last check, taken from the two sets by the cycle's shares (zero pages ride along free). */
  private account(view: MigrationView, sentNow: number): void {
    const sent = Math.max(0, sentNow - this.lastSent);
    const elapsed = view.now - this.lastCheck;
    if (elapsed > 0 && sent > 0) this.bandwidth = sent / elapsed;
    this.lastSent = sentNow;
    this.lastCheck = view.now;
    const share = this.state === 'S0' ? 0 : this.state === 'S3' ? 1 : this.options.dirtyPercent / 100;
    let fromDirty = Math.min(this.dirty, sent * share);
    let fromNonDirty = Math.min(this.nonDirtyWire(), sent - fromDirty);
    fromDirty = Math.min(this.dirty, sent - fromNonDirty);
    fromNonDirty = Math.min(this.nonDirtyWire(), sent - fromDirty);
    this.sentNonDirty += this.takeNonDirty(fromNonDirty);
    this.dirty -= fromDirty;
    this.sentDirty += fromDirty;
  }

  /** An epoch ends: sync the dirty log, move written pages to the dirty set, check the end of the live phase. */
  private epoch(view: MigrationView): Decision {
    this.lastEpoch = view.now;
    // Writes fall uniformly on the working set: those on non-dirty or clean (sent) pages make them dirty.
    const written = Math.min(view.syncDirty(), this.workingSet);
    const cleanInSet = Math.max(0, this.workingSet - this.nonDirtyInSet - this.dirty);
    const share = this.workingSet > 0 ? written / this.workingSet : 0;
    const fromNonDirty = this.nonDirtyInSet * share;
    this.nonDirtyInSet -= fromNonDirty;
    this.dirty = Math.min(this.workingSet - this.nonDirtyInSet, this.dirty + fromNonDirty + cleanInSet * share);
    this.epochDirtied = written;
    // Zero pages left alone in the non-dirty set cost nothing to send: they go at once.
    if (this.nonDirtyWire() < PAGE_SIZE_BYTES) {
      this.sentNonDirty += this.nonDirtyZero;
      this.nonDirtyZero = 0;
    }
    // QEMU's pending counts pages (zero ones too); the switch-over sends the bytes of the non-zero ones.
    const pending = this.nonDirty() + this.dirty;
    const empty = this.nonDirty() < PAGE_SIZE_BYTES;
    const ending = (empty && !this.extend) || this.forceEnd;
    const earlyExit = !this.extend && this.bandwidth > 0 && pending <= this.bandwidth * this.options.downtimeLimitSec;
    this.state = ending || earlyExit ? 'S4' : empty && this.extend ? 'S3' : 'S1/S2';
    this.record(view, this.state);
    if (this.state === 'S4') {
      return {
        action: 'switch-over',
        bytes: Math.round(this.nonDirtyWire() + this.dirty),
        finalSync: true,
        cancelInFlight: true,
        rateBytesPerSec: 0,
      };
    }
    return { action: 'continue' };
  }

  private record(view: MigrationView, state: MplmEpoch['state']): void {
    const pages = (bytes: number) => Math.round(bytes / PAGE_SIZE_BYTES);
    this.epochs.push({
      epoch: this.epochs.length,
      time: view.now,
      totalPages: pages(view.ramBytes),
      dirtiedPages: pages(this.epochDirtied),
      dirtySetPages: pages(this.dirty),
      nonDirtySetPages: pages(this.nonDirty()),
      pendingBytes: Math.round(this.nonDirty() + this.dirty),
      sentNonDirtyPages: pages(this.sentNonDirty),
      sentDirtyPages: pages(this.sentDirty),
      state,
    });
  }

  private round(bytes: number, stage: 1 | 2): Decision {
    this.lastSent = 0;
    return {
      action: 'send',
      bytes: Math.max(PAGE_SIZE_BYTES, Math.round(bytes)),
      stage,
      rateBytesPerSec: this.options.maxBandwidthBytesPerSec,
    };
  }

  /** Pages of the non-dirty set (bytes of memory, zero pages included). */
  private nonDirty(): number {
    return this.nonDirtyInSet + this.nonDirtyOutside + this.nonDirtyZero;
  }

  /** Bytes the non-dirty set costs on the wire (its zero pages cost nothing). */
  private nonDirtyWire(): number {
    return this.nonDirtyInSet + this.nonDirtyOutside;
  }

  /** Sends `wireBytes` of non-dirty pages, scanned evenly over its three parts (the zero pages met on the way cost
   * nothing); returns the bytes of memory that left the set. */
  private takeNonDirty(wireBytes: number): number {
    const wire = this.nonDirtyWire();
    if (wire <= 0) {
      const zero = this.nonDirtyZero;
      this.nonDirtyZero = 0;
      return zero;
    }
    const fromSet = (wireBytes * this.nonDirtyInSet) / wire;
    const fromZero = (wireBytes * this.nonDirtyZero) / wire;
    this.nonDirtyInSet = Math.max(0, this.nonDirtyInSet - fromSet);
    this.nonDirtyOutside = Math.max(0, this.nonDirtyOutside - (wireBytes - fromSet));
    this.nonDirtyZero = Math.max(0, this.nonDirtyZero - fromZero);
    return wireBytes + fromZero;
  }
}

export const mplm: MigrationAlgorithm<MplmInput> = {
  name: 'mplm',
  options: mplmOptions,
  create: (options) =>
    new Mplm({
      epochSec: options.epochSec ?? 3,
      dirtyPercent: options.dirtyPercent ?? 50,
      maxBandwidthBytesPerSec: options.maxBandwidthBytesPerSec ?? QEMU_DEFAULTS.maxBandwidthBytesPerSec,
      downtimeLimitSec: QEMU_DEFAULTS.downtimeLimitSec,
      workingSetBytes: options.workingSetBytes,
      zeroPageRatio: options.zeroPageRatio ?? 0,
    }),
};
