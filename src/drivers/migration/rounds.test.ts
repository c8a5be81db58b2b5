// Rebuilding rounds from observed syncs and polls: the numbers below are worked out by hand in each comment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RoundInputs, reconstructRounds, transferredAt } from './rounds.ts';

const MB = 1_000_000;

test('transferred bytes are interpolated linearly between polls, from 0 at time 0', () => {
  const points = [
    { time: 1, transferredBytes: 100 },
    { time: 3, transferredBytes: 300 },
  ];
  assert.equal(transferredAt(points, 0.5), 50); // half-way from (0, 0) to (1, 100)
  assert.equal(transferredAt(points, 2.5), 250); // three quarters from (1, 100) to (3, 300)
  assert.equal(transferredAt(points, 9), 300); // after the last poll: the last value
});

test('a converging pre-copy gives a bulk round, pre-copy rounds and a stop-and-copy with QEMU downtime bytes', () => {
  // Syncs at 0.3 s (pass 1, end of setup), 2.3 s and 2.8 s; STOP at 3.0 s; completed at 3.01 s.
  // ram.transferred grows 100 MB/s from 0.3 s: 200 MB at 2.3 s, 250 MB at 2.8 s, 270 MB at 3.0 s.
  const inputs: RoundInputs = {
    passTimes: new Map([
      [1, 0.3],
      [2, 2.3],
      [3, 2.8],
      [4, 3.005], // the final sync inside stop-and-copy: after STOP, so not a live round
    ]),
    transfers: [
      { time: 0.3, transferredBytes: 0 },
      { time: 2.3, transferredBytes: 200 * MB },
      { time: 2.8, transferredBytes: 250 * MB },
      { time: 3.0, transferredBytes: 270 * MB },
    ],
    stopAt: 3.0,
    postcopyAt: undefined,
    endAt: 3.01,
    completed: true,
    finalTransferredBytes: 271 * MB,
    precopyBytes: 270 * MB,
    downtimeBytes: 1 * MB,
    postcopyBytes: 0,
    downtimeLimits: [{ from: 0, sec: 0.03 }],
  };
  const rounds = reconstructRounds(inputs);
  assert.deepEqual(
    rounds.map((r) => [r.stage, r.index, r.start, r.end, r.bytes]),
    [
      [1, 0, 0.3, 2.3, 200 * MB], // bulk copy: 0.3 → 2.3 s, 200 MB
      [2, 0, 2.3, 2.8, 50 * MB],
      [2, 1, 2.8, 3.0, 20 * MB], // last live round ends at STOP
      [3, 0, 3.0, 3.01, 1 * MB], // stop-and-copy: QEMU's downtime-bytes
    ],
  );
  // 200 MB in 2 s = 100 MB/s; threshold = 100 MB/s × 30 ms = 3 MB (QEMU's bandwidth × downtime-limit).
  assert.ok(Math.abs((rounds[0]?.bandwidth ?? 0) - 100 * MB) < 1e-6); // 2.3 - 0.3 is not exactly 2 in binary
  assert.ok(Math.abs((rounds[0]?.threshold ?? 0) - 3 * MB) < 1e-6);
  assert.equal(rounds[3]?.threshold, undefined);
});

test('a poll answered during stop-and-copy does not move its bytes into the last live round', () => {
  // Live at 100 MB/s from 0 to 2 s (pass 2 at 1 s); STOP at 2.0 s with precopy-bytes 200 MB; a poll at 2.05 s already
  // sees 260 MB (stop-and-copy sends fast); completed at 2.1 s with 280 MB. The last live round is 1 → 2 s: 100 MB.
  const rounds = reconstructRounds({
    passTimes: new Map([
      [1, 0],
      [2, 1],
    ]),
    transfers: [
      { time: 1, transferredBytes: 100 * MB },
      { time: 2.05, transferredBytes: 260 * MB },
    ],
    stopAt: 2,
    postcopyAt: undefined,
    endAt: 2.1,
    completed: true,
    finalTransferredBytes: 280 * MB,
    precopyBytes: 200 * MB,
    downtimeBytes: 80 * MB,
    postcopyBytes: 0,
    downtimeLimits: [],
  });
  assert.deepEqual(
    rounds.map((r) => [r.stage, r.bytes]),
    [
      [1, 100 * MB],
      [2, 100 * MB],
      [3, 80 * MB],
    ],
  );
});

test('post-copy adds a stage-4 round with the post-copy bytes; a cancelled run has live rounds only', () => {
  const base: RoundInputs = {
    passTimes: new Map([[1, 0.3]]),
    transfers: [{ time: 5, transferredBytes: 160 * MB }],
    stopAt: 5.0,
    postcopyAt: 5.1,
    endAt: 5.4,
    completed: true,
    finalTransferredBytes: 330 * MB,
    precopyBytes: 160 * MB,
    downtimeBytes: 0,
    postcopyBytes: 170 * MB,
    downtimeLimits: [],
  };
  const rounds = reconstructRounds(base);
  assert.deepEqual(
    rounds.map((r) => [r.stage, r.start, r.end]),
    [
      [1, 0.3, 5.0],
      [3, 5.0, 5.1],
      [4, 5.1, 5.4],
    ],
  );
  assert.equal(rounds[2]?.bytes, 170 * MB);
  assert.equal(rounds[0]?.threshold, undefined); // no downtime limit known
  const cancelled = reconstructRounds({ ...base, stopAt: undefined, postcopyAt: undefined, completed: false });
  assert.deepEqual(
    cancelled.map((r) => [r.stage, r.start, r.end]),
    [[1, 0.3, 5.4]],
  );
});
