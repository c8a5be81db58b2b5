// Replaces every distribution of a scenario's source tree by a value drawn for this seed, before the schema reads it,
// so any quantity may be random. Each value draws from its own stream, keyed by its named path (`vms.VM0.ram`), so
// that adding a VM does not change the draws of the others. Runtime distributions (`repeat.every`, `failures`) are
// left for the run to draw.
import { entryOf, InputError, type Issue, type MapEntry, Random, type SourceNode, toPlain } from '../../core/index.ts';
import { distributionKey, drawNumber, numberNode, readDistribution } from './distribution.ts';

/** A value drawn for one run, as recorded in the report. */
export interface Draw {
  /** Named path of the value (`vms.VM0.dirty.rate`, `actors.migrator.steps.1.repeat.every#3` for the 3rd arrival). */
  path: string;
  /** The value, in base units (bytes, bytes/s, seconds, flops) for a quantity. */
  value: unknown;
  /** Simulated date of a draw made during the run. */
  time?: number;
}

export interface DrawnSource {
  root: SourceNode;
  draws: Draw[];
}

/** Top-level keys whose distributions are drawn during the run, or that hold no scenario quantities. */
const SKIPPED_TOP_KEYS = new Set(['platform', 'failures', 'seed', 'version']);

/** Draws the distributions of `root`; throws one InputError listing every malformed distribution. */
export function drawValues(root: SourceNode, seed: number): DrawnSource {
  const draws: Draw[] = [];
  const issues: Issue[] = [];
  const visit = (node: SourceNode, path: string): SourceNode => {
    if (distributionKey(node) !== undefined && node.kind === 'map') {
      try {
        return visit(drawOne(node, path, seed, draws), path);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        issues.push(...error.issues);
        return node;
      }
    }
    if (node.kind === 'seq')
      return { ...node, items: node.items.map((item, i) => visit(item, itemPath(path, item, i))) };
    if (node.kind !== 'map') return node;
    const isRepeat = entryOf(node, 'steps') !== undefined && entryOf(node, 'every') !== undefined;
    const entries = node.entries.map((entry): MapEntry => {
      if ((path === '' && SKIPPED_TOP_KEYS.has(entry.key)) || (isRepeat && entry.key === 'every')) return entry;
      return { ...entry, value: visit(entry.value, join(path, entry.key)) };
    });
    return { ...node, entries };
  };
  const drawn = visit(root, '');
  if (issues.length > 0) throw new InputError('Invalid distributions:', issues);
  return { root: drawn, draws };
}

function drawOne(node: SourceNode & { kind: 'map' }, path: string, seed: number, draws: Draw[]): SourceNode {
  const distribution = readDistribution(node, path);
  const random = Random.stream(seed, path);
  if (distribution.kind === 'choice') {
    const chosen = distribution.options[random.int(0, distribution.options.length - 1)] as SourceNode;
    draws.push({ path, value: toPlain(chosen) });
    return chosen;
  }
  const value = drawNumber(distribution, random);
  draws.push({ path, value });
  return { kind: 'scalar', value: numberNode(value, distribution.quantity), location: node.location };
}

/** Path of a list item: its `name` when it has one (`vms.VM0`), else its index (`steps.1`). */
export function itemPath(path: string, item: SourceNode, index: number): string {
  const name = item.kind === 'map' ? entryOf(item, 'name')?.value : undefined;
  const key = name?.kind === 'scalar' && typeof name.value === 'string' ? name.value : String(index);
  return join(path, key);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
