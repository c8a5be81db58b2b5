// A binary min-heap of items keyed by (date, sequence): equal dates pop in insertion order (FIFO),
// and an item can be removed or re-keyed in O(log n) because it remembers its own position.

/** Fields an item needs to live in an IndexedHeap. `heapIndex` is -1 when the item is not in any heap. */
export interface HeapItem {
  heapIndex: number;
  heapDate: number;
  heapSeq: number;
}

export class IndexedHeap<T extends HeapItem> {
  private readonly items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  isEmpty(): boolean {
    return this.items.length === 0;
  }

  has(item: T): boolean {
    return item.heapIndex >= 0 && this.items[item.heapIndex] === item;
  }

  /** The item with the smallest (date, seq), or undefined. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Date of the first item, or Infinity when empty. */
  peekDate(): number {
    const top = this.items[0];
    return top === undefined ? Number.POSITIVE_INFINITY : top.heapDate;
  }

  /** Inserts the item, or moves it to `date` when already present. Either way it gets a fresh sequence number,
   * so it goes after every item already at that date. */
  upsert(item: T, date: number): void {
    item.heapDate = date;
    item.heapSeq = this.nextSeq++;
    if (this.has(item)) {
      this.siftUp(item.heapIndex);
      this.siftDown(item.heapIndex);
      return;
    }
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.siftUp(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top === undefined) return undefined;
    this.removeAt(0);
    return top;
  }

  remove(item: T): boolean {
    if (!this.has(item)) return false;
    this.removeAt(item.heapIndex);
    return true;
  }

  clear(): void {
    for (const item of this.items) item.heapIndex = -1;
    this.items.length = 0;
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index] as T;
    const last = items.pop() as T;
    removed.heapIndex = -1;
    if (index < items.length) {
      items[index] = last;
      last.heapIndex = index;
      this.siftUp(index);
      this.siftDown(last.heapIndex);
    }
  }

  private less(a: T, b: T): boolean {
    return a.heapDate < b.heapDate || (a.heapDate === b.heapDate && a.heapSeq < b.heapSeq);
  }

  private siftUp(start: number): void {
    const items = this.items;
    let index = start;
    const item = items[index] as T;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!this.less(item, parent)) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = item;
    item.heapIndex = index;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const length = items.length;
    let index = start;
    const item = items[index] as T;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && this.less(items[right] as T, items[left] as T)) child = right;
      const childItem = items[child] as T;
      if (!this.less(childItem, item)) break;
      items[index] = childItem;
      childItem.heapIndex = index;
      index = child;
    }
    items[index] = item;
    item.heapIndex = index;
  }
}
