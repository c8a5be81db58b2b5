// Plain scalar schemas: names (non-empty strings), numbers with bounds, booleans, and closed sets of words.
import { didYouMean } from '../suggest.ts';
import { type JsonSchema, type ReadContext, Schema } from './schema.ts';
import type { SourceNode } from './source-node.ts';

export class StringSchema extends Schema<string> {
  read(node: SourceNode, path: string, ctx: ReadContext): string | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value !== '') return node.value;
    const quote = node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'boolean');
    return ctx.wrongType(node, path, this.expected(), quote ? `Quote it: "${String(node.value)}".` : undefined);
  }

  jsonSchema(): JsonSchema {
    return { type: 'string', minLength: 1 };
  }

  expected(): string {
    return 'a non-empty string';
  }
}

export interface NumberBounds {
  integer?: boolean;
  min?: number;
  max?: number;
  /** The minimum itself is excluded. */
  exclusiveMin?: boolean;
}

export class NumberSchema extends Schema<number> {
  constructor(private readonly bounds: NumberBounds = {}) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): number | undefined {
    if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
      return ctx.wrongType(node, path, this.expected());
    }
    const value = node.value;
    const { integer, min, max, exclusiveMin } = this.bounds;
    const tooSmall = min !== undefined && (exclusiveMin === true ? value <= min : value < min);
    if ((integer === true && !Number.isInteger(value)) || tooSmall || (max !== undefined && value > max)) {
      ctx.report('out-of-range', node.location, path, `"${path}" must be ${this.expected()}, not ${value}.`);
      return undefined;
    }
    return value;
  }

  jsonSchema(): JsonSchema {
    const { integer, min, max, exclusiveMin } = this.bounds;
    const schema: JsonSchema = { type: integer === true ? 'integer' : 'number' };
    if (min !== undefined) schema[exclusiveMin === true ? 'exclusiveMinimum' : 'minimum'] = min;
    if (max !== undefined) schema.maximum = max;
    return schema;
  }

  expected(): string {
    const { integer, min, max, exclusiveMin } = this.bounds;
    const noun = integer === true ? 'a whole number' : 'a number';
    if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
    if (min !== undefined) return `${noun} ${exclusiveMin === true ? '>' : '≥'} ${min}`;
    return noun;
  }
}

export class BooleanSchema extends Schema<boolean> {
  read(node: SourceNode, path: string, ctx: ReadContext): boolean | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    return ctx.wrongType(node, path, this.expected());
  }

  jsonSchema(): JsonSchema {
    return { type: 'boolean' };
  }

  expected(): string {
    return 'true or false';
  }
}

/** One of a closed set of words (or numbers). */
export class EnumSchema<const T extends string | number> extends Schema<T> {
  constructor(readonly values: readonly T[]) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): T | undefined {
    if (node.kind === 'scalar' && this.values.includes(node.value as T)) return node.value as T;
    if (node.kind !== 'scalar' || node.value === null) return ctx.wrongType(node, path, this.expected());
    const guess = didYouMean(String(node.value), this.values.map(String));
    const hint = `${guess === undefined ? '' : `${capitalise(guess)} `}Use ${this.expected()}.`;
    ctx.report('invalid-value', node.location, path, `"${path}" cannot be ${JSON.stringify(node.value)}.`, hint);
    return undefined;
  }

  jsonSchema(): JsonSchema {
    return this.values.length === 1 ? { const: this.values[0] } : { enum: [...this.values] };
  }

  expected(): string {
    const words = this.values.map((value) => JSON.stringify(value));
    return words.length === 1 ? (words[0] ?? '') : `one of ${words.join(', ')}`;
  }
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const string = (): StringSchema => new StringSchema();
export const number = (bounds: NumberBounds = {}): NumberSchema => new NumberSchema(bounds);
export const integer = (bounds: Omit<NumberBounds, 'integer'> = {}): NumberSchema =>
  new NumberSchema({ ...bounds, integer: true });
export const boolean = (): BooleanSchema => new BooleanSchema();
export const oneOf = <const T extends string | number>(values: readonly T[]): EnumSchema<T> => new EnumSchema(values);
