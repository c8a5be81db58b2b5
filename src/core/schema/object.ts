// Maps with known keys: each field required, optional, or defaulted; unknown keys are refused with "did you mean".
// Every field is read even when another fails, so that one pass reports every problem of the document.
import { didYouMean } from '../suggest.ts';
import { applyRenamed, type Renamed, renamedJson } from './renamed.ts';
import { capitalise } from './scalars.ts';
import { childPath, type JsonDefs, type JsonSchema, type ReadContext, Schema } from './schema.ts';
import { entryOf, type MapNode, type SourceNode } from './source-node.ts';

export type FieldMode = 'required' | 'optional' | 'default';

export interface Field<T, M extends FieldMode> {
  readonly schema: Schema<T>;
  readonly mode: M;
  readonly fallback?: T;
  /** Shown in the "missing key" hint: `host: host0`. */
  readonly example?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: field maps hold schemas of any output type
export type AnyField = Field<any, FieldMode>;
export type Fields = Record<string, AnyField>;

export type FieldsOutput<F extends Fields> = {
  [K in keyof F]: F[K] extends Field<infer T, infer M> ? (M extends 'optional' ? T | undefined : T) : never;
};

export const required = <T>(schema: Schema<T>, example?: string): Field<T, 'required'> =>
  example === undefined ? { schema, mode: 'required' } : { schema, mode: 'required', example };
export const optional = <T>(schema: Schema<T>): Field<T, 'optional'> => ({ schema, mode: 'optional' });
export const withDefault = <T>(schema: Schema<T>, fallback: T): Field<T, 'default'> => ({
  schema,
  mode: 'default',
  fallback,
});

/**
 * Reads the fields of `node` (a map); `extraKeys` are keys handled by the caller (not reported as unknown),
 * `renamed` the old spellings still read (with a warning).
 */
export function readFields<F extends Fields>(
  fields: F,
  node: MapNode,
  path: string,
  ctx: ReadContext,
  extraKeys: readonly string[] = [],
  renamed: Renamed = {},
): FieldsOutput<F> | undefined {
  const known = [...Object.keys(fields), ...extraKeys];
  const spelt = applyRenamed(node, path, renamed, ctx);
  let ok = reportUnknownKeys(node, path, known, ctx) && spelt;
  const output: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const entry = entryOf(node, key);
    if (entry === undefined && field.mode !== 'required') {
      output[key] = field.fallback;
      continue;
    }
    if (entry === undefined) {
      ok = false;
      const where = path === '' ? 'the document' : `"${path}"`;
      const example = field.example ?? `${key}: …`;
      ctx.report(
        'missing-key',
        node.location,
        childPath(path, key),
        `Missing key "${key}" in ${where}.`,
        `Add "${example}" (${field.schema.expected()}).`,
      );
      continue;
    }
    const value = field.schema.read(entry.value, childPath(path, key), ctx);
    if (value === undefined) ok = false;
    output[key] = value;
  }
  return ok ? (output as FieldsOutput<F>) : undefined;
}

/** Reports the keys of `node` that are not in `known`; false when there was any. */
export function reportUnknownKeys(node: MapNode, path: string, known: readonly string[], ctx: ReadContext): boolean {
  let ok = true;
  for (const entry of node.entries) {
    if (known.includes(entry.key)) continue;
    ok = false;
    const guess = didYouMean(entry.key, known);
    const where = path === '' ? 'at the top level' : `in "${path}"`;
    const hint = `${guess === undefined ? '' : `${capitalise(guess)} `}Known keys: ${known.join(', ')}.`;
    ctx.report(
      'unknown-key',
      entry.keyLocation,
      childPath(path, entry.key),
      `Unknown key "${entry.key}" ${where}.`,
      hint,
    );
  }
  return ok;
}

/** JSON Schema `properties` and `required` of a field map. */
export function fieldsJson(
  fields: Fields,
  defs: JsonDefs,
): { properties: Record<string, JsonSchema>; required: string[] } {
  const properties: Record<string, JsonSchema> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    const schema = field.schema.toJson(defs);
    properties[key] =
      field.mode === 'default' && field.fallback !== undefined && !('$ref' in schema) && isJsonValue(field.fallback)
        ? { ...schema, default: field.fallback }
        : schema;
    if (field.mode === 'required') requiredKeys.push(key);
  }
  return { properties, required: requiredKeys };
}

function isJsonValue(value: unknown): boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

export class ObjectSchema<F extends Fields> extends Schema<FieldsOutput<F>> {
  constructor(
    readonly fields: F,
    private readonly noun = 'a map',
    /** Old spellings of keys, still read with a warning. */
    readonly renamed: Renamed = {},
  ) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): FieldsOutput<F> | undefined {
    if (node.kind !== 'map') return ctx.wrongType(node, path, this.expected());
    return readFields(this.fields, node, path, ctx, [], this.renamed);
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    const { properties, required: keys } = fieldsJson(this.fields, defs);
    Object.assign(properties, renamedJson(properties, this.renamed));
    const schema: JsonSchema = { type: 'object', properties, additionalProperties: false };
    if (keys.length > 0) schema.required = keys;
    return schema;
  }

  expected(): string {
    return this.noun;
  }
}

export const object = <F extends Fields>(fields: F, noun?: string, renamed?: Renamed): ObjectSchema<F> =>
  new ObjectSchema(fields, noun, renamed);
