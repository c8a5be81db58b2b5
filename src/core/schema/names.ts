// Names as the schema sees them: a declaration (`vms[0].name`) or a reference to something named elsewhere
// (`migrate.to`). Both read as strings and are recorded in the ReadContext, so that names are checked in one pass
// afterwards, even where a sibling field was wrong.

import { StringSchema } from './scalars.ts';
import type { JsonSchema, ReadContext } from './schema.ts';
import type { SourceNode } from './source-node.ts';

export class DeclarationSchema extends StringSchema {
  constructor(readonly kind: string) {
    super();
  }

  override read(node: SourceNode, path: string, ctx: ReadContext): string | undefined {
    const name = super.read(node, path, ctx);
    if (name !== undefined) ctx.declarations.push({ kind: this.kind, name, path, location: node.location });
    return name;
  }

  override expected(): string {
    return `the name of the ${this.kind}`;
  }
}

export class ReferenceSchema extends StringSchema {
  constructor(
    readonly accepts: readonly string[],
    readonly role: string,
  ) {
    super();
  }

  override read(node: SourceNode, path: string, ctx: ReadContext): string | undefined {
    const name = super.read(node, path, ctx);
    if (name !== undefined) {
      ctx.references.push({ accepts: this.accepts, role: this.role, name, path, location: node.location });
    }
    return name;
  }

  override jsonSchema(): JsonSchema {
    return { type: 'string', minLength: 1 };
  }

  override expected(): string {
    return `the name of a ${this.accepts.join(' or a ')}`;
  }
}

export const declares = (kind: string): DeclarationSchema => new DeclarationSchema(kind);
export const refersTo = (accepts: readonly string[], role: string): ReferenceSchema =>
  new ReferenceSchema(accepts, role);
