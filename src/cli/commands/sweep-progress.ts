// The sweep's progress bar on the terminal: runs done of the total, failures, and the time left, estimated from the
// pace of the runs done in this session. Redrawn at most every 200 ms; erased at the end.
import { formatSeconds, type SweepProgress } from '../../index.ts';
import type { Io } from '../io.ts';

export class SweepProgressBar {
  private readonly startMs: number;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(private readonly io: Io) {
    this.startMs = io.nowMs();
  }

  update(progress: SweepProgress): void {
    const tty = this.io.tty;
    if (tty === undefined) return;
    const now = this.io.nowMs();
    if (now - this.lastDraw < 200 && progress.done < progress.total) return;
    this.lastDraw = now;
    const width = 24;
    const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width);
    const ranHere = progress.done - progress.skipped;
    const left = progress.total - progress.done;
    const eta =
      ranHere > 0 ? ` | ETA ${formatSeconds(Math.round(((now - this.startMs) / 1000 / ranHere) * left))}` : '';
    const failed = progress.failed > 0 ? ` | ${progress.failed} failed` : '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done}/${progress.total} runs${failed}${eta}`;
    tty.write(`\r${line.slice(0, tty.columns - 1)}`);
    this.drawn = true;
  }

  finish(): void {
    const tty = this.io.tty;
    if (tty !== undefined && this.drawn) tty.write(`\r${' '.repeat(tty.columns - 1)}\r`);
    this.drawn = false;
  }
}
