// A duration that is drawn anew each time it is used during a run (the gap between arrivals of `repeat.every`, a
// host's time to failure): a fixed time, or a distribution of times.
import {
  InputError,
  type JsonDefs,
  type JsonSchema,
  type Random,
  type ReadContext,
  Schema,
  schema,
} from '../../core/index.ts';

const time = schema.time;

import type { SourceNode } from '../../core/index.ts';
import {
  DISTRIBUTION_KINDS,
  distributionKey,
  drawNumber,
  type NumericDistribution,
  readDistribution,
} from './distribution.ts';

export type TimeProcess = { kind: 'fixed'; sec: number } | NumericDistribution;

/** Draws one duration, in seconds. */
export function drawSeconds(process: TimeProcess, random: Random): number {
  return process.kind === 'fixed' ? process.sec : Math.max(0, drawNumber(process, random));
}

class TimeProcessSchema extends Schema<TimeProcess> {
  private readonly fixed = time({ unitless: 'accept' });

  read(node: SourceNode, path: string, ctx: ReadContext): TimeProcess | undefined {
    if (node.kind !== 'map') {
      const sec = this.fixed.read(node, path, ctx);
      return sec === undefined ? undefined : { kind: 'fixed', sec };
    }
    if (distributionKey(node) === undefined || distributionKey(node) === 'choice') {
      return ctx.wrongType(node, path, this.expected());
    }
    try {
      const distribution = readDistribution(node, path) as NumericDistribution;
      if (distribution.quantity !== 'time' && distribution.quantity !== undefined) {
        ctx.report('invalid-distribution', node.location, path, `"${path}" must be a distribution of durations.`);
        return undefined;
      }
      return distribution;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues) ctx.report(issue.code, issue.location, issue.path, issue.message, issue.hint);
      return undefined;
    }
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    const kinds = DISTRIBUTION_KINDS.filter((k) => k !== 'choice');
    const distribution = {
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      propertyNames: { enum: kinds },
    };
    return { anyOf: [this.fixed.toJson(defs), distribution] };
  }

  expected(): string {
    return 'a duration (30s) or a distribution of durations ({exponential: 30s}, {uniform: [10s, 1min]}, …)';
  }
}

export const timeProcess = (): Schema<TimeProcess> => new TimeProcessSchema();
