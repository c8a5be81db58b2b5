// Schemas built from schemas: lists, a choice by the shape of the node (a number or a map), a converted output,
// a named (recursive) definition, and a map kept as plain data for another layer to check.

import { childPath, type Infer, type JsonDefs, type JsonSchema, type ReadContext, Schema } from './schema.ts';
import { type SourceNode, toPlain } from './source-node.ts';

export class ArraySchema<T> extends Schema<T[]> {
  constructor(
    readonly item: Schema<T>,
    private readonly options: { minItems?: number; noun?: string } = {},
  ) {
    super();
  }

  private get minItems(): number {
    return this.options.minItems ?? 0;
  }

  read(node: SourceNode, path: string, ctx: ReadContext): T[] | undefined {
    if (node.kind !== 'seq') return ctx.wrongType(node, path, this.expected());
    if (node.items.length < this.minItems) {
      ctx.report('too-few-items', node.location, path, `"${path}" needs at least ${this.minItems} item(s).`);
      return undefined;
    }
    let ok = true;
    const output: T[] = [];
    node.items.forEach((item, index) => {
      const value = this.item.read(item, childPath(path, index), ctx);
      if (value === undefined) ok = false;
      else output.push(value);
    });
    return ok ? output : undefined;
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    const schema: JsonSchema = { type: 'array', items: this.item.toJson(defs) };
    if (this.minItems > 0) schema.minItems = this.minItems;
    return schema;
  }

  expected(): string {
    return this.options.noun ?? `a list of ${this.item.expected()}`;
  }
}

type Shape = 'scalar' | 'map' | 'seq';

/** Reads the node with the schema of its shape: `execute: 1e9` or `execute: { flops: 1e9, priority: 2 }`. */
export class ShapesSchema<T> extends Schema<T> {
  constructor(private readonly byShape: Partial<Record<Shape, Schema<T>>>) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): T | undefined {
    const schema = node.kind === 'scalar' && node.value === null ? undefined : this.byShape[node.kind];
    if (schema === undefined) return ctx.wrongType(node, path, this.expected());
    return schema.read(node, path, ctx);
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    return { anyOf: Object.values(this.byShape).map((schema) => schema.toJson(defs)) };
  }

  expected(): string {
    return Object.values(this.byShape)
      .map((schema) => schema.expected())
      .join(', or ');
  }
}

/** The output of `inner`, converted. */
export class TransformSchema<I, O> extends Schema<O> {
  constructor(
    private readonly inner: Schema<I>,
    private readonly convert: (value: I) => O,
  ) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): O | undefined {
    const value = this.inner.read(node, path, ctx);
    return value === undefined ? undefined : this.convert(value);
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    return this.inner.toJson(defs);
  }

  expected(): string {
    return this.inner.expected();
  }
}

/** A definition with a name: `$defs/<name>` in the JSON Schema; may refer to itself through `get`. */
export class NamedSchema<T> extends Schema<T> {
  constructor(
    readonly name: string,
    private readonly get: () => Schema<T>,
  ) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): T | undefined {
    return this.get().read(node, path, ctx);
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    return defs.ref(this.name, () => this.get().toJson(defs));
  }

  expected(): string {
    return this.get().expected();
  }
}

/** A map kept as plain data with its node (checked later by another layer, e.g. an inline platform). */
export class RawMapSchema extends Schema<{ value: unknown; node: SourceNode }> {
  constructor(private readonly json: JsonSchema) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): { value: unknown; node: SourceNode } | undefined {
    if (node.kind !== 'map') return ctx.wrongType(node, path, this.expected());
    return { value: toPlain(node), node };
  }

  jsonSchema(): JsonSchema {
    return this.json;
  }

  expected(): string {
    return 'a map';
  }
}

export const array = <T>(item: Schema<T>, options: { minItems?: number; noun?: string } = {}): ArraySchema<T> =>
  new ArraySchema(item, options);
export const shapes = <S extends Partial<Record<Shape, Schema<unknown>>>>(
  byShape: S,
): ShapesSchema<Infer<S[keyof S]>> => new ShapesSchema(byShape as Partial<Record<Shape, Schema<Infer<S[keyof S]>>>>);
export const transform = <I, O>(inner: Schema<I>, convert: (value: I) => O): TransformSchema<I, O> =>
  new TransformSchema(inner, convert);
export const named = <T>(name: string, get: () => Schema<T>): NamedSchema<T> => new NamedSchema(name, get);
export const rawMap = (json: JsonSchema): RawMapSchema => new RawMapSchema(json);

/** A map of names to strings (VM properties): every value is read with `value`, each issue at its own place. */
export class StringMapSchema extends Schema<Record<string, string>> {
  constructor(private readonly value: Schema<string>) {
    super();
  }

  read(node: SourceNode, path: string, ctx: ReadContext): Record<string, string> | undefined {
    if (node.kind !== 'map') return ctx.wrongType(node, path, this.expected());
    const out: Record<string, string> = {};
    let ok = true;
    for (const entry of node.entries) {
      const read = this.value.read(entry.value, childPath(path, entry.key), ctx);
      if (read === undefined) ok = false;
      else out[entry.key] = read;
    }
    return ok ? out : undefined;
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    return { type: 'object', additionalProperties: this.value.toJson(defs) };
  }

  expected(): string {
    return 'a map of names to strings';
  }
}

export const stringMap = (value: Schema<string>): StringMapSchema => new StringMapSchema(value);
