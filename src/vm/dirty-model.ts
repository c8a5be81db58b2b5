// How a VM dirties its memory while it migrates, chosen per VM:
//  - flops   (SimGrid, the default): dirtied bytes = flops computed × speed × intensity / PM speed, at most the
//            working set per sync;
//  - rate    a dirty rate r over a working set W, where rewriting a dirty page costs nothing:
//            dirty bytes after t = W·(1 − e^(−r·t/W));
//  - linear  a cyclic writer: dirty bytes after t = min(r·t, W) (the lab guest of the QEMU validation); `paced`: the
//            writer keeps to r by the clock, so throttling the vCPU does not slow it (the lab guest's dirtier);
//  - trace   like `rate`, with r read per second from a list of (time, rate) points.
// Rates are scaled by (1 − throttle), except a paced writer's, and stop while the VM is paused.
import type { VirtualMachine } from './virtual-machine.ts';

export type DirtyModelSpec =
  | { kind: 'flops' }
  | { kind: 'rate'; rateBytesPerSec: number; workingSetBytes: number }
  | { kind: 'linear'; rateBytesPerSec: number; workingSetBytes: number; paced?: boolean }
  | {
      kind: 'trace';
      points: readonly (readonly [timeSec: number, rateBytesPerSec: number])[];
      workingSetBytes: number;
    };

export interface DirtyModel {
  /** Tracking starts now with an empty dirty set. */
  start(now: number): void;
  /** Bytes dirtied since the last sync (or start), up to now. */
  estimate(now: number): number;
  /** Like estimate, then a new period starts with an empty dirty set. */
  sync(now: number): number;
  stop(now: number): void;
  /** Fraction of the VM's CPU withheld (0..1) from now on. */
  setThrottle(now: number, fraction: number): void;
  /** No dirtying while paused. */
  setPaused(now: number, paused: boolean): void;
}

export function createDirtyModel(vm: VirtualMachine, spec: DirtyModelSpec): DirtyModel {
  switch (spec.kind) {
    case 'flops':
      return new FlopsDirtyModel(vm);
    case 'rate':
      return new RateDirtyModel(spec.workingSetBytes, () => spec.rateBytesPerSec, 'saturating');
    case 'linear':
      return new RateDirtyModel(spec.workingSetBytes, () => spec.rateBytesPerSec, 'linear', undefined, spec.paced);
    case 'trace':
      return new RateDirtyModel(spec.workingSetBytes, (t) => rateAt(spec.points, t), 'saturating', spec.points);
  }
}

/** SimGrid's model: dirtying follows the flops the VM computes (its CPU share already reflects any throttle). The
 * bytes per flop and the cap are read once, when tracking starts (SimGrid's sender reads them at its start), so a
 * pstate change during the migration does not change them. */
class FlopsDirtyModel implements DirtyModel {
  private bytesPerFlop: number;
  private capBytes: number;

  constructor(private readonly vm: VirtualMachine) {
    this.bytesPerFlop = this.currentBytesPerFlop();
    this.capBytes = vm.migration.workingSetBytes;
  }

  private currentBytesPerFlop(): number {
    const speed = this.vm.pm.speedFlops;
    const params = this.vm.migration;
    return speed !== 0 ? (params.migrationSpeedBytesPerSec * params.dirtyIntensity) / speed : 1;
  }

  private toBytes(flops: number): number {
    return Math.min(Math.trunc(flops * this.bytesPerFlop), this.capBytes);
  }

  start(): void {
    this.bytesPerFlop = this.currentBytesPerFlop();
    this.capBytes = this.vm.migration.workingSetBytes;
    this.vm.dirtyPages.start();
  }

  estimate(): number {
    return this.toBytes(this.vm.dirtyPages.peekComputedFlops());
  }

  sync(): number {
    return this.toBytes(this.vm.dirtyPages.lookupComputedFlops());
  }

  stop(): void {
    this.vm.dirtyPages.stop();
  }

  setThrottle(): void {}

  setPaused(): void {}
}

/** Rate-driven models, integrated exactly over piecewise-constant rates. */
class RateDirtyModel implements DirtyModel {
  private dirty = 0;
  private last = 0;
  private throttle = 0;
  private paused = false;
  private tracking = false;

  constructor(
    private readonly workingSet: number,
    private readonly rateAt: (t: number) => number,
    private readonly shape: 'saturating' | 'linear',
    private readonly points?: readonly (readonly [number, number])[],
    /** Paced by the clock: throttling does not slow it. */
    private readonly paced = false,
  ) {}

  start(now: number): void {
    this.tracking = true;
    this.dirty = 0;
    this.last = now;
  }

  estimate(now: number): number {
    this.advance(now);
    return Math.trunc(this.dirty);
  }

  sync(now: number): number {
    const bytes = this.estimate(now);
    this.dirty = 0;
    return bytes;
  }

  stop(now: number): void {
    this.advance(now);
    this.tracking = false;
  }

  setThrottle(now: number, fraction: number): void {
    this.advance(now);
    this.throttle = fraction;
  }

  setPaused(now: number, paused: boolean): void {
    this.advance(now);
    this.paused = paused;
  }

  private advance(now: number): void {
    let t = this.last;
    this.last = now;
    if (!this.tracking || this.paused || now <= t || this.workingSet <= 0) return;
    // Integrate segment by segment (the rate of a trace changes at its points).
    for (const boundary of [...breakpoints(this.points, t, now), now]) {
      const rate = this.rateAt(t) * (this.paced ? 1 : 1 - this.throttle);
      const dt = boundary - t;
      if (this.shape === 'linear') this.dirty = Math.min(this.workingSet, this.dirty + rate * dt);
      else this.dirty = this.workingSet - (this.workingSet - this.dirty) * Math.exp((-rate * dt) / this.workingSet);
      t = boundary;
    }
  }
}

function breakpoints(points: readonly (readonly [number, number])[] | undefined, from: number, to: number): number[] {
  if (points === undefined) return [];
  return points.map(([time]) => time).filter((time) => time > from && time < to);
}

/** The rate of a trace at time t: the last point at or before t (the first point before it starts). */
export function rateAt(points: readonly (readonly [number, number])[], t: number): number {
  let rate = points[0]?.[1] ?? 0;
  for (const [time, value] of points) {
    if (time > t) break;
    rate = value;
  }
  return rate;
}
