// From a path (`vms[0].migration.speed`, as issues and specs write them) back to the node and its file:line:col.
import type { SourceLocation } from '../../core/index.ts';
import { entryOf, type SourceNode } from '../../core/index.ts';

/** The keys and indices of a path: `a.b[2].c` → ['a', 'b', 2, 'c']. */
export function pathSteps(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] === undefined ? (match[1] ?? '') : Number(match[2]),
  );
}

/** The deepest node along `path` (the node itself when it exists, else its nearest ancestor). */
export function nodeAt(root: SourceNode, path: string): SourceNode {
  let node = root;
  for (const step of pathSteps(path)) {
    let next: SourceNode | undefined;
    if (typeof step === 'number' && node.kind === 'seq') next = node.items[step];
    if (typeof step === 'string' && node.kind === 'map') next = entryOf(node, step)?.value;
    if (next === undefined) return node;
    node = next;
  }
  return node;
}

/** Where `path` is written, or its nearest ancestor. */
export function locate(root: SourceNode, path: string): SourceLocation | undefined {
  return nodeAt(root, path).location;
}
