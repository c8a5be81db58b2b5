// Host power as a function of CPU utilization: a linear idle→max model, or an 11-point SPECpower-style curve (watts
// at 0 %, 10 % … 100 %) interpolated linearly between its points, as Beloglazov & Buyya (CCPE 2012) use.
import { LivemigError } from '../core/index.ts';

export type PowerSpec = { kind: 'linear'; idleWatts: number; maxWatts: number } | { kind: 'curve'; watts: number[] };

export interface PowerModel {
  /** Watts drawn at a utilization in [0, 1] (values above 1 count as 1). */
  wattsAt(utilization: number): number;
}

/** HP ProLiant ML110 G4 (1 × Xeon 3040, 2 cores at 1860 MHz, 4 GB): SPECpower_ssj2008 result
 * http://www.spec.org/power_ssj2008/results/res2011q1/power_ssj2008-20110127-00342.html (the host of Beloglazov &
 * Buyya's experiments). */
export const HP_PROLIANT_ML110_G4: readonly number[] = [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117];
/** HP ProLiant ML110 G5 (1 × Xeon 3075, 2 cores at 2660 MHz, 4 GB): SPECpower_ssj2008 result
 * http://www.spec.org/power_ssj2008/results/res2011q1/power_ssj2008-20110124-00339.html. */
export const HP_PROLIANT_ML110_G5: readonly number[] = [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135];

export function powerModel(spec: PowerSpec): PowerModel {
  if (spec.kind === 'linear') {
    const { idleWatts, maxWatts } = spec;
    return { wattsAt: (u) => idleWatts + (maxWatts - idleWatts) * clamp(u) };
  }
  const watts = spec.watts;
  if (watts.length !== 11 || watts.some((w) => !Number.isFinite(w) || w < 0)) {
    throw new LivemigError(
      'invalid-argument',
      `A power curve needs 11 watt figures (at 0 %, 10 % … 100 % utilization), not [${watts.join(', ')}].`,
    );
  }
  return {
    wattsAt: (u) => {
      const x = clamp(u) * 10;
      const low = Math.min(9, Math.floor(x));
      const a = watts[low] as number;
      const b = watts[low + 1] as number;
      return a + (b - a) * (x - low);
    },
  };
}

function clamp(u: number): number {
  return u <= 0 ? 0 : u >= 1 ? 1 : u;
}
