// How much the study's assumptions move its results: the guest system's non-zero memory (256 MiB to 2 GiB instead
// of 512 MiB) and random instead of cyclic writes, for MPLM, pre-copy at 0.3, 10 and 80 s, and post-copy.
import type { Algorithm } from './paper.ts';
import { plans } from './plans.ts';
import { migrateOnce, type Outcome, type Setup } from './scenario.ts';
import { MiB, type WorkloadName, workload, zeroPageRatio } from './workloads.ts';

export interface SensitivityRow extends Outcome {
  variant: string;
  workload: WorkloadName;
  algorithm: Algorithm;
  downtimeLimitSec: number | undefined;
}

interface Variant {
  name: string;
  change: Partial<Setup>;
}

export const VARIANTS: readonly Variant[] = [
  { name: 'guest system 256 MiB', change: { guestSystemBytes: 256 * MiB } },
  { name: 'guest system 1 GiB', change: { guestSystemBytes: 1024 * MiB } },
  { name: 'guest system 2 GiB', change: { guestSystemBytes: 2048 * MiB } },
  { name: 'random writes', change: { writer: 'random' } },
];

const ALGORITHMS: readonly Algorithm[] = ['MPLM', 'pre-copy', 'post-copy'];
const LIMITS_SEC: readonly number[] = [0.3, 10, 80];

export async function runSensitivity(base: Setup, names: readonly WorkloadName[]): Promise<SensitivityRow[]> {
  const rows: SensitivityRow[] = [];
  for (const variant of VARIANTS) {
    const setup = { ...base, ...variant.change };
    for (const name of names) {
      const load = workload(name, setup.vcpus);
      const zeroRatio = zeroPageRatio(load, setup.ramBytes, setup.guestSystemBytes);
      for (const plan of plans(ALGORITHMS, LIMITS_SEC, zeroRatio)) {
        const outcome = await migrateOnce(setup, load, plan.options);
        rows.push({
          variant: variant.name,
          workload: name,
          algorithm: plan.algorithm,
          downtimeLimitSec: plan.downtimeLimitSec,
          ...outcome,
        });
      }
    }
  }
  return rows;
}
