// Source nodes live in src/core/schema/ with the schema DSL that reads them; this path stays.
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
} from '../../core/index.ts';
