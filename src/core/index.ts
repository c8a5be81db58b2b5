// Public face of the core layer: units, errors, assertions, heap, seeded randomness, number formatting.
export { assert } from './assert.ts';
export {
  type ErrorCode,
  errorMessage,
  formatIssue,
  formatLocation,
  InputError,
  type Issue,
  invalidArgument,
  isLivemigError,
  LivemigError,
  type LivemigErrorOptions,
  type SourceLocation,
} from './errors.ts';
export { formatExponential, formatFixed, formatG } from './format.ts';
export { type HeapItem, IndexedHeap } from './heap.ts';
export { type HostMachine, hostMachine } from './host-machine.ts';
export { INPUT_LIMITS, readInputFile, unreadableFileCode } from './input-file.ts';
export { sortIndicesByDate } from './radix-sort.ts';
export {
  readableByteRate,
  readableBytes,
  readableEnergy,
  readableFlopRate,
  readableNumber,
  readablePercent,
  readableSeconds,
  readableTime,
} from './readable.ts';
export { Random } from './rng.ts';
/** The schema DSL: one definition gives a reader (every issue at once, with file:line:col) and a JSON Schema. */
export * as schema from './schema/dsl.ts';
export { type Field, type Fields, type FieldsOutput, fieldsJson, readFields } from './schema/object.ts';
export { capitalise } from './schema/scalars.ts';
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
} from './schema/schema.ts';
export {
  describeNode,
  entryOf,
  fromPlain,
  type MapEntry,
  type MapNode,
  type Scalar,
  type ScalarNode,
  type SeqNode,
  type SourceNode,
  toPlain,
} from './schema/source-node.ts';
export { closestNames, didYouMean, editDistance } from './suggest.ts';
export { QUANTITIES, type Quantity, type QuantityName } from './unit-scales.ts';
export {
  parseBandwidth,
  parseSize,
  parseSpeed,
  parseSpeeds,
  parseTime,
  type UnitlessPolicy,
  type UnitOptions,
} from './units.ts';
export { formatBandwidth, formatBytes, formatFlops, formatSeconds } from './units-format.ts';
