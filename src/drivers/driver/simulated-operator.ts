// The operator of a simulated request: its scheduled actions at their simulated dates (0 = the request; the migration
// starts after QEMU's setup time) — timeout and cancel, extendLive and endLive as the QEMU driver realises them,
// post-copy after a time or a number of passes — and the rate of its live passes.
import { isLivemigError } from '../../core/index.ts';
import type { Timer } from '../../kernel/index.ts';
import type { Simulation } from '../../simulation/index.ts';
import { QEMU_DEFAULTS } from '../../vm/index.ts';
import { HOLD_BANDWIDTH_BYTES_PER_SEC, HOLD_DOWNTIME_LIMIT_MS } from '../migration/live-control.ts';
import type { LabPreCopyAlgorithm } from './lab-precopy.ts';
import { DEFAULT_TIMEOUT_SEC, type MigrationRequest } from './migration-driver.ts';
import type { SimulatedMachine } from './simulated-machine.ts';

/** The rate of live passes: the request's max-bandwidth (QEMU's default without one), at most the running guest's
 * path; 0 (none) is that path. */
export function liveCap(machine: SimulatedMachine, request: MigrationRequest): number {
  const cap = request.maxBandwidthBytesPerSec ?? QEMU_DEFAULTS.maxBandwidthBytesPerSec;
  const live = machine.linkBandwidthBytesPerSec;
  return cap === 0 ? live : Math.min(cap, live);
}

/** The request's scheduled actions, at their simulated dates (0 = the request; the migration starts after setup). */
export class Operator {
  extended = false;
  /** The parameters a hold (extendLive) replaces, restored by endLive. */
  private readonly saved: { downtimeLimitSec: number; maxBandwidthBytesPerSec: number };
  private readonly timers: Timer[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly vm: string,
    private readonly algorithm: LabPreCopyAlgorithm,
    private readonly request: MigrationRequest,
    machine: SimulatedMachine,
  ) {
    this.saved = {
      downtimeLimitSec: request.downtimeLimitSec ?? QEMU_DEFAULTS.downtimeLimitSec,
      maxBandwidthBytesPerSec: liveCap(machine, request),
    };
  }

  schedule(): void {
    const { request, sim, vm } = this;
    const timeout = request.timeoutSec ?? DEFAULT_TIMEOUT_SEC;
    this.at(timeout, () => sim.vms.abortMigration(sim.vm(vm), `not over ${timeout} s after the request (timeoutSec)`));
    const cancel = request.cancelAfterSec;
    if (cancel !== undefined) this.at(cancel, () => sim.vms.abortMigration(sim.vm(vm), 'cancelled by the operator'));
    if (request.extendLiveAtSec !== undefined) this.at(request.extendLiveAtSec, () => this.extendLive());
    if (request.endLiveAtSec !== undefined) this.at(request.endLiveAtSec, () => this.endLive());
    const postcopyAt = request.postcopyAfterSec;
    if (postcopyAt !== undefined) this.at(postcopyAt, () => sim.migrationCommand(vm, 'start-post-copy'));
    const rounds = request.postcopyAfterRounds;
    if (rounds !== undefined) {
      let done = 0;
      sim.trace.on('vm.migration.round-finished', (event) => {
        if ((event.stage === 1 || event.stage === 2) && ++done === rounds)
          this.guarded(() => sim.migrationCommand(vm, 'start-post-copy'));
      });
    }
  }

  /** The migration is over: what is still scheduled would only keep the simulation going. */
  dismiss(): void {
    for (const timer of this.timers) timer.cancel();
  }

  /** As the QEMU driver holds: 1 ms × 2 MiB/s is less than a page, so only a sync that finds nothing dirty stops
   * the VM (a 1 ms limit alone lets short passes at full speed converge). */
  private extendLive(): void {
    this.extended = true;
    this.algorithm.set({
      downtimeLimitSec: HOLD_DOWNTIME_LIMIT_MS / 1000,
      maxBandwidthBytesPerSec: HOLD_BANDWIDTH_BYTES_PER_SEC,
    });
  }

  private endLive(): void {
    this.extended = false;
    this.algorithm.set(this.saved);
    const postcopy = this.request.postcopyAfterSec !== undefined || this.request.postcopyAfterRounds !== undefined;
    this.sim.migrationCommand(this.vm, postcopy ? 'start-post-copy' : 'switch-over');
  }

  /** An action that finds no migration in progress (not started yet, or over) does nothing, as on QEMU. */
  private at(time: number, action: () => void): void {
    this.timers.push(this.sim.at(time, () => this.guarded(action)));
  }

  private guarded(action: () => void): void {
    try {
      action();
    } catch (error) {
      if (!isLivemigError(error, 'invalid-state')) throw error;
    }
  }
}
