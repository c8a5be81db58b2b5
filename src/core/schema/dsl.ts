// The schema DSL in one import: `import * as s from '…/core/schema/dsl.ts'`, then `s.object({ name: s.required(…) })`.
export { array, named, rawMap, shapes, stringMap, transform } from './combinators.ts';
export { amountOrShare, fraction } from './fractions.ts';
export { keyed } from './keyed.ts';
export { declares, refersTo } from './names.ts';
export { object, optional, required, withDefault } from './object.ts';
export { bandwidth, flops, size, time } from './quantities.ts';
export { boolean, integer, number, oneOf, string } from './scalars.ts';
export { type Infer, type JsonSchema, Schema } from './schema.ts';
