// Source nodes live in src/core/schema/ with the schema DSL that reads them; this path stays.
export * from '../../core/schema/source-node.ts';
