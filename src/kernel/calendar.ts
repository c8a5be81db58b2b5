// The event calendar: callbacks due at given simulated dates, run in date order (FIFO among equal dates).
import { type HeapItem, IndexedHeap } from '../core/index.ts';

export class Timer implements HeapItem {
  heapIndex = -1;
  heapDate = 0;
  heapSeq = 0;

  constructor(
    readonly date: number,
    readonly callback: () => void,
    private readonly calendar: Calendar,
  ) {}

  /** Cancels the timer; returns false when it already ran or was cancelled. */
  cancel(): boolean {
    return this.calendar.cancel(this);
  }
}

export class Calendar {
  private readonly heap = new IndexedHeap<Timer>();

  get size(): number {
    return this.heap.size;
  }

  schedule(date: number, callback: () => void): Timer {
    const timer = new Timer(date, callback, this);
    this.heap.upsert(timer, date);
    return timer;
  }

  cancel(timer: Timer): boolean {
    return this.heap.remove(timer);
  }

  /** Date of the next timer, or Infinity. */
  nextDate(): number {
    return this.heap.peekDate();
  }

  /** Runs every timer due at or before `now` (including those scheduled by the callbacks); true if any ran. */
  runDue(now: number): boolean {
    let ran = false;
    for (let top = this.heap.peek(); top !== undefined && top.heapDate <= now; top = this.heap.peek()) {
      this.heap.pop();
      ran = true;
      top.callback();
    }
    return ran;
  }
}
