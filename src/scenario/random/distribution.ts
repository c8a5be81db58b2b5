// Distributions written in scenario files (`{ uniform: [10MiB/s, 50MiB/s] }`, `{ exponential: 30s }`, …): reading
// one from its source node, with its unit, and drawing from it with a seeded generator.
import {
  entryOf,
  InputError,
  type Issue,
  type MapNode,
  parseBandwidth,
  parseSize,
  parseSpeed,
  parseTime,
  type QuantityName,
  type Random,
  type SourceNode,
  toPlain,
} from '../../core/index.ts';

export const DISTRIBUTION_KINDS = ['uniform', 'normal', 'exponential', 'lognormal', 'choice'] as const;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

/** A continuous distribution of numbers in one unit (`quantity`: undefined for a plain number). */
export type NumericDistribution =
  | { kind: 'uniform'; low: number; high: number; quantity: QuantityName | undefined }
  | { kind: 'normal'; mean: number; sd: number; min: number; max: number; quantity: QuantityName | undefined }
  | { kind: 'exponential'; mean: number; quantity: QuantityName | undefined }
  | { kind: 'lognormal'; mean: number; sd: number; quantity: QuantityName | undefined };

export type Distribution = NumericDistribution | { kind: 'choice'; options: SourceNode[] };

/** The distribution a map node holds (a map with exactly one key among DISTRIBUTION_KINDS), else undefined. */
export function distributionKey(node: SourceNode): DistributionKind | undefined {
  if (node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const key = node.entries[0]?.key;
  return (DISTRIBUTION_KINDS as readonly string[]).includes(key ?? '') ? (key as DistributionKind) : undefined;
}

const UNIT_OF: Record<QuantityName, string> = { size: 'B', bandwidth: 'Bps', time: 's', speed: 'f' };
const PARSE: [QuantityName, (text: string) => number][] = [
  ['bandwidth', (t) => parseBandwidth(t, { unitless: 'reject' })],
  ['size', (t) => parseSize(t, { unitless: 'reject' })],
  ['time', (t) => parseTime(t, { unitless: 'reject' })],
  ['speed', (t) => parseSpeed(t, { unitless: 'reject' })],
];

interface Amount {
  value: number;
  quantity: QuantityName | undefined;
}

/** Reads the distribution of `node` (see distributionKey); throws an InputError at the offending node. */
export function readDistribution(node: MapNode, path: string): Distribution {
  const entry = node.entries[0];
  if (entry === undefined) throw issue(node, path, 'an empty distribution');
  const kind = entry.key as DistributionKind;
  const at = `${path}.${kind}`;
  const body = entry.value;
  if (kind === 'choice') {
    if (body.kind !== 'seq' || body.items.length === 0)
      throw issue(body, at, 'a non-empty list of values, e.g. [precopy, postcopy]');
    return { kind, options: body.items };
  }
  if (kind === 'uniform') {
    if (body.kind !== 'seq' || body.items.length !== 2)
      throw issue(body, at, 'a list of two bounds, e.g. [10MiB/s, 50MiB/s]');
    const [low, high] = sameUnit(
      body.items.map((item, i) => amount(item, `${at}[${i}]`)),
      body,
      at,
    ) as [Amount, Amount];
    if (low.value > high.value) throw issue(body, at, 'bounds in increasing order (low, high)');
    return { kind, low: low.value, high: high.value, quantity: low.quantity };
  }
  if (kind === 'exponential') {
    const mean = amount(body, at);
    if (!(mean.value > 0)) throw issue(body, at, 'a mean above 0, e.g. 30s');
    return { kind, mean: mean.value, quantity: mean.quantity };
  }
  if (body.kind !== 'map') throw issue(body, at, 'a map {mean, sd}');
  const field = (key: string, required: boolean): Amount | undefined => {
    const found = entryOf(body, key);
    if (found === undefined && required) throw issue(body, at, `a map with "${key}"`);
    return found === undefined ? undefined : amount(found.value, `${at}.${key}`);
  };
  const allowed = kind === 'normal' ? ['mean', 'sd', 'min', 'max'] : ['mean', 'sd'];
  const unknown = body.entries.find((e) => !allowed.includes(e.key));
  if (unknown !== undefined)
    throw issue(unknown.value, `${at}.${unknown.key}`, `one of the keys ${allowed.join(', ')}`);
  const parts = [field('mean', true), field('sd', true), field('min', false), field('max', false)];
  const [mean, sd, min, max] = sameUnit(parts, body, at);
  if (mean === undefined || sd === undefined) throw issue(body, at, 'a map {mean, sd}');
  if (kind === 'lognormal') {
    if (!(mean.value > 0)) throw issue(body, `${at}.mean`, 'a mean above 0');
    return { kind, mean: mean.value, sd: sd.value, quantity: mean.quantity };
  }
  const low = min?.value ?? -Infinity;
  const high = max?.value ?? Infinity;
  if (low >= high) throw issue(body, at, 'min below max');
  return { kind, mean: mean.value, sd: sd.value, min: low, max: high, quantity: mean.quantity };
}

/** Draws one number in base units (bytes, bytes/s, seconds, flops). */
export function drawNumber(distribution: NumericDistribution, random: Random): number {
  switch (distribution.kind) {
    case 'uniform':
      return random.uniform(distribution.low, distribution.high);
    case 'exponential':
      return random.exponential(distribution.mean);
    case 'lognormal': {
      const { mean, sd } = distribution;
      const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
      return Math.exp(random.normal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2)));
    }
    case 'normal': {
      // Truncated to [min, max] by drawing again; after 1000 misses (a window far in the tail) the value is clamped.
      for (let attempt = 0; attempt < 1000; attempt++) {
        const value = random.normal(distribution.mean, distribution.sd);
        if (value >= distribution.min && value <= distribution.max) return value;
      }
      return Math.min(distribution.max, Math.max(distribution.min, distribution.mean));
    }
  }
}

