// The schema DSL lives in src/core/schema/ (the VM layer declares algorithm options with it); this path stays.
export {
  childPath,
  type Declaration,
  type Infer,
  JsonDefs,
  type JsonSchema,
  lastKey,
  ReadContext,
  type Reference,
  Schema,
} from '../../core/index.ts';
