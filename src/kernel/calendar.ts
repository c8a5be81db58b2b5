// The event calendar: callbacks due at given simulated dates, run in date order (FIFO among equal dates).
// Timers scheduled in bulk (thousands before the clock moves, as a scenario or a benchmark does) are sorted
// at once with a stable radix sort into a run that pops in O(1); timers scheduled while it drains go to a
// small heap. Popping takes the smaller head of the two, so the order is exactly (date, scheduling order).
import { type HeapItem, IndexedHeap, sortIndicesByDate } from '../core/index.ts';

type TimerState = 'pending' | 'ran' | 'cancelled';

export class Timer implements HeapItem {
  heapIndex = -1;
  heapDate: number;
  heapSeq: number;
  /** @internal */ state: TimerState = 'pending';

  // Six fields: a million pending timers are a million objects that the young generation copies before they run.
  constructor(
    date: number,
    seq: number,
    readonly callback: () => void,
    private readonly calendar: Calendar,
  ) {
    this.heapDate = date;
    this.heapSeq = seq;
  }

  /** The simulated date it is due at. */
  get date(): number {
    return this.heapDate;
  }

  /** Cancels the timer; returns false when it already ran or was cancelled. */
  cancel(): boolean {
    return this.calendar.cancel(this);
  }
}

/** Below this many unsorted timers, they go to the heap one by one; above, they are sorted together. */
const BULK_SORT_MIN = 256;

export class Calendar {
  private readonly heap = new IndexedHeap<Timer>();
  /** Timers in scheduling order, not yet sorted. */
  private unsorted: Timer[] = [];
  /** Timers sorted by (date, seq); `runHead` is the first one not yet popped. Cancelled ones are skipped. */
  private run: Timer[] = [];
  private runHead = 0;
  private live = 0;
  private nextSeq = 0;

  get size(): number {
    return this.live;
  }

  schedule(date: number, callback: () => void): Timer {
    const timer = new Timer(date, this.nextSeq++, callback, this);
    this.unsorted.push(timer);
    this.live++;
    return timer;
  }

  cancel(timer: Timer): boolean {
    if (timer.state !== 'pending') return false;
    timer.state = 'cancelled';
    this.live--;
    this.heap.remove(timer);
    return true;
  }

  /** Date of the next timer, or Infinity. */
  nextDate(): number {
    return this.peek()?.heapDate ?? Number.POSITIVE_INFINITY;
  }

  /** Runs every timer due at or before `now` (including those scheduled by the callbacks); true if any ran. */
  runDue(now: number): boolean {
    let ran = false;
    for (let top = this.peek(); top !== undefined && top.heapDate <= now; top = this.peek()) {
      this.take(top);
      ran = true;
      top.callback();
    }
    return ran;
  }

  /** The first pending timer by (date, seq), or undefined. */
  private peek(): Timer | undefined {
    if (this.unsorted.length > 0) this.absorbUnsorted();
    const run = this.run;
    let head = this.runHead;
    while (head < run.length && (run[head] as Timer).state !== 'pending') head++;
    this.runHead = head;
    const fromRun = run[head];
    const fromHeap = this.heap.peek();
    if (fromRun === undefined) return fromHeap;
    if (fromHeap === undefined) return fromRun;
    return fromRun.heapDate < fromHeap.heapDate ||
      (fromRun.heapDate === fromHeap.heapDate && fromRun.heapSeq < fromHeap.heapSeq)
      ? fromRun
      : fromHeap;
  }

  /** Removes `timer`, the one `peek()` returned, from its structure and marks it as run. */
  private take(timer: Timer): void {
    timer.state = 'ran';
    this.live--;
    if (this.run[this.runHead] === timer) {
      this.run[this.runHead] = undefined as unknown as Timer;
      this.runHead++;
    } else {
      this.heap.pop();
    }
  }

  /** Moves the unsorted timers into the heap (a few) or sorts them and merges them into the run (many). */
  private absorbUnsorted(): void {
    const batch = this.unsorted;
    this.unsorted = [];
    const remaining = this.run.length - this.runHead;
    if (batch.length < BULK_SORT_MIN || batch.length * 8 < remaining) {
      for (const timer of batch) if (timer.state === 'pending') this.heap.insertKeyed(timer);
      return;
    }
    const dates = new Float64Array(batch.length);
    for (let i = 0; i < batch.length; i++) dates[i] = (batch[i] as Timer).heapDate;
    const order = sortIndicesByDate(dates);
    const sorted: Timer[] = new Array(batch.length);
    for (let i = 0; i < order.length; i++) sorted[i] = batch[order[i] as number] as Timer;
    this.run = remaining === 0 ? sorted : mergeRuns(this.run, this.runHead, sorted);
    this.runHead = 0;
  }
}

/** Merges run[from..] with `later` (both sorted by (date, seq)), dropping timers that are no longer pending. */
function mergeRuns(run: Timer[], from: number, later: Timer[]): Timer[] {
  const out: Timer[] = [];
  let i = from;
  let j = 0;
  while (i < run.length || j < later.length) {
    const a = run[i];
    const b = later[j];
    let next: Timer;
    if (
      b === undefined ||
      (a !== undefined && (a.heapDate < b.heapDate || (a.heapDate === b.heapDate && a.heapSeq < b.heapSeq)))
    ) {
      next = a as Timer;
      i++;
    } else {
      next = b;
      j++;
    }
    if (next.state === 'pending') out.push(next);
  }
  return out;
}
