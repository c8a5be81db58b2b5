// The built-in migration algorithms, by name: each one's options schema and factory (a new algorithm is one file in
// strategies/, one line here, one line in test/migration-algorithms.test.ts's contract runs).
import { mplm } from './strategies/mplm.ts';
import { hybrid, postCopy } from './strategies/post-copy.ts';
import { qemuPreCopy } from './strategies/qemu-precopy.ts';
import { simgridPreCopy } from './strategies/simgrid-precopy.ts';
import { stopAndCopy } from './strategies/stop-and-copy.ts';
import type { MigrationAlgorithm } from './strategy.ts';

export const BUILT_IN_ALGORITHMS = {
  'simgrid-precopy': simgridPreCopy,
  precopy: qemuPreCopy,
  mplm,
  postcopy: postCopy,
  hybrid,
  'stop-and-copy': stopAndCopy,
} as const satisfies Readonly<Record<string, MigrationAlgorithm>>;

export type BuiltInAlgorithmName = keyof typeof BUILT_IN_ALGORITHMS;

/** The options of a built-in algorithm, as its schema gives them. */
export type BuiltInOptions<N extends BuiltInAlgorithmName> =
  (typeof BUILT_IN_ALGORITHMS)[N] extends MigrationAlgorithm<infer O> ? O : never;

/** A built-in algorithm chosen by name, with its options read: a union narrowed by `name`. */
export type ChosenAlgorithm = {
  [N in BuiltInAlgorithmName]: { name: N; options: BuiltInOptions<N> };
}[BuiltInAlgorithmName];

export function isBuiltInAlgorithm(name: string): name is BuiltInAlgorithmName {
  return Object.hasOwn(BUILT_IN_ALGORITHMS, name);
}
