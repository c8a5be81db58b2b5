// Keys that changed spelling: the old one is still read, with a warning that names the new one, so that older
// scenario files keep working while they are updated (docs/scenarios.md, "Key names").

import { childPath, type JsonSchema, type ReadContext } from './schema.ts';
import type { MapNode } from './source-node.ts';

/** Old spelling → new spelling, for the keys of one map. */
export type Renamed = Readonly<Record<string, string>>;

/**
 * Reads the old spellings of `node` as the new ones: a warning for each (at the key, file:line:col), an error when
 * both spellings are written (the old entry is then dropped). The entry takes the new key, so that later checks
 * find it under its new path.
 */
export function applyRenamed(node: MapNode, path: string, renamed: Renamed, ctx: ReadContext): boolean {
  let ok = true;
  const doubled: unknown[] = [];
  for (const entry of node.entries) {
    const current = renamed[entry.key];
    if (current === undefined) continue;
    const old = entry.key;
    if (node.entries.some((other) => other.key === current)) {
      ok = false;
      ctx.report(
        'duplicate-key',
        entry.keyLocation,
        childPath(path, old),
        `"${childPath(path, old)}" and "${childPath(path, current)}" are the same key, spelt twice.`,
        `Keep "${current}" and remove "${old}".`,
      );
      doubled.push(entry);
      continue;
    }
    ctx.warn(
      'renamed-key',
      entry.keyLocation,
      childPath(path, old),
      `"${childPath(path, old)}": "${old}" is the old spelling of "${current}"; it still works, but will go.`,
      `Write "${current}: …" instead.`,
    );
    entry.key = current;
  }
  // Reported once: the old key is not also an unknown one.
  if (doubled.length > 0) node.entries = node.entries.filter((entry) => !doubled.includes(entry));
  return ok;
}

/** JSON Schema entries for the old spellings: the new key's schema, marked deprecated, for editors. */
export function renamedJson(properties: Record<string, JsonSchema>, renamed: Renamed): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [old, current] of Object.entries(renamed)) {
    const schema = properties[current];
    if (schema !== undefined) out[old] = { ...schema, deprecated: true, description: `Old spelling of "${current}".` };
  }
  return out;
}
