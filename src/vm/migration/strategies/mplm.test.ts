// MPLM's fluid model with zero pages, driven by hand through a fake view: zero pages leave the non-dirty set with
// the pages scanned around them but cost no bytes on the wire, and are capped by the memory outside the working set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoundRecord } from '../records.ts';
import type { Decision, MigrationStrategy, MigrationView } from '../strategy.ts';
import { type MplmEpoch, mplm } from './mplm.ts';

const MiB = 2 ** 20;
const PAGES_PER_MiB = MiB / 4096;

/** A view of a 1 GiB VM whose dirty log returns `dirtied()` at each sync. */
function fakeView(dirtied: () => number = () => 0): MigrationView & { now: number; current: MigrationView['current'] } {
  return {
    now: 0,
    startTime: 0,
    ramBytes: 1024 * MiB,
    workingSetBytes: 256 * MiB,
    maxDowntimeSec: 0.03,
    rounds: [],
    current: undefined,
    dirtyEstimate: () => 0,
    syncDirty: dirtied,
    syncCount: 0,
    throttlePercent: 0,
    setThrottle: () => {},
    elapsedSec: 0,
    setExpectedDowntime: () => {},
  };
}

function round(bytes: number, end: number): RoundRecord {
  return { stage: 1, index: 0, start: 0, end, bytes, bandwidth: bytes / end, threshold: undefined };
}

function epochs(strategy: MigrationStrategy): MplmEpoch[] {
  return strategy.report?.().mplmEpochs as MplmEpoch[];
}

function bytesOf(decision: Decision): number {
  assert.ok('bytes' in decision, `a decision with bytes, not ${decision.action}`);
  return decision.bytes;
}

test('MPLM without zero pages sends the whole memory in its first round, as before', () => {
  const strategy = mplm.create({});
  assert.equal(bytesOf(strategy.start(fakeView())), 1024 * MiB);
});

test('MPLM sends only non-zero pages: zero pages leave the non-dirty set with the pages around them, for free', () => {
  // 1 GiB: 256 MiB working set, 512 MiB of zero pages, so 256 MiB of other non-zero pages outside the working set.
  const strategy = mplm.create({ zeroPageRatio: 0.5 });
  const view = fakeView();
  assert.equal(bytesOf(strategy.start(view)), 512 * MiB, 'the first round is the non-zero half');
  // After 256 MiB on the wire (half the non-zero pages), half the non-dirty set left: 512 MiB of memory.
  view.now = 3;
  view.current = { stage: 1, start: 0, bytes: 512 * MiB, sentBytes: 256 * MiB };
  assert.equal(strategy.check?.(view).action, 'continue');
  const first = epochs(strategy).at(-1);
  assert.equal(first?.sentNonDirtyPages, 512 * PAGES_PER_MiB);
  assert.equal(first?.nonDirtySetPages, 512 * PAGES_PER_MiB);
  // The other 256 MiB take the rest, zero pages included: the set is empty and the live phase ends.
  view.now = 6;
  view.current = undefined;
  const end = strategy.roundEnded(view, round(512 * MiB, 6), false);
  assert.equal(end.action, 'switch-over');
  assert.equal(bytesOf(end), 0);
  const last = epochs(strategy).at(-1);
  assert.equal(last?.nonDirtySetPages, 0);
  assert.equal(last?.sentNonDirtyPages, 1024 * PAGES_PER_MiB, 'every page left the set, zero ones included');
  assert.equal(last?.state, 'S4');
});

test('MPLM caps zero pages at the memory outside the working set, which is the only memory never written', () => {
  const strategy = mplm.create({ zeroPageRatio: 0.9 });
  assert.equal(bytesOf(strategy.start(fakeView())), 256 * MiB, 'the working set is sent, 768 MiB of zero pages not');
});

test('MPLM: when only zero pages are left in the non-dirty set, they go at once and the live phase ends', () => {
  // Working set 256 MiB + 768 MiB of zero pages; the VM rewrites its whole working set every epoch.
  const strategy = mplm.create({ zeroPageRatio: 0.75 });
  const view = fakeView(() => 256 * MiB);
  strategy.start(view);
  view.now = 3;
  view.current = { stage: 1, start: 0, bytes: 256 * MiB, sentBytes: 100 * MiB };
  const decision = strategy.check?.(view);
  // The writes moved the 156 MiB of the working set still unsent into the dirty set, with the 100 MiB sent: all of it
  // is to be sent again. 300 MiB of zero pages went with the 100 MiB sent; the 468 MiB left go at once, for free.
  assert.equal(decision?.action, 'switch-over');
  assert.equal(bytesOf(decision as Decision), 256 * MiB);
  assert.equal(epochs(strategy).at(-1)?.sentNonDirtyPages, (100 + 300 + 468) * PAGES_PER_MiB);
});
