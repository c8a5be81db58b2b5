// Fractions ("50%" or 0.5) and "a quantity or a percentage of something" (a working set of 90% of the RAM, or 512MiB).

import { NUMBER, type QuantitySchema } from './quantities.ts';
import { type JsonDefs, type JsonSchema, type ReadContext, Schema } from './schema.ts';
import type { SourceNode } from './source-node.ts';

const PERCENT_PATTERN = `^\\s*\\+?${NUMBER}\\s*%\\s*$`;
const PERCENT = new RegExp(`^\\s*([+-]?${NUMBER})\\s*%\\s*$`);

/** `NN%` as NN/100, or undefined when the text is not a percentage. */
export function readPercent(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PERCENT.exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]) / 100;
}

/** A fraction in [0, 1]: a number, or a percentage string such as "50%". */
export class FractionSchema extends Schema<number> {
  read(node: SourceNode, path: string, ctx: ReadContext): number | undefined {
    if (node.kind !== 'scalar') return ctx.wrongType(node, path, this.expected());
    const value = node.value;
    const fraction = typeof value === 'number' ? value : readPercent(value);
    if (fraction === undefined || !Number.isFinite(fraction)) return ctx.wrongType(node, path, this.expected());
    if (!(fraction >= 0 && fraction <= 1)) {
      const message = `"${path}" must be from 0 to 1 (0% to 100%), not ${JSON.stringify(value)}.`;
      ctx.report(
        'out-of-range',
        node.location,
        path,
        message,
        'Write a number such as 0.3, or a percentage such as 30%.',
      );
      return undefined;
    }
    return fraction;
  }

  jsonSchema(): JsonSchema {
    return {
      anyOf: [
        { type: 'number', minimum: 0, maximum: 1 },
        { type: 'string', pattern: PERCENT_PATTERN },
      ],
    };
  }

  expected(): string {
    return 'a fraction from 0 to 1, or a percentage such as 30%';
  }
}

/** Either an absolute quantity or a fraction of some whole known later (a percentage). */
export type AmountOrShare = { kind: 'amount'; amount: number } | { kind: 'share'; fraction: number };

export class AmountOrShareSchema extends Schema<AmountOrShare> {
  private readonly share = new FractionSchema();

  constructor(
    private readonly amount: QuantitySchema,
    private readonly whole: string,
  ) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): AmountOrShare | undefined {
    if (node.kind === 'scalar' && readPercent(node.value) !== undefined) {
      const fraction = this.share.read(node, path, ctx);
      return fraction === undefined ? undefined : { kind: 'share', fraction };
    }
    const amount = this.amount.read(node, path, ctx);
    return amount === undefined ? undefined : { kind: 'amount', amount };
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    return { anyOf: [this.amount.jsonSchema(defs), { type: 'string', pattern: PERCENT_PATTERN }] };
  }

  expected(): string {
    return `${this.amount.expected()}, or a percentage of ${this.whole} such as 90%`;
  }
}

export const fraction = (): FractionSchema => new FractionSchema();
export const amountOrShare = (amount: QuantitySchema, whole: string): AmountOrShareSchema =>
  new AmountOrShareSchema(amount, whole);
