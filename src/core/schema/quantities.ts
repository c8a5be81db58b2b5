// Physical quantities in scenario files: sizes, rates, times and flops with SimGrid's units, read by src/core's parsers.
// Where the unit is natural (seconds, flops, bytes of a message) a bare number is accepted; memory sizes and rates
// need a unit (a bare 0 excepted), because "ram: 1024" is ambiguous.
import { InputError } from '../errors.ts';
import { QUANTITIES, type QuantityName } from '../unit-scales.ts';
import { parseBandwidth, parseSize, parseSpeed, parseTime, type UnitOptions } from '../units.ts';
import { type JsonDefs, type JsonSchema, lastKey, type ReadContext, Schema } from './schema.ts';
import type { SourceNode } from './source-node.ts';

const PARSERS: Record<QuantityName, (value: string | number, options: UnitOptions) => number> = {
  size: parseSize,
  bandwidth: parseBandwidth,
  time: parseTime,
  speed: parseSpeed,
};

export const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;

/** Words for messages and JSON Schema descriptions. */
const NOUNS: Record<QuantityName, { noun: string; example: string }> = {
  size: { noun: 'a size', example: '1GiB' },
  bandwidth: { noun: 'a rate', example: '100MiB/s' },
  time: { noun: 'a duration', example: '30ms' },
  speed: { noun: 'an amount of flops', example: '2Gf' },
};

export interface QuantityOptions {
  /** A bare number (or a string without a unit) is read in the base unit; otherwise a unit is required. */
  unitless: 'accept' | 'reject';
  /** Zero is refused. */
  positive?: boolean;
  /** What it is, for messages, when not the quantity's usual noun ("a speed in flop/s"). */
  noun?: string;
}

export class QuantitySchema extends Schema<number> {
  constructor(
    readonly quantity: QuantityName,
    readonly options: QuantityOptions,
  ) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): number | undefined {
    if (node.kind !== 'scalar' || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      return ctx.wrongType(node, path, this.expected());
    }
    const value = node.value;
    if (this.options.unitless === 'reject' && isUnitless(value)) {
      const message = `"${path}" needs a unit: ${JSON.stringify(value)} is ambiguous here.`;
      ctx.report('missing-unit', node.location, path, message, this.unitHint(Number(value)));
      return undefined;
    }
    try {
      const parse = PARSERS[this.quantity];
      const result = parse(value, { unitless: 'accept', syntax: 'extended', what: lastKey(path), path });
      if (this.options.positive === true && result === 0) {
        ctx.report('out-of-range', node.location, path, `"${path}" must be more than 0.`);
        return undefined;
      }
      return result;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues) ctx.report(issue.code, node.location, path, issue.message, issue.hint);
      return undefined;
    }
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    const units = [...QUANTITIES[this.quantity].extended.keys()].sort((a, b) => b.length - a.length);
    const unit = `(?:${units.map(escapeRegExp).join('|')})`;
    const text = this.options.unitless === 'accept' ? `${NUMBER}\\s*${unit}?` : `(?:${NUMBER}\\s*${unit}|0+(?:\\.0*)?)`;
    const pattern = `^\\s*\\+?${text}\\s*$`;
    const numeric: JsonSchema =
      this.options.unitless === 'accept' ? { type: 'number', minimum: 0 } : { type: 'number', const: 0 };
    return { anyOf: [numeric, { type: 'string', pattern }, defs.ref('distribution', distributionJson)] };
  }

  expected(): string {
    const { example } = NOUNS[this.quantity];
    const noun = this.options.noun ?? NOUNS[this.quantity].noun;
    return this.options.unitless === 'accept'
      ? `${noun} (a number, or with a unit such as ${example})`
      : `${noun} with a unit, such as ${example}`;
  }

  private unitHint(value: number): string {
    const noun = this.options.noun ?? NOUNS[this.quantity].noun;
    const n = Number.isFinite(value) ? value : 1;
    const examples: Record<QuantityName, string[]> = {
      size: n % 1024 === 0 && n > 0 ? [`${n / 1024}GiB`, `${n}MiB`] : [`${n}MiB`, `${n}B`],
      bandwidth: [`${n}MiB/s`, `${n}Mbps`],
      time: [`${n}s`, `${n}ms`],
      speed: [`${n}Gf`, `${n}f`],
    };
    const [first, second] = examples[this.quantity];
    return `Write ${first} or ${second}: ${noun} needs a unit (${QUANTITIES[this.quantity].accepted}).`;
  }
}

/** A distribution drawn from the seed (docs/campaigns.md): a map with one of these keys; checked when read. */
function distributionJson(): JsonSchema {
  return {
    description:
      'A random value drawn from the seed: {uniform: [a, b]}, {normal: {mean, sd, min, max}}, ' +
      '{exponential: mean}, {lognormal: {mean, sd}} or {choice: [a, b, …]}.',
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    propertyNames: { enum: ['uniform', 'normal', 'exponential', 'lognormal', 'choice'] },
  };
}

function isUnitless(value: string | number): boolean {
  if (typeof value === 'number') return value !== 0;
  const match = new RegExp(`^\\s*[+-]?${NUMBER}\\s*$`).exec(value);
  return match !== null && Number(value) !== 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export const size = (options: QuantityOptions): QuantitySchema => new QuantitySchema('size', options);
export const bandwidth = (options: QuantityOptions): QuantitySchema => new QuantitySchema('bandwidth', options);
export const time = (options: QuantityOptions): QuantitySchema => new QuantitySchema('time', options);
export const flops = (options: QuantityOptions): QuantitySchema => new QuantitySchema('speed', options);
