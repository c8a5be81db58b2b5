// Grid paths into a scenario's source tree: `vms.VM0.dirty.rate`, `actors.migrator.steps.1.migrate.algorithm`
// (dot-separated; a list item by its `name` or its index). Setting one returns a new tree; a missing last key is
// added (the schema then says whether the scenario has such a key), anything else missing is an error at the key.
import { InputError, type SourceLocation } from '../core/index.ts';
import { describeNode, type MapEntry, type SourceNode, toPlain } from '../scenario/index.ts';

/** `root` with the node at `path` replaced by `value`; throws an InputError at `where` for an unknown path. */
export function setAtPath(
  root: SourceNode,
  path: string,
  value: SourceNode,
  where: SourceLocation | undefined,
): SourceNode {
  const segments = path.split('.');
  if (segments.some((s) => s === '')) throw pathError(path, where, 'it has an empty segment');
  const set = (node: SourceNode, index: number): SourceNode => {
    const segment = segments[index] as string;
    const last = index === segments.length - 1;
    const at = segments.slice(0, index).join('.') || 'the scenario';
    if (node.kind === 'map') {
      const entry = node.entries.find((e) => e.key === segment);
      if (entry === undefined) {
        if (!last) throw pathError(path, where, `${at} has no key "${segment}" (keys: ${keys(node.entries)})`);
        return { ...node, entries: [...node.entries, { key: segment, keyLocation: where, value }] };
      }
      const next = last ? value : set(entry.value, index + 1);
      return { ...node, entries: node.entries.map((e) => (e === entry ? { ...e, value: next } : e)) };
    }
    if (node.kind === 'seq') {
      const position = itemIndex(node.items, segment);
      if (position === undefined) {
        const names = node.items.map((item, i) => itemName(item) ?? String(i)).join(', ');
        throw pathError(path, where, `${at} has no item "${segment}" (items: ${names || 'none'})`);
      }
      const next = last ? value : set(node.items[position] as SourceNode, index + 1);
      return { ...node, items: node.items.map((item, i) => (i === position ? next : item)) };
    }
    throw pathError(path, where, `${at} is ${describeNode(node)}, not a map or a list`);
  };
  return set(root, 0);
}

function itemIndex(items: readonly SourceNode[], segment: string): number | undefined {
  const byName = items.findIndex((item) => itemName(item) === segment);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(segment) && Number(segment) < items.length) return Number(segment);
  return undefined;
}

function itemName(item: SourceNode): string | undefined {
  if (item.kind !== 'map') return undefined;
  const name = item.entries.find((e) => e.key === 'name');
  const value = name === undefined ? undefined : toPlain(name.value);
  return typeof value === 'string' ? value : undefined;
}

function keys(entries: readonly MapEntry[]): string {
  return entries.map((e) => e.key).join(', ') || 'none';
}

function pathError(path: string, where: SourceLocation | undefined, problem: string): InputError {
  const issue = {
    code: 'unknown-path',
    path: `grid.${path}`,
    message: `Grid path "${path}" does not lead into the scenario: ${problem}.`,
    hint: 'Paths are dot-separated keys; a list item by its name (vms.VM0) or index (steps.1).',
    ...(where === undefined ? {} : { location: where }),
  };
  return new InputError('Unknown grid path:', [issue]);
}
