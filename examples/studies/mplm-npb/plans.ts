// The migrations of the study for one workload: QEMU pre-copy once per downtime limit (the paper's sweep), MPLM,
// post-copy, and pre-copy at 0.3 s with auto-converge, all rate-limited to the link as in the paper (1 Gbps).
import type { MigrateOptions } from '../../../src/index.ts';
import type { Algorithm } from './paper.ts';

export const PAPER_DOWNTIME_LIMITS_SEC: readonly number[] = [0.3, 1, 5, 10, 30, 60, 80, 120];
export const ALGORITHMS: readonly Algorithm[] = ['pre-copy', 'MPLM', 'post-copy', 'auto-converge'];

/** QEMU's max-bandwidth in the paper: 1 Gbps. */
export const RATE_LIMIT_BYTES_PER_SEC = 125e6;

export interface RunPlan {
  algorithm: Algorithm;
  /** Pre-copy's downtime limit (s); undefined for MPLM and post-copy. */
  downtimeLimitSec: number | undefined;
  options: MigrateOptions;
}

export function plans(algorithms: readonly Algorithm[], limits: readonly number[], zeroPageRatio: number): RunPlan[] {
  const common = { maxBandwidthBytesPerSec: RATE_LIMIT_BYTES_PER_SEC, zeroPageRatio };
  const one = (algorithm: Algorithm, downtimeLimitSec: number | undefined, options: MigrateOptions): RunPlan => ({
    algorithm,
    downtimeLimitSec,
    options: { ...common, ...options },
  });
  return algorithms.flatMap((algorithm) => {
    if (algorithm === 'pre-copy') {
      return limits.map((limit) => one(algorithm, limit, { algorithm: 'precopy', downtimeLimitSec: limit }));
    }
    if (algorithm === 'auto-converge') {
      return [one(algorithm, 0.3, { algorithm: 'precopy', downtimeLimitSec: 0.3, autoConverge: true })];
    }
    return [one(algorithm, undefined, { algorithm: algorithm === 'MPLM' ? 'mplm' : 'postcopy' })];
  });
}
