// For model tests: action owners that write down when (and how) each action ended, so that a test can single-step
// the engine and compare the dates with the ones it derives by hand.
import type { ActionOwner, Engine } from '../../kernel/index.ts';

export interface Ends {
  /** "name ended at t" or "name failed at t", in the order the model reported them. */
  readonly log: string[];
  /** An owner for an action called `name`. */
  owner(name: string): ActionOwner;
}

export function recordEnds(engine: Engine): Ends {
  const log: string[] = [];
  return {
    log,
    owner: (name) => ({
      actionEnded(action, failed) {
        log.push(`${name} ${failed ? 'failed' : 'ended'} at ${round(engine.now)}`);
        action.release();
      },
    }),
  };
}

/** Dates to 9 decimals (SimGrid's `surf/precision`), so that 1.5000000000000002 reads 1.5. */
export function round(seconds: number): number {
  return Math.round(seconds * 1e9) / 1e9;
}
