// The guest's heartbeats read back, and the write rate it achieved while the migration was live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { achievedRate, type Heartbeat, parseHeartbeat } from './heartbeats.ts';

const line = (t: number, written: number, rate: number) =>
  `HB t=${t} sweep=1 cur=9977 written=${written} rate=${rate} target=2560 skipped=3 sum=00ab maxgap_us=2823`;

test('a heartbeat line gives the guest time, the pages written, its measured rate and the skipped writes', () => {
  assert.deepEqual(parseHeartbeat(line(4.2, 9977, 2561), -0.5), {
    atSec: -0.5,
    guestSec: 4.2,
    written: 9977,
    rate: 2561,
    skipped: 3,
  });
  assert.equal(parseHeartbeat('VERIFY OK pages=16384', 1), undefined);
});

test('the achieved rate is the pages written between the heartbeats around the live phase, by the guest clock', () => {
  const beats = [
    [-0.7, 3.0, 5000, 2560],
    [0.3, 4.0, 7000, 2000],
    [1.3, 5.0, 9100, 2100],
    [2.3, 6.0, 11200, 2100],
  ].map(([at, t, written, rate]) =>
    parseHeartbeat(line(t as number, written as number, rate as number), at as number),
  ) as Heartbeat[];
  // From the last beat before migrate (t=3.0, 5000) to the last before STOP at 1.5 s (t=5.0, 9100): 4100 / 2 s.
  assert.equal(achievedRate(beats, 0, 1.5), 2050);
  // A live phase within one second of the last beat: that beat's own measured rate.
  assert.equal(achievedRate(beats, 0.4, 0.9), 2000);
  // No beat before the end: the first one after it.
  assert.equal(achievedRate(beats.slice(1), -1, 0.1), 2000);
  assert.equal(achievedRate([], 0, 1), undefined);
});
