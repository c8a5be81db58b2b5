import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type HeapItem, IndexedHeap } from './heap.ts';

interface Item extends HeapItem {
  id: number;
}
const item = (id: number): Item => ({ id, heapIndex: -1, heapDate: 0, heapSeq: 0 });

test('items at equal dates pop in insertion order', () => {
  const heap = new IndexedHeap<Item>();
  const items = [item(0), item(1), item(2), item(3)];
  heap.upsert(items[2] as Item, 5);
  heap.upsert(items[0] as Item, 5);
  heap.upsert(items[3] as Item, 1);
  heap.upsert(items[1] as Item, 5);
  assert.deepEqual(
    [heap.pop(), heap.pop(), heap.pop(), heap.pop()].map((x) => x?.id),
    [3, 2, 0, 1],
  );
  assert.equal(heap.pop(), undefined);
});

test('re-keying an item places it after the items already at its new date', () => {
  const heap = new IndexedHeap<Item>();
  const a = item(1);
  const b = item(2);
  heap.upsert(a, 3);
  heap.upsert(b, 3);
  heap.upsert(a, 3);
  assert.equal(heap.pop()?.id, 2);
  assert.equal(heap.pop()?.id, 1);
});

test('the heap behaves like a sorted list under random inserts, removals and re-keys', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 5 })),
        {
          maxLength: 200,
        },
      ),
      (ops) => {
        const heap = new IndexedHeap<Item>();
        const pool = Array.from({ length: 10 }, (_, i) => item(i));
        let seq = 0;
        const model = new Map<number, { date: number; seq: number }>();
        for (const [kind, id, date] of ops) {
          const it = pool[id] as Item;
          if (kind < 2) {
            heap.upsert(it, date);
            model.set(id, { date, seq: seq++ });
          } else {
            assert.equal(heap.remove(it), model.delete(id));
          }
        }
        const expected = [...model.entries()]
          .sort((x, y) => x[1].date - y[1].date || x[1].seq - y[1].seq)
          .map(([id]) => id);
        const got: number[] = [];
        for (let top = heap.pop(); top !== undefined; top = heap.pop()) got.push(top.id);
        assert.deepEqual(got, expected);
      },
    ),
  );
});
