// Public face of the core layer: units, errors, assertions, heap, seeded randomness, number formatting.
export { assert } from './assert.ts';
export {
  type ErrorCode,
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
