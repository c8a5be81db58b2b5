// The VM layer as a resource model: after the PM CPUs are solved, each running VM's virtual CPU gets as capacity
// the share its stand-in action received on the PM. It has no events of its own.
import type { ModelAction, ResourceModel } from '../kernel/index.ts';
import type { VmState } from './lifecycle.ts';
import type { VirtualMachine } from './virtual-machine.ts';

/** States in which a VM's executions are frozen (suspended, or its memory on the way to or from disk). */
const PAUSED = new Set<VmState>(['suspended', 'saving', 'saved', 'restoring']);

export class VmModel implements ResourceModel {
  readonly name = 'vm';

  constructor(private readonly vms: () => Iterable<VirtualMachine>) {}

  nextEventDelay(_now: number): number {
    for (const vm of this.vms()) {
      if (PAUSED.has(vm.state) || vm.pausedForMigration) continue;
      const cpu = vm.cpu;
      // A VM with no running execution has nothing to re-solve (SimGrid re-solves an empty system).
      if (cpu.constraint.enabled.head === null) continue;
      // An unchanged bound leaves the VM's component as it was solved: re-solving it (as SimGrid does) would give
      // the same shares, so it is skipped; with a thousand VMs this is most of the solver's work.
      if (cpu.constraint.bound !== vm.pmShareFlops) {
        cpu.model.system.updateConstraintBound(cpu.constraint, vm.pmShareFlops);
      }
    }
    return Number.POSITIVE_INFINITY;
  }

  advance(_now: number, _delta: number): void {}

  drainEnded(_handler: (action: ModelAction, failed: boolean) => void): void {}
}
