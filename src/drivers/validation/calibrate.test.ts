// The machine from calibration runs (the figures of the runs of 2026-11-22): each constant and why it is what it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CalibrationMeasure, machineFromMeasures, median } from './calibrate.ts';

const MIB = 1024 * 1024;
const idle = (
  capMiB: number,
  bulkBytes: number,
  bulkSec: number,
  setupSec: number,
  downtimeSec: number,
  downtimeBytes: number,
  baseMemoryBytes: number,
): CalibrationMeasure => ({
  capBytesPerSec: capMiB * MIB,
  dirtyRateBytesPerSec: 0,
  bulkBytes,
  bulkSec,
  setupSec,
  downtimeSec,
  downtimeBytes,
  baseMemoryBytes,
});
const runs: CalibrationMeasure[] = [
  idle(0, 134_464_408, 0.21155, 0.164, 0.003, 3_440_874, 70_262_784),
  idle(32, 138_447_878, 4.01009, 0.154, 0.003, 476_071, 71_307_264),
  idle(128, 134_545_561, 0.92296, 0.135, 0.002, 357_055, 71_196_672),
  { ...idle(64, 127_450_000, 1.934, 0.155, 0.024, 37_725_690, 71_000_000), dirtyRateBytesPerSec: 16 * MIB },
];
const near = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

test('the uncapped idle bulk pass gives the running guest’s path; setup, memory and device state are idle medians', () => {
  const { machine } = machineFromMeasures(runs);
  near(machine.linkBandwidthBytesPerSec, 134_464_408 / 0.21155);
  near(machine.setupSec, 0.154); // median of 0.164, 0.154, 0.135
  assert.equal(machine.baseMemoryBytes, 71_196_672);
  assert.equal(machine.deviceStateBytes, 476_071);
});

test('the stopped-rate run gives the rate with the vCPU stopped, once the fixed switch-over cost is taken off', () => {
  const { machine } = machineFromMeasures(runs);
  // Fixed cost: the idle downtimes' median, 3 ms; 37.7 MB in the remaining 21 ms.
  const stopped = 37_725_690 / 0.021;
  near(machine.stoppedBandwidthBytesPerSec, stopped);
  // The switch-over cost: each idle downtime less its bytes at that rate, the median of the three.
  near(
    machine.switchoverSec,
    median([0.003 - 3_440_874 / stopped, 0.003 - 476_071 / stopped, 0.002 - 357_055 / stopped]),
  );
});

test('two caps give a line: the share of its cap a pass reaches, and the head start at that share', () => {
  const { machine } = machineFromMeasures(runs);
  assert.deepEqual(
    machine.caps.map((cap) => cap.capBytesPerSec / MIB),
    [32, 128],
  );
  // bulkSec = (bulkBytes / cap) / efficiency − headStart, through the two capped runs.
  const x32 = 138_447_878 / (32 * MIB);
  const x128 = 134_545_561 / (128 * MIB);
  const efficiency = (x32 - x128) / (4.01009 - 0.92296);
  near(machine.capEfficiency ?? 0, efficiency);
  near(machine.caps[0]?.headStartSec ?? 0, x32 / efficiency - 4.01009);
  near(machine.caps[1]?.headStartSec ?? 0, x128 / efficiency - 0.92296);
  // Two points: the line passes through both, so the head starts agree.
  near(machine.caps[0]?.headStartSec ?? 0, machine.caps[1]?.headStartSec ?? 1, 1e-9);
});

test('a single capped run keeps the efficiency at 1 and gives its own head start', () => {
  const { machine } = machineFromMeasures([runs[0], runs[2], runs[3]] as CalibrationMeasure[]);
  assert.equal(machine.capEfficiency, 1);
  near(machine.caps[0]?.headStartSec ?? 0, 134_545_561 / (128 * MIB) - 0.92296);
});

test('without an uncapped idle run or a stopped-rate run there is no machine', () => {
  assert.throws(() => machineFromMeasures(runs.slice(1)), /idle run with no cap and a stopped-rate run/);
  assert.throws(() => machineFromMeasures(runs.slice(0, 3)), /stopped-rate run/);
});

test('a line that would make a capped pass faster than its cap (the load changed between runs) keeps the cap', () => {
  // The 96 MiB/s run took 2.47 s and the 48 MiB/s one 3.06 s (a machine whose load changed): the slope would give an
  // efficiency of 2.1; the cap is kept, and each run's head start says how far it was from it.
  const loaded = [
    runs[0] as CalibrationMeasure,
    idle(48, 135_391_979, 3.0555, 0.354, 0.007, 2_734_986, 70_459_392),
    idle(96, 137_021_878, 2.4658, 0.437, 0.003, 1_125_570, 70_479_872),
    runs[3] as CalibrationMeasure,
  ];
  const { machine } = machineFromMeasures(loaded);
  assert.equal(machine.capEfficiency, 1);
  near(machine.caps[1]?.headStartSec ?? 0, 137_021_878 / (96 * MIB) - 2.4658);
});
