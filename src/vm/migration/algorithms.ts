// The built-in migration algorithms, by name.

import { mplm } from './strategies/mplm.ts';
import { hybrid, postCopy } from './strategies/post-copy.ts';
import { qemuPreCopy } from './strategies/qemu-precopy.ts';
import { simgridPreCopy } from './strategies/simgrid-precopy.ts';
import { stopAndCopy } from './strategies/stop-and-copy.ts';
import type { MigrationAlgorithm } from './strategy.ts';

export const BUILT_IN_ALGORITHMS: Readonly<Record<string, MigrationAlgorithm>> = {
  'simgrid-precopy': simgridPreCopy,
  precopy: qemuPreCopy,
  mplm,
  postcopy: postCopy,
  hybrid,
  'stop-and-copy': stopAndCopy,
};
