// The shortest-path search of SimGrid 3.32's DijkstraZone, reproduced to the tie: every node starts in the queue,
// entries pop by (cost, node index), and "infinite" is ULONG_MAX in unsigned arithmetic, which wraps around.
import type { GraphEdge } from './dijkstra-zone.ts';

/** SimGrid's ULONG_MAX ("unreachable"); as a queue key it is the double 2^64, larger than any real cost. */
const UNREACHABLE = Number.POSITIVE_INFINITY;

/** `linkCount + cost` in 64-bit unsigned arithmetic: ULONG_MAX + k wraps to k - 1. */
function addCost(linkCount: number, cost: number): number {
  if (cost !== UNREACHABLE) return linkCount + cost;
  return linkCount === 0 ? UNREACHABLE : linkCount - 1;
}

/** Predecessor of each node on the path from `source` (0 where none, as SimGrid leaves it). */
export function shortestPathTree(source: number, nodes: readonly { out: readonly GraphEdge[] }[]): Int32Array {
  const count = nodes.length;
  const cost = new Array<number>(count).fill(UNREACHABLE);
  const predecessor = new Int32Array(count);
  cost[source] = 0;
  const queue = new PairHeap();
  for (let i = 0; i < count; i++) queue.push(cost[i] ?? UNREACHABLE, i);
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
    const v = entry[1];
    for (const edge of nodes[v]?.out ?? []) {
      const candidate = addCost(edge.route.links.length, cost[v] ?? UNREACHABLE);
      if (candidate < (cost[edge.target] ?? UNREACHABLE)) {
        predecessor[edge.target] = v;
        cost[edge.target] = candidate;
        queue.push(candidate, edge.target);
      }
    }
  }
  return predecessor;
}

/** A binary min-heap of (cost, node) pairs compared lexicographically, like std::priority_queue with std::greater. */
class PairHeap {
  private readonly items: [number, number][] = [];

  push(cost: number, node: number): void {
    const items = this.items;
    items.push([cost, node]);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(items[i], items[parent])) break;
      swap(items, i, parent);
      i = parent;
    }
  }

  pop(): [number, number] | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && less(items[left], items[smallest])) smallest = left;
      if (right < items.length && less(items[right], items[smallest])) smallest = right;
      if (smallest === i) return top;
      swap(items, i, smallest);
      i = smallest;
    }
  }
}

function less(a: [number, number] | undefined, b: [number, number] | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function swap(items: [number, number][], i: number, j: number): void {
  const a = items[i];
  const b = items[j];
  if (a === undefined || b === undefined) return;
  items[i] = b;
  items[j] = a;
}
