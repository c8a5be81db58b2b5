// The core of the schema DSL: a Schema<T> reads a SourceNode into a T (or records issues and returns undefined) and
// describes itself as JSON Schema (draft 2020-12). Both come from the one definition, so they cannot drift apart.
import type { Issue, SourceLocation } from '../errors.ts';
import { describeNode, type SourceNode } from './source-node.ts';

export type JsonSchema = { [key: string]: unknown };

/** Named definitions (`$defs`) collected while writing a JSON Schema, for recursive or shared parts. */
export class JsonDefs {
  readonly defs: Record<string, JsonSchema> = {};

  /** A `$ref` to `name`, building its definition once (recursion-safe). */
  ref(name: string, build: () => JsonSchema): JsonSchema {
    if (!(name in this.defs)) {
      this.defs[name] = {};
      this.defs[name] = build();
    }
    return { $ref: `#/$defs/${name}` };
  }
}

/** A name introduced by the document (a VM, an actor), where it is written. */
export interface Declaration {
  kind: string;
  name: string;
  path: string;
  location: SourceLocation | undefined;
}

/** A use of a name (a VM's host, a migration's destination), with the kinds of thing it may name. */
export interface Reference {
  accepts: readonly string[];
  /** What the name is for, in messages: "the host of VM \"VM0\"" style role, e.g. "destination". */
  role: string;
  name: string;
  path: string;
  location: SourceLocation | undefined;
}

/** Collects the issues, warnings, declarations and references found while reading one document. */
export class ReadContext {
  readonly issues: Issue[] = [];
  /** What still works but should change (an old spelling of a key): the document is valid. */
  readonly warnings: Issue[] = [];
  readonly declarations: Declaration[] = [];
  readonly references: Reference[] = [];

  report(code: string, where: SourceLocation | undefined, path: string, message: string, hint?: string): void {
    const issue: Issue = { code, path, message };
    if (where !== undefined) issue.location = where;
    if (hint !== undefined) issue.hint = hint;
    this.issues.push(issue);
  }

  warn(code: string, where: SourceLocation | undefined, path: string, message: string, hint: string): void {
    const warning: Issue = { code, path, message, hint };
    if (where !== undefined) warning.location = where;
    this.warnings.push(warning);
  }

  /** `path` holds a node of the wrong kind. */
  wrongType(node: SourceNode, path: string, expected: string, hint?: string): undefined {
    const subject = path === '' ? 'The document' : `"${path}"`;
    const message = `${subject} must be ${expected}, not ${describeNode(node)}.`;
    const empty = node.kind === 'scalar' && node.value === null;
    const advice = hint ?? (empty ? 'Give it a value, or remove the key.' : undefined);
    this.report(empty ? 'missing-value' : 'invalid-type', node.location, path, message, advice);
    return undefined;
  }
}

export abstract class Schema<T> {
  /** What the value means, for the JSON Schema and the docs. */
  description: string | undefined;

  /** Reads `node`; on a problem, reports it to `ctx` and returns undefined. */
  abstract read(node: SourceNode, path: string, ctx: ReadContext): T | undefined;

  /** The JSON Schema (draft 2020-12) of what `read` accepts. */
  abstract jsonSchema(defs: JsonDefs): JsonSchema;

  /** What is expected, for messages: "a size with a unit, such as 1GiB". */
  abstract expected(): string;

  describe(description: string): this {
    this.description = description;
    return this;
  }

  /** The JSON Schema with this schema's description. */
  toJson(defs: JsonDefs): JsonSchema {
    const schema = this.jsonSchema(defs);
    return this.description === undefined || '$ref' in schema ? schema : { description: this.description, ...schema };
  }
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Path of a key or an index below `path`: `vms[0].ram`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** The last key of a path (`ram` for `vms[0].ram`), for messages. */
export function lastKey(path: string): string {
  const match = /([^.[\]]+)(?:\[\d+\])*$/.exec(path);
  return match?.[1] ?? path;
}
