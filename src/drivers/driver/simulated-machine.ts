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
  /** QEMU's setup-time: from `migrate` to the first page sent. */
  setupSec: number;
  /** Guest memory outside the working set that is not zero pages (kernel, initramfs, page cache). */
  baseMemoryBytes: number;
  /** Bytes sent with the last round besides RAM (device state). */
  deviceStateBytes: number;
  /** Time the switch-over costs with the VM stopped, besides sending bytes (stopping vCPUs, last bitmap sync,
   * saving and loading device state). */
  switchoverSec: number;
  /** The head start of the bulk copy under given max-bandwidth values. */
  caps: CapMeasurement[];
}

/** An ideal machine: SimGrid's 10 GBps loopback, no setup, only the working set non-zero, no device state. */
export const IDEAL_MACHINE: SimulatedMachine = {
  linkBandwidthBytesPerSec: 10e9,
  stoppedBandwidthBytesPerSec: 10e9,
  setupSec: 0,
  baseMemoryBytes: 0,
  deviceStateBytes: 0,
  switchoverSec: 0,
  caps: [],
};

/** The head start measured for a max-bandwidth (0 for a cap not measured, and without a cap). */
export function headStartSec(machine: SimulatedMachine, capBytesPerSec: number): number {
  return machine.caps.find((cap) => cap.capBytesPerSec === capBytesPerSec)?.headStartSec ?? 0;
}

/** Share of the guest's RAM made of zero pages, which QEMU sends as markers of a few bytes. */
export function zeroPageRatio(machine: SimulatedMachine, ramBytes: number, workingSetBytes: number): number {
  return Math.min(1, Math.max(0, 1 - (machine.baseMemoryBytes + workingSetBytes) / ramBytes));
}
