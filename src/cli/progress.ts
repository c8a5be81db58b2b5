// A progress line on the terminal for long runs: simulated time, events per second of wall time, migrations done.
// Redrawn at most every 100 ms; erased at the end. Silent when stderr is not a terminal or with --quiet.
import { readableTime } from '../index.ts';
import type { Io } from './io.ts';

export interface Progress {
  time: number;
  steps: number;
  migrationsDone: number;
}

export class ProgressBar {
  private lastDraw = -Infinity;
  private readonly startMs: number;
  private drawn = false;

  constructor(
    private readonly io: Io,
    private readonly untilSec: number | undefined,
  ) {
    this.startMs = io.nowMs();
  }

  update(progress: Progress): void {
    const tty = this.io.tty;
    if (tty === undefined) return;
    const now = this.io.nowMs();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const elapsed = Math.max(1e-3, (now - this.startMs) / 1000);
    const rate = progress.steps / elapsed;
    const parts = [
      `simulated ${readableTime(progress.time)}`,
      `${rate >= 1000 ? `${(rate / 1000).toFixed(1)}k` : rate.toFixed(0)} events/s`,
      `${progress.migrationsDone} migration(s) done`,
    ];
    let line = parts.join(' | ');
    if (this.untilSec !== undefined && this.untilSec > 0) {
      const width = 20;
      const filled = Math.min(width, Math.round((progress.time / this.untilSec) * width));
      line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`;
    }
    const room = usableColumns(tty.columns);
    tty.write(`\r${line.slice(0, room).padEnd(Math.min(room, line.length))}`);
    this.drawn = true;
  }

  finish(): void {
    const tty = this.io.tty;
    if (tty !== undefined && this.drawn) tty.write(`\r${' '.repeat(usableColumns(tty.columns))}\r`);
  }
}

/** Columns a line may fill, leaving the last one free; 80 when the terminal does not say (0, as some do). */
export function usableColumns(columns: number): number {
  return (Number.isInteger(columns) && columns > 1 ? columns : 80) - 1;
}
