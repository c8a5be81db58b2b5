// Wall-clock time for the drivers, the only layer allowed to read it; injected so that code under test can fake it.

export interface WallClock {
  /** Monotonic seconds (arbitrary origin), for durations and time stamps within one run. */
  nowSec(): number;
  /** Milliseconds since the Unix epoch, for records that must say when a run happened. */
  epochMs(): number;
}

export const systemClock: WallClock = {
  nowSec: () => performance.now() / 1000,
  epochMs: () => Date.now(),
};

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
