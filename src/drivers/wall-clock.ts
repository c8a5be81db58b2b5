// Wall-clock time for the drivers and runners, the only layers allowed to read it: the time now and a wait, injected
// so that code under test can fake them. Every wait of a real run goes through `sleep`, never a raw timer.

export interface WallClock {
  /** Monotonic seconds (arbitrary origin), for durations and time stamps within one run. */
  nowSec(): number;
  /** Milliseconds since the Unix epoch, for records that must say when a run happened. */
  epochMs(): number;
  /** Resolves after `seconds` of wall-clock time (at once when it is zero or negative). */
  sleep(seconds: number): Promise<void>;
}

export const systemClock: WallClock = {
  nowSec: () => performance.now() / 1000,
  epochMs: () => Date.now(),
  sleep: (seconds) => new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000))),
};

/** Resolves after `ms` milliseconds of the system clock. */
export function sleep(ms: number): Promise<void> {
  return systemClock.sleep(ms / 1000);
}
