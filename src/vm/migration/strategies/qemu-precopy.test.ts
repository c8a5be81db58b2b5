// QEMU pre-copy's dirty set as a set, driven by hand through a fake view: syncs during a pass add pages to it, but a
// page dirtied again before it is sent counts once, so the set never holds more than the working set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decision, MigrationView } from '../strategy.ts';
import { qemuPreCopy } from './qemu-precopy.ts';

const MiB = 2 ** 20;

test('QEMU pre-copy counts a page dirtied twice before it is sent once: its dirty set stays within the working set', () => {
  // 1 GiB with 7/8 zero pages: a first pass of 128 MiB at 100 MiB/s (10 MiB per 100 ms check), limit 1 s so the
  // threshold is 100 MiB; a cyclic writer rewrites its 64 MiB working set at 300 MiB/s (30 MiB between checks).
  const view = {
    now: 0,
    ramBytes: 1024 * MiB,
    workingSetBytes: 64 * MiB,
    current: undefined,
    syncDirty: () => 30 * MiB,
    throttlePercent: 0,
    setThrottle: () => {},
    setExpectedDowntime: () => {},
  } as unknown as MigrationView & { now: number; current: MigrationView['current'] };
  const strategy = qemuPreCopy.create({ zeroPageRatio: 0.875, downtimeLimitSec: 1 });
  assert.deepEqual(strategy.start(view), { action: 'send', bytes: 128 * MiB, stage: 1, rateBytesPerSec: 128 * MiB });
  let decision: Decision = { action: 'continue' };
  let check = 0;
  while (decision.action === 'continue' && check < 12) {
    check++;
    view.now = check / 10;
    view.current = { stage: 1, start: 0, bytes: 128 * MiB, sentBytes: check * 10 * MiB };
    decision = strategy.check?.(view) as Decision;
  }
  // Syncs at checks 3 to 7, 9 and 10 (when what is left of the pass plus the dirty set fits under the threshold) find
  // 30 MiB each. Writes on the part of the working set the pass has not reached are pending in the pass already (the
  // working set is spread over the 128 MiB pass: at check 3, 49 of its 64 MiB are ahead, so 7 of the 30 MiB join the
  // set); the set grows 7, 9.4, 11.7, 14, 16.4 and 21 MiB and is capped at 64 MiB at check 9: at check 10, 28 MiB
  // left + 64 MiB ≤ 100 MiB, so it switches over. The
  // pass stops where it is: its 28 MiB left go with the dirty set, without the rate cap (migration_completion).
  assert.equal(check, 10);
  assert.deepEqual(decision, {
    action: 'switch-over',
    bytes: (64 + 28) * MiB,
    finalSync: true,
    cancelInFlight: true,
    rateBytesPerSec: 0,
  });
});

test('QEMU pre-copy going post-copy in its first pass pushes a page written ahead of the pass once (memoryLayout: top)', () => {
  // 256 MiB, 125 MiB of zero pages at the top, the 64 MiB working set just below them: the pass (131 MiB) has sent
  // 64 MiB when post-copy starts, so the whole working set is still ahead of it. Its 64 MiB of writes are pending
  // in the pass: the decision adds nothing to what the engine pushes of the pass (spread, about half would be added).
  const view = {
    now: 2,
    ramBytes: 256 * MiB,
    workingSetBytes: 64 * MiB,
    current: { stage: 1, start: 0, bytes: 131 * MiB, sentBytes: 64 * MiB },
    syncDirty: () => 64 * MiB,
    throttlePercent: 0,
    setThrottle: () => {},
    setExpectedDowntime: () => {},
  } as unknown as MigrationView;
  const zeroPageRatio = 125 / 256;
  const top = qemuPreCopy.create({ zeroPageRatio, memoryLayout: 'top' });
  const spread = qemuPreCopy.create({ zeroPageRatio });
  for (const strategy of [top, spread]) {
    strategy.start({ ...view, now: 0, current: undefined } as unknown as MigrationView);
    strategy.command?.('start-post-copy', view);
  }
  assert.deepEqual(top.check?.(view), { action: 'post-copy', bytes: 0 });
  const decision = spread.check?.(view);
  assert.ok(decision !== undefined && decision.action === 'post-copy');
  const added = decision.bytes;
  // Spread, the working set is 64/131 of the pass, and 67 MiB of the pass are ahead: 64 × 67/131 MiB are ahead.
  assert.ok(Math.abs(added - 64 * MiB * (1 - 67 / 131)) < 1, `${added / MiB} MiB`);
});
