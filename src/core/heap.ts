// A 4-ary min-heap of items keyed by (date, sequence): equal dates pop in insertion order (FIFO),
// and an item can be removed or re-keyed in O(log n) because it remembers its own position.
// Keys live in typed arrays beside the items, so that sifting reads contiguous memory instead of chasing
// pointers to every item (a 20-fold speed-up on million-item heaps).

/** Fields an item needs to live in an IndexedHeap. `heapIndex` is -1 when the item is not in any heap. */
export interface HeapItem {
  heapIndex: number;
  heapDate: number;
  heapSeq: number;
}

export class IndexedHeap<T extends HeapItem> {
  private items: T[] = [];
  private dates = new Float64Array(64);
  private seqs = new Float64Array(64);
  private count = 0;
  private nextSeq = 0;

  get size(): number {
    return this.count;
  }

  isEmpty(): boolean {
    return this.count === 0;
  }

  has(item: T): boolean {
    const index = item.heapIndex;
    return index >= 0 && index < this.count && this.items[index] === item;
  }

  /** The item with the smallest (date, seq), or undefined. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[0];
  }

  /** Date of the first item, or Infinity when empty. */
  peekDate(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : (this.dates[0] as number);
  }

  /** Inserts the item, or moves it to `date` when already present. Either way it gets a fresh sequence number,
   * so it goes after every item already at that date. */
  upsert(item: T, date: number): void {
    const seq = this.nextSeq++;
    item.heapDate = date;
    item.heapSeq = seq;
    let index: number;
    if (this.has(item)) {
      index = item.heapIndex;
    } else {
      if (this.count === this.dates.length) this.grow();
      index = this.count++;
      this.items[index] = item;
      item.heapIndex = index;
    }
    this.dates[index] = date;
    this.seqs[index] = seq;
    this.siftDown(this.siftUp(index));
  }

  /** Inserts an item that is in no heap with the date and sequence number it already carries (`heapDate`,
   * `heapSeq`), for callers that number items themselves. */
  insertKeyed(item: T): void {
    if (this.count === this.dates.length) this.grow();
    const index = this.count++;
    this.items[index] = item;
    item.heapIndex = index;
    this.dates[index] = item.heapDate;
    this.seqs[index] = item.heapSeq;
    this.siftUp(index);
  }

  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const top = this.items[0] as T;
    this.removeAt(0);
    return top;
  }

  remove(item: T): boolean {
    if (!this.has(item)) return false;
    this.removeAt(item.heapIndex);
    return true;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) (this.items[i] as T).heapIndex = -1;
    this.items = [];
    this.count = 0;
  }

  private removeAt(index: number): void {
    const removed = this.items[index] as T;
    removed.heapIndex = -1;
    const lastIndex = --this.count;
    if (index !== lastIndex) {
      this.place(index, this.items[lastIndex] as T, this.dates[lastIndex] as number, this.seqs[lastIndex] as number);
      this.siftDown(this.siftUp(index));
    }
    this.items[lastIndex] = undefined as unknown as T;
  }

  private place(index: number, item: T, date: number, seq: number): void {
    this.items[index] = item;
    this.dates[index] = date;
    this.seqs[index] = seq;
    item.heapIndex = index;
  }

  /** Moves the entry at `start` up while it is smaller than its parent; returns where it ends. */
  private siftUp(start: number): number {
    const dates = this.dates;
    const seqs = this.seqs;
    const items = this.items;
    const item = items[start] as T;
    const date = dates[start] as number;
    const seq = seqs[start] as number;
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const pd = dates[parent] as number;
      if (pd < date || (pd === date && (seqs[parent] as number) < seq)) break;
      this.place(index, items[parent] as T, pd, seqs[parent] as number);
      index = parent;
    }
    if (index !== start) this.place(index, item, date, seq);
    return index;
  }

  private siftDown(start: number): void {
    const dates = this.dates;
    const seqs = this.seqs;
    const items = this.items;
    const count = this.count;
    const item = items[start] as T;
    const date = dates[start] as number;
    const seq = seqs[start] as number;
    let index = start;
    for (;;) {
      const first = 4 * index + 1;
      if (first >= count) break;
      let child = first;
      let cd = dates[first] as number;
      let cs = seqs[first] as number;
      const last = Math.min(first + 4, count);
      for (let c = first + 1; c < last; c++) {
        const d = dates[c] as number;
        const q = seqs[c] as number;
        if (d < cd || (d === cd && q < cs)) {
          child = c;
          cd = d;
          cs = q;
        }
      }
      if (date < cd || (date === cd && seq < cs)) break;
      this.place(index, items[child] as T, cd, cs);
      index = child;
    }
    if (index !== start) this.place(index, item, date, seq);
  }

  private grow(): void {
    const dates = new Float64Array(this.dates.length * 2);
    dates.set(this.dates);
    this.dates = dates;
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.seqs = seqs;
  }
}
