// Every built-in migration algorithm keeps the migration contract, with the dirty models it is meant for.
import type { DirtyModelSpec } from '../src/index.ts';
import { migrationContract } from './migration-contract.case.ts';

const MiB = 2 ** 20;
const rate: DirtyModelSpec = { kind: 'rate', rateBytesPerSec: 20 * MiB, workingSetBytes: 128 * MiB };
const linear: DirtyModelSpec = { kind: 'linear', rateBytesPerSec: 20 * MiB, workingSetBytes: 128 * MiB };
const flops: DirtyModelSpec = { kind: 'flops' };
const trace: DirtyModelSpec = {
  kind: 'trace',
  points: [
    [0, 10 * MiB],
    [3, 30 * MiB],
    [6, 5 * MiB],
  ],
  workingSetBytes: 128 * MiB,
};

migrationContract({ algorithm: 'simgrid-precopy', dirty: flops });
migrationContract({ algorithm: 'precopy', dirty: rate });
migrationContract({ algorithm: 'precopy', dirty: trace, options: { autoConverge: true, streams: 2 } });
migrationContract({ algorithm: 'precopy', dirty: linear, options: { compression: { ratio: 0.4, flopsPerByte: 2 } } });
migrationContract({ algorithm: 'mplm', dirty: rate });
migrationContract({ algorithm: 'postcopy', dirty: rate, postCopy: true });
migrationContract({ algorithm: 'hybrid', dirty: linear, postCopy: true });
migrationContract({ algorithm: 'stop-and-copy', dirty: flops });
