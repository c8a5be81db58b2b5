// What the simulator must know of the machine a real migration runs on, to predict it: the throughput of the path
// between the two QEMUs, QEMU's setup time, the guest's memory that is not zero pages, the device state, the fixed
// cost of the switch-over, and how far ahead QEMU's rate limiter lets the bulk copy start. Measured once
// (src/drivers/validation/calibrate.ts); the defaults describe an ideal machine.

export interface CapMeasurement {
  /** QEMU's max-bandwidth, bytes/s. */
  capBytesPerSec: number;
  /** How much sooner the bulk copy ended than at exactly the cap: QEMU's limiter lets its first windows (100 ms of
   * max-bandwidth each) through unchecked, then holds the cap. */
  headStartSec: number;
}

export interface SimulatedMachine {
  /** Throughput between source and destination with nothing capping it while the guest runs (loopback under TCG:
   * CPU-bound, shared with the running vCPU). */
  linkBandwidthBytesPerSec: number;
  /** The same once the source's vCPU is stopped: the switch-over's rate (QEMU lifts the cap then). */
  stoppedBandwidthBytesPerSec: number;
  /** QEMU's setup-time: from `migrate` to the first page sent, for a guest of `setupRamBytes`. */
  setupSec: number;
  /** The RAM of the guest `setupSec` was measured on: the setup of another guest scales with its RAM (QEMU's first
   * dirty-bitmap sync walks every page); undefined: the same for every guest. */
  setupRamBytes: number | undefined;
  /** Guest memory outside the working set that is not zero pages (kernel, initramfs, page cache). */
  baseMemoryBytes: number;
  /** Bytes sent with the last round besides RAM (device state). */
  deviceStateBytes: number;
  /** Time the switch-over costs with the VM stopped, besides sending bytes (stopping vCPUs, last bitmap sync,
   * saving and loading device state). */
  switchoverSec: number;
  /** The share of max-bandwidth a capped pass reaches (QEMU's migration thread starved of CPU falls short); 1 when
   * not measured. */
  capEfficiency?: number;
  /** The head start of the bulk copy under given max-bandwidth values. */
  caps: CapMeasurement[];
}

/** An ideal machine: SimGrid's 10 GBps loopback, no setup, only the working set non-zero, no device state. */
export const IDEAL_MACHINE: SimulatedMachine = {
  linkBandwidthBytesPerSec: 10e9,
  stoppedBandwidthBytesPerSec: 10e9,
  setupSec: 0,
  setupRamBytes: undefined,
  baseMemoryBytes: 0,
  deviceStateBytes: 0,
  switchoverSec: 0,
  caps: [],
};

/** The head start of a capped pass: the median of those measured, whatever the cap (QEMU's limiter lets about a
 * window's quota through early, which does not depend much on the cap); 0 without a cap, or with none measured. */
export function headStartSec(machine: SimulatedMachine, capBytesPerSec: number): number {
  if (capBytesPerSec === 0 || machine.caps.length === 0) return 0;
  const sorted = machine.caps.map((cap) => cap.headStartSec).sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** QEMU's setup time for a guest of `ramBytes`. */
export function setupSecFor(machine: SimulatedMachine, ramBytes: number): number {
  const measuredOn = machine.setupRamBytes;
  return measuredOn === undefined || measuredOn <= 0 ? machine.setupSec : (machine.setupSec * ramBytes) / measuredOn;
}

/** Share of the guest's RAM made of zero pages, which QEMU sends as markers of a few bytes. */
export function zeroPageRatio(machine: SimulatedMachine, ramBytes: number, workingSetBytes: number): number {
  return Math.min(1, Math.max(0, 1 - (machine.baseMemoryBytes + workingSetBytes) / ramBytes));
}
