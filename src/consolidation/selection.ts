// Which VM leaves an overloaded host, after Beloglazov & Buyya (CCPE 2012, section 7): minimum migration time (the
// least RAM, since every migration of a host shares its link), maximum correlation (the VM whose load the others'
// loads explain best), random selection (seeded), minimum utilization.
import type { Random } from '../core/index.ts';
import { multipleCorrelation } from './statistics.ts';

export const SELECTION_POLICIES = ['mmt', 'mc', 'rs', 'mu'] as const;
export type SelectionPolicy = (typeof SELECTION_POLICIES)[number];

export interface Candidate {
  name: string;
  ramBytes: number;
  /** CPU asked now, flop/s. */
  demandFlops: number;
  /** Past demands (flop/s), oldest first. */
  history: readonly number[];
}

/** The candidate to move first; ties go to the earliest candidate. `others` are every VM of the host (for MC). */
export function selectVm(
  policy: SelectionPolicy,
  candidates: readonly Candidate[],
  random: Random,
): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  switch (policy) {
    case 'mmt':
      return smallest(candidates, (c) => c.ramBytes);
    case 'mu':
      return smallest(candidates, (c) => c.demandFlops);
    case 'rs':
      return candidates[random.int(0, candidates.length - 1)];
    case 'mc':
      return mostCorrelated(candidates) ?? smallest(candidates, (c) => c.ramBytes);
  }
}

function smallest(candidates: readonly Candidate[], key: (c: Candidate) => number): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) if (best === undefined || key(c) < key(best)) best = c;
  return best;
}

/** The VM with the highest R² of its history regressed on the others'; undefined when too little history (fewer
 * common intervals than VMs + 1) makes every R² undefined — minimum migration time decides then. */
function mostCorrelated(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length < 2) return undefined;
  const length = Math.min(...candidates.map((c) => c.history.length));
  const series = candidates.map((c) => c.history.slice(c.history.length - length));
  let best: Candidate | undefined;
  let bestR2 = Number.NEGATIVE_INFINITY;
  candidates.forEach((c, i) => {
    const r2 = multipleCorrelation(
      series[i] as number[],
      series.filter((_, j) => j !== i),
    );
    if (!Number.isNaN(r2) && r2 > bestR2) {
      bestR2 = r2;
      best = c;
    }
  });
  return best;
}