/** A drawn number as scenario text in its unit (`12345678.5Bps`), or the number itself when it has no unit. */
export function numberNode(value: number, quantity: QuantityName | undefined): string | number {
  return quantity === undefined ? value : `${value}${UNIT_OF[quantity]}`;
}

function amount(node: SourceNode, path: string): Amount {
  if (node.kind === 'scalar' && typeof node.value === 'number') return { value: node.value, quantity: undefined };
  if (node.kind !== 'scalar' || typeof node.value !== 'string')
    throw issue(node, path, 'a number or a quantity with a unit (10MiB/s, 4GiB, 30s)');
  const text = node.value.trim();
  if (text !== '' && Number.isFinite(Number(text))) return { value: Number(text), quantity: undefined };
  for (const [quantity, parse] of PARSE) {
    try {
      return { value: parse(text), quantity };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  throw issue(node, path, `a number or a quantity with a known unit, not ${JSON.stringify(toPlain(node))}`);
}

function sameUnit<T extends Amount | undefined>(amounts: T[], node: SourceNode, path: string): T[] {
  const units = new Set(amounts.filter((a) => a !== undefined).map((a) => a?.quantity ?? 'number'));
  if (units.size > 1) throw issue(node, path, `values of one kind, not a mix of ${[...units].join(' and ')}`);
  return amounts;
}

function issue(node: SourceNode, path: string, expected: string): InputError {
  const found: Issue = {
    code: 'invalid-distribution',
    path,
    message: `"${path}" must be ${expected}.`,
    hint:
      'Distributions: {uniform: [a, b]}, {normal: {mean, sd, min?, max?}}, {exponential: mean}, ' +
      '{lognormal: {mean, sd}}, {choice: [a, b, …]} (docs/campaigns.md).',
  };
  if (node.location !== undefined) found.location = node.location;
  return new InputError('Invalid distribution:', [found]);
}
