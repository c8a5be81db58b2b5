// The operator of a simulated request: its scheduled actions at their simulated dates (0 = the request; the migration
// starts after QEMU's setup time) — timeout and cancel, extendLive and endLive as the public algorithms' extend-live
// and end-live (end-live switches over now, or goes post-copy under hybrid, as the QEMU driver's endLive) — and the
// rate of its live passes. Post-copy after a time or a number of passes is the hybrid algorithm's own option.
import { isLivemigError } from '../../core/index.ts';
import type { Timer } from '../../kernel/index.ts';
import type { Simulation } from '../../simulation/index.ts';
import { QEMU_DEFAULTS } from '../../vm/index.ts';
import { DEFAULT_TIMEOUT_SEC, type MigrationRequest } from './migration-driver.ts';
import type { SimulatedMachine } from './simulated-machine.ts';

/** The rate of live passes: the request's max-bandwidth (QEMU's default without one) × the share of it a capped pass
 * reaches on this machine, at most the running guest's path; 0 (none) is that path. */
export function liveCap(machine: SimulatedMachine, request: MigrationRequest): number {
  const cap = request.maxBandwidthBytesPerSec ?? QEMU_DEFAULTS.maxBandwidthBytesPerSec;
  const live = machine.linkBandwidthBytesPerSec;
  return cap === 0 ? live : Math.min(cap * (machine.capEfficiency ?? 1), live);
}

/** The request's scheduled actions, at their simulated dates (0 = the request; the migration starts after setup). */
export class Operator {
  extended = false;
  private readonly timers: Timer[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly vm: string,
    private readonly request: MigrationRequest,
  ) {}

  schedule(): void {
    const { request, sim, vm } = this;
    const timeout = request.timeoutSec ?? DEFAULT_TIMEOUT_SEC;
    this.at(timeout, () => sim.vms.abortMigration(sim.vm(vm), `not over ${timeout} s after the request (timeoutSec)`));
    const cancel = request.cancelAfterSec;
    if (cancel !== undefined) this.at(cancel, () => sim.vms.abortMigration(sim.vm(vm), 'cancelled by the operator'));
    if (request.extendLiveAtSec !== undefined) this.at(request.extendLiveAtSec, () => this.command('extend-live'));
    if (request.endLiveAtSec !== undefined) this.at(request.endLiveAtSec, () => this.command('end-live'));
  }

  /** The migration is over: what is still scheduled would only keep the simulation going. */
  dismiss(): void {
    for (const timer of this.timers) timer.cancel();
  }

  /** extend-live before the migration starts applies to it (the VM manager keeps it); end-live lifts it. */
  private command(command: 'extend-live' | 'end-live'): void {
    this.sim.migrationCommand(this.vm, command);
    this.extended = command === 'extend-live';
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
