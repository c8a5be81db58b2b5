// A map that says what it is by one key among several (`- sleep: 1`, `- migrate: {vm, to}`), plus common keys
// (`onError`, `at`). Reads into `{ kind, value, ...common }`; JSON Schema: a oneOf with one branch per kind.
import { closestNames } from '../suggest.ts';
import { type Fields, type FieldsOutput, fieldsJson, readFields } from './object.ts';
import { applyRenamed, type Renamed } from './renamed.ts';
import { childPath, type Infer, type JsonDefs, type JsonSchema, type ReadContext, Schema } from './schema.ts';
import type { SourceNode } from './source-node.ts';

// biome-ignore lint/suspicious/noExplicitAny: variant maps hold schemas of any output type
export type Variants = Record<string, Schema<any>>;

export type KeyedOutput<V extends Variants, C extends Fields> = {
  [K in keyof V & string]: { kind: K; value: Infer<V[K]> } & FieldsOutput<C>;
}[keyof V & string];

export class KeyedSchema<V extends Variants, C extends Fields> extends Schema<KeyedOutput<V, C>> {
  constructor(
    readonly variants: V,
    readonly common: C,
    /** "a step", "an event". */
    private readonly noun: string,
    /** Old spellings of kinds, still read with a warning. */
    readonly renamed: Renamed = {},
  ) {
    super();
  }

  get kinds(): string[] {
    return Object.keys(this.variants);
  }

  read(node: SourceNode, path: string, ctx: ReadContext): KeyedOutput<V, C> | undefined {
    const kinds = this.kinds;
    if (node.kind !== 'map') {
      return ctx.wrongType(
        node,
        path,
        this.expected(),
        `Write a map with one of the keys ${kinds.join(', ')}, e.g. "${kinds[0]}: …".`,
      );
    }
    const spelt = applyRenamed(node, path, this.renamed, ctx);
    const present = node.entries.filter((entry) => kinds.includes(entry.key));
    const common = readFields(this.common, node, path, ctx, kinds);
    const [first, second] = present;
    if (first === undefined) {
      const misspelt = node.entries.some((entry) => closestNames(entry.key, kinds, 1).length > 0);
      if (!misspelt) {
        const message = `"${path}" does not say what to do: ${this.noun} needs one of the keys ${kinds.join(', ')}.`;
        ctx.report('missing-kind', node.location, path, message, `For example "${kinds[0]}: …".`);
      }
      return undefined;
    }
    if (second !== undefined) {
      const message = `"${path}" has both "${first.key}" and "${second.key}": ${this.noun} does one thing.`;
      ctx.report(
        'several-kinds',
        second.keyLocation,
        path,
        message,
        `Split it into one ${this.noun.replace(/^an? /, '')} per key.`,
      );
    }
    const schema = this.variants[first.key];
    const value = schema?.read(first.value, childPath(path, first.key), ctx);
    if (value === undefined || common === undefined || second !== undefined || !spelt) return undefined;
    return { kind: first.key, value, ...common } as KeyedOutput<V, C>;
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    const { properties, required } = fieldsJson(this.common, defs);
    const branch = (kind: string, schema: Schema<unknown>, extra: JsonSchema = {}) => ({
      type: 'object',
      properties: { [kind]: { ...schema.toJson(defs), ...extra }, ...properties },
      required: [kind, ...required],
      additionalProperties: false,
    });
    const branches = Object.entries(this.variants).map(([kind, schema]) => branch(kind, schema));
    for (const [old, current] of Object.entries(this.renamed)) {
      const schema = this.variants[current];
      if (schema !== undefined) {
        branches.push(branch(old, schema, { deprecated: true, description: `Old spelling of "${current}".` }));
      }
    }
    return { oneOf: branches };
  }

  expected(): string {
    return this.noun;
  }
}

export const keyed = <V extends Variants, C extends Fields>(
  variants: V,
  common: C,
  noun: string,
  renamed?: Renamed,
): KeyedSchema<V, C> => new KeyedSchema(variants, common, noun, renamed);
