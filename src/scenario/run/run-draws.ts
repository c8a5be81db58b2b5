// The values a run draws as it goes (gaps between arrivals, times to failure): one seeded stream per use, each draw
// recorded with its path, its number and the simulated date.
import { Random } from '../../core/index.ts';
import type { Draw } from '../random/draw-values.ts';
import { drawSeconds, type TimeProcess } from '../random/time-process.ts';

export class RunDraws {
  readonly draws: Draw[] = [];
  private readonly streams = new Map<string, { random: Random; count: number }>();

  constructor(private readonly seed: number) {}

  /** The next duration of the use `key` (`actors.migrator.steps.1.repeat.every`), drawn at `time`. */
  seconds(key: string, process: TimeProcess, time: number): number {
    let stream = this.streams.get(key);
    if (stream === undefined) {
      stream = { random: Random.stream(this.seed, key), count: 0 };
      this.streams.set(key, stream);
    }
    const value = drawSeconds(process, stream.random);
    stream.count += 1;
    if (process.kind !== 'fixed') this.draws.push({ path: `${key}#${stream.count}`, value, time });
    return value;
  }
}
