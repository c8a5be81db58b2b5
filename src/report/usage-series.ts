// A piecewise-constant series built sample by sample, with a bounded number of points: past the bound, adjacent
// intervals are merged pairwise into their time average, which keeps the area (bytes or flops) exact.
import { invalidArgument } from '../core/index.ts';

export class PiecewiseSeries {
  /** `times[i]`, `values[i]`: the value from `times[i]` until the next time. */
  private times: number[] = [];
  private values: number[] = [];
  private everUsed = false;
  private mergedOnce = false;

  constructor(private readonly maxPoints: number) {
    if (!(maxPoints >= 4)) {
      throw invalidArgument(
        `A usage series needs room for at least 4 points, not ${maxPoints}. Raise maxPointsPerSeries.`,
      );
    }
  }

  /** The value holds from `time` on (a later sample at the same time replaces it). */
  add(time: number, value: number): void {
    if (value !== 0) this.everUsed = true;
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === time) {
      this.values[last] = value;
      if (last >= 1 && this.values[last - 1] === value) this.pop();
      return;
    }
    if (last >= 0 && this.values[last] === value) return;
    this.times.push(time);
    this.values.push(value);
    if (this.times.length > this.maxPoints) this.halve();
  }

  /** Whether any sample was not zero. */
  get used(): boolean {
    return this.everUsed;
  }

  /** Whether some points were merged into averages. */
  get merged(): boolean {
    return this.mergedOnce;
  }

  points(): [number, number][] {
    return this.times.map((time, i) => [time, this.values[i] as number]);
  }

  private pop(): void {
    this.times.pop();
    this.values.pop();
  }

  /** Merges intervals two by two (never the last point: it is the current value, with an open end). */
  private halve(): void {
    this.mergedOnce = true;
    const n = this.times.length;
    const times: number[] = [];
    const values: number[] = [];
    let i = 0;
    for (; i + 2 < n; i += 2) {
      const t0 = this.times[i] as number;
      const t1 = this.times[i + 1] as number;
      const t2 = this.times[i + 2] as number;
      const area = (this.values[i] as number) * (t1 - t0) + (this.values[i + 1] as number) * (t2 - t1);
      push(times, values, t0, area / (t2 - t0));
    }
    for (; i < n; i++) push(times, values, this.times[i] as number, this.values[i] as number);
    this.times = times;
    this.values = values;
  }
}

function push(times: number[], values: number[], time: number, value: number): void {
  if (values.length > 0 && values[values.length - 1] === value) return;
  times.push(time);
  values.push(value);
}
