// Host overload detection, after Beloglazov & Buyya (CCPE 2012, section 6): a static threshold (THR), adaptive
// thresholds from the inter-quartile range (IQR) or the median absolute deviation (MAD) of the host's utilization
// history, and a prediction by local regression (LR) or robust local regression (LRR).
import { interQuartileRange, localRegression, medianAbsoluteDeviation, robustLocalRegression } from './statistics.ts';

export type OverloadPolicy =
  | { policy: 'none' }
  | { policy: 'thr'; threshold: number }
  | { policy: 'iqr' | 'mad' | 'lr' | 'lrr'; safety: number; fallbackThreshold: number };

export const OVERLOAD_POLICIES = ['none', 'thr', 'iqr', 'mad', 'lr', 'lrr'] as const;

/** Each adaptive policy's safety parameter s in the paper's experiments (IQR 1.5, MAD 2.5, LR and LRR 1.2). */
export const DEFAULT_SAFETY = { iqr: 1.5, mad: 2.5, lr: 1.2, lrr: 1.2 } as const;
/** History an adaptive policy needs before it decides by itself (the paper's 12 for IQR/MAD; LR fits the last 10);
 * with less, the static threshold `fallbackThreshold` (default 0.7) decides. */
export const MIN_HISTORY = { iqr: 12, mad: 12, lr: 10, lrr: 10 } as const;
export const DEFAULT_FALLBACK_THRESHOLD = 0.7;

export interface HostLoad {
  /** CPU asked of the host now / its capacity (may exceed 1). */
  utilization: number;
  /** Past utilizations, oldest first, the last one being the current interval's. */
  history: readonly number[];
  /** Intervals the longest migration off this host would take (LR predicts that far ahead). */
  migrationIntervals: number;
}

export interface OverloadVerdict {
  overloaded: boolean;
  /** The threshold utilization was compared with (THR, IQR, MAD, fall-back), or the predicted utilization
   * × safety (LR, LRR). */
  figure: number;
}

export function detectOverload(policy: OverloadPolicy, load: HostLoad): OverloadVerdict {
  switch (policy.policy) {
    case 'none':
      return { overloaded: false, figure: Number.POSITIVE_INFINITY };
    case 'thr':
      return threshold(load.utilization, policy.threshold);
    case 'iqr':
    case 'mad': {
      if (load.history.length < MIN_HISTORY[policy.policy])
        return threshold(load.utilization, policy.fallbackThreshold);
      const spread = policy.policy === 'iqr' ? interQuartileRange(load.history) : medianAbsoluteDeviation(load.history);
      return threshold(load.utilization, 1 - policy.safety * spread);
    }
    case 'lr':
    case 'lrr': {
      const n = MIN_HISTORY[policy.policy];
      if (load.history.length < n) return threshold(load.utilization, policy.fallbackThreshold);
      const predicted = predictUtilization(load.history.slice(-n), load.migrationIntervals, policy.policy === 'lrr');
      const figure = policy.safety * predicted;
      return { overloaded: figure >= 1, figure };
    }
  }
}

/** The utilization the (robust) local regression of `history` predicts `ahead` intervals after its last point. */
export function predictUtilization(history: readonly number[], ahead: number, robust: boolean): number {
  const line = robust ? robustLocalRegression(history) : localRegression(history);
  return line.intercept + line.slope * (history.length + ahead);
}

function threshold(utilization: number, limit: number): OverloadVerdict {
  return { overloaded: utilization > limit, figure: limit };
}
