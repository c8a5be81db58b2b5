// A parsed document as a plain tree of maps, sequences and scalars, each node with its file:line:col, so that the
// schema can read YAML, JSON and in-memory objects alike and point at the offending node.
import type { SourceLocation } from '../errors.ts';

export type Scalar = string | number | boolean | null;

export interface ScalarNode {
  kind: 'scalar';
  value: Scalar;
  location: SourceLocation | undefined;
}

export interface MapEntry {
  key: string;
  keyLocation: SourceLocation | undefined;
  value: SourceNode;
}

export interface MapNode {
  kind: 'map';
  entries: MapEntry[];
  location: SourceLocation | undefined;
}

export interface SeqNode {
  kind: 'seq';
  items: SourceNode[];
  location: SourceLocation | undefined;
}

export type SourceNode = ScalarNode | MapNode | SeqNode;

/** What a node is, for messages: `a string ("1GiB")`, `a number (3)`, `a list`, `a map`, `nothing`. */
export function describeNode(node: SourceNode): string {
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  const value = node.value;
  if (value === null) return 'nothing';
  if (typeof value === 'string') return `a string (${JSON.stringify(shorten(value))})`;
  return `${typeof value === 'number' ? 'a number' : 'a boolean'} (${String(value)})`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The entry of `key` in a map node, if any. */
export function entryOf(node: MapNode, key: string): MapEntry | undefined {
  return node.entries.find((entry) => entry.key === key);
}

/** The node as a plain JavaScript value (maps become objects, in key order). */
export function toPlain(node: SourceNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const object: Record<string, unknown> = {};
  for (const entry of node.entries) object[entry.key] = toPlain(entry.value);
  return object;
}

/** A tree without locations from a plain value (an object built in code, or parsed JSON). */
export function fromPlain(value: unknown): SourceNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(fromPlain), location: undefined };
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => ({
      key,
      keyLocation: undefined,
      value: fromPlain(item),
    }));
    return { kind: 'map', entries, location: undefined };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return { kind: 'scalar', value, location: undefined };
  }
  return { kind: 'scalar', value: String(value), location: undefined };
}
