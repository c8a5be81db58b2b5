// Every consolidation policy on a small case whose answer is worked out by hand in the comments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../core/index.ts';
import { detectOverload, predictUtilization } from './overload.ts';
import { chooseHost, type HostSlot, powerIncrease } from './placement.ts';
import { type PlanVm, planRound } from './planner.ts';
import { HP_PROLIANT_ML110_G4, powerModel } from './power-model.ts';
import { type Candidate, selectVm } from './selection.ts';
import { interQuartileRange, medianAbsoluteDeviation, multipleCorrelation } from './statistics.ts';

const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected} ± ${tolerance}`);

// Twelve observations: three each of 0.5, 0.6, 0.7, 0.8.
const HISTORY = [0.5, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7, 0.8];

test('THR 0.8 triggers above 80 % and not at 80 %', () => {
  const thr = { policy: 'thr', threshold: 0.8 } as const;
  assert.equal(detectOverload(thr, { utilization: 0.85, history: [], migrationIntervals: 1 }).overloaded, true);
  assert.equal(detectOverload(thr, { utilization: 0.8, history: [], migrationIntervals: 1 }).overloaded, false);
});

test('IQR threshold: Q1 = 0.575, Q3 = 0.725 (type-7 quantiles at positions 2.75 and 8.25), 1 − 1.5 × 0.15 = 0.775', () => {
  close(interQuartileRange(HISTORY), 0.15);
  const iqr = { policy: 'iqr', safety: 1.5, fallbackThreshold: 0.7 } as const;
  const verdict = detectOverload(iqr, { utilization: 0.78, history: HISTORY, migrationIntervals: 1 });
  close(verdict.figure, 0.775);
  assert.equal(verdict.overloaded, true);
  assert.equal(detectOverload(iqr, { utilization: 0.77, history: HISTORY, migrationIntervals: 1 }).overloaded, false);
});

test('MAD threshold: median 0.65, deviations six 0.05 and six 0.15, MAD 0.1, 1 − 2.5 × 0.1 = 0.75', () => {
  close(medianAbsoluteDeviation(HISTORY), 0.1);
  const mad = { policy: 'mad', safety: 2.5, fallbackThreshold: 0.7 } as const;
  const verdict = detectOverload(mad, { utilization: 0.76, history: HISTORY, migrationIntervals: 1 });
  close(verdict.figure, 0.75);
  assert.equal(verdict.overloaded, true);
  assert.equal(detectOverload(mad, { utilization: 0.74, history: HISTORY, migrationIntervals: 1 }).overloaded, false);
});

test('with less than 12 observations IQR and MAD fall back to the static threshold 0.7', () => {
  const iqr = { policy: 'iqr', safety: 1.5, fallbackThreshold: 0.7 } as const;
  const short = HISTORY.slice(0, 11);
  assert.equal(detectOverload(iqr, { utilization: 0.71, history: short, migrationIntervals: 1 }).figure, 0.7);
  assert.equal(detectOverload(iqr, { utilization: 0.71, history: short, migrationIntervals: 1 }).overloaded, true);
});

test('LR on a straight line 0.05·i (i = 1…10) predicts 0.05 × (10 + 2) = 0.6 two intervals ahead', () => {
  const line = Array.from({ length: 10 }, (_, i) => 0.05 * (i + 1));
  close(predictUtilization(line, 2, false), 0.6);
  const lr = { policy: 'lr', safety: 1.2, fallbackThreshold: 0.7 } as const;
  // 1.2 × 0.55 = 0.66 < 1: not overloaded; the same slope from 0.55 predicts 1.05, × 1.2 = 1.26 ≥ 1: overloaded.
  const low = detectOverload(lr, { utilization: 0.5, history: line, migrationIntervals: 1 });
  close(low.figure, 0.66);
  assert.equal(low.overloaded, false);
  const high = line.map((v) => v + 0.5);
  assert.equal(detectOverload(lr, { utilization: 1, history: high, migrationIntervals: 1 }).overloaded, true);
});

test('LRR ignores a burst that drags LR: the robust fit drops the outlier and predicts the line exactly', () => {
  const line = Array.from({ length: 10 }, (_, i) => (i === 4 ? 0.9 : 0.05 * (i + 1)));
  close(predictUtilization(line, 1, true), 0.55);
  assert.ok(Math.abs(predictUtilization(line, 1, false) - 0.55) > 0.01);
});

const vm = (name: string, ramGiB: number, demand: number, history: number[] = []): Candidate => ({
  name,
  ramBytes: ramGiB * 2 ** 30,
  demandFlops: demand,
  history,
});

test('MMT picks the VM with the least RAM, MU the one asking least CPU', () => {
  const vms = [vm('big', 4, 1e8), vm('small', 1, 9e8), vm('mid', 2, 5e8)];
  assert.equal(selectVm('mmt', vms, new Random(1))?.name, 'small');
  assert.equal(selectVm('mu', vms, new Random(1))?.name, 'big');
});

test('RS draws from the seed: the same seed gives the same VM, and every VM can be drawn', () => {
  const vms = [vm('a', 1, 1), vm('b', 1, 1), vm('c', 1, 1)];
  const draw = (seed: number) => selectVm('rs', vms, new Random(seed))?.name;
  assert.equal(draw(7), draw(7));
  const seen = new Set(Array.from({ length: 40 }, (_, seed) => draw(seed)));
  assert.deepEqual([...seen].sort(), ['a', 'b', 'c']);
});

test('MC picks a VM whose load the others explain; an exact linear relation has R² = 1', () => {
  const x = [1, 3, 2, 5, 4, 6, 8, 7, 9, 10];
  close(
    multipleCorrelation(
      x.map((v) => 2 * v + 1),
      [x],
    ),
    1,
  );
  const noise = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3];
  const twin = x.map((v, i) => v + (i % 2 === 0 ? 0.1 : -0.1));
  const vms = [vm('unrelated', 1, 1, noise), vm('x', 1, 1, x), vm('twin', 1, 1, twin)];
  const picked = selectVm('mc', vms, new Random(1))?.name;
  assert.ok(picked === 'x' || picked === 'twin', `MC picked ${picked}`);
  // Too little history for a regression (fewer intervals than VMs + 1): minimum migration time decides.
  const short = [vm('a', 2, 1, [1, 2]), vm('b', 1, 1, [2, 1]), vm('c', 3, 1, [1, 1])];
  assert.equal(selectVm('mc', short, new Random(1))?.name, 'b');
});

const slot = (index: number, idle: number, max: number, demand: number, on = true): HostSlot => ({
  index,
  name: `h${index}`,
  capacityFlops: 2e9,
  ramBytes: 4 * 2 ** 30,
  usedRamBytes: 0,
  demandFlops: demand,
  on,
  power: powerModel({ kind: 'linear', idleWatts: idle, maxWatts: max }),
});

test('PABFD picks the host whose power grows least; best fit the fullest; first fit the first', () => {
  // A 0.5 Gf VM adds 25 % utilization: host 0 grows by (200 − 100) × 0.25 = 25 W, host 1 by (300 − 80) × 0.25 = 55 W.
  const hosts = [slot(0, 100, 200, 1e9), slot(1, 80, 300, 1.2e9), slot(2, 50, 100, 0, false)];
  const newcomer = { name: 'v', demandFlops: 0.5e9, ramBytes: 2 ** 30 };
  close(powerIncrease(hosts[0] as HostSlot, 1.5e9), 25);
  close(powerIncrease(hosts[1] as HostSlot, 1.7e9), 55);
  // An off host draws nothing: switching it on costs its whole power, 50 + 50 × 0.25 = 62.5 W.
  close(powerIncrease(hosts[2] as HostSlot, 0.5e9), 62.5);
  const never = () => false;
  assert.equal(chooseHost('pabfd', newcomer, hosts, never)?.name, 'h0');
  assert.equal(chooseHost('best-fit', newcomer, hosts, never)?.name, 'h1');
  assert.equal(chooseHost('first-fit', newcomer, hosts, never)?.name, 'h0');
  // No host that would then be overloaded, nor one without the RAM.
  const overloadAbove = (host: HostSlot, demand: number) => demand / host.capacityFlops > 0.7 && host.index === 0;
  assert.equal(chooseHost('pabfd', newcomer, hosts, overloadAbove)?.name, 'h1');
  assert.equal(chooseHost('pabfd', { ...newcomer, ramBytes: 5 * 2 ** 30 }, hosts, never), undefined);
});

test('the SPECpower curve of the HP ProLiant ML110 G4 is interpolated between its 10 % points', () => {
  const g4 = powerModel({ kind: 'curve', watts: [...HP_PROLIANT_ML110_G4] });
  close(g4.wattsAt(0), 86);
  close(g4.wattsAt(0.25), 94.3); // halfway between 92.6 W at 20 % and 96 W at 30 %
  close(g4.wattsAt(1), 117);
  close(g4.wattsAt(1.4), 117);
  assert.throws(() => powerModel({ kind: 'curve', watts: [1, 2, 3] }), /11 watt figures/);
});

test('a round moves the smallest VM off the host above 80 % and empties the least-utilized host', () => {
  // h0: 0.9 + 0.8 of 2 Gf = 85 % > 80 %. MMT moves `small` (1 GiB, 0.8 Gf): to h1 (30 % → 70 %) power grows by
  // 100 W × 0.4 = 40 W, to h2 (10 % → 50 %) by 200 W × 0.4 = 80 W, to h3 (20 % → 60 %) by 40 W too (h1 comes first).
  // Then, h0 and h1 being excluded, the least-utilized host h2 (10 %) is emptied onto h3, the one host left.
  const hosts = [slot(0, 100, 200, 0), slot(1, 100, 200, 0), slot(2, 100, 300, 0), slot(3, 100, 200, 0)];
  const vms: PlanVm[] = [
    { ...vm('large', 2, 0.9e9), host: 0, migrating: false },
    { ...vm('small', 1, 0.8e9), host: 0, migrating: false },
    { ...vm('steady', 1, 0.6e9), host: 1, migrating: false },
    { ...vm('idle', 1, 0.2e9), host: 2, migrating: false },
    { ...vm('other', 1, 0.4e9), host: 3, migrating: false },
  ];
  for (const v of vms) {
    (hosts[v.host] as HostSlot).demandFlops += v.demandFlops;
    (hosts[v.host] as HostSlot).usedRamBytes += v.ramBytes;
  }
  const plan = planRound(
    { overload: { policy: 'thr', threshold: 0.8 }, underload: 'least-utilized', selection: 'mmt', placement: 'pabfd' },
    { hosts, vms, history: () => [], migrationIntervals: () => 1, random: new Random(1) },
  );
  assert.deepEqual(plan.overloaded, [0]);
  assert.deepEqual(
    plan.moves.map((m) => [m.vm, m.from, m.to, m.reason]),
    [
      ['small', 0, 1, 'overload'],
      ['idle', 2, 3, 'underload'],
    ],
  );
});
