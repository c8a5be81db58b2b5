// The VM layer as a resource model: after the PM CPUs are solved, each running VM's virtual CPU gets as capacity
// the share its stand-in action received on the PM. It has no events of its own.
import type { ModelAction, ResourceModel } from '../kernel/index.ts';
import type { VirtualMachine } from './virtual-machine.ts';

export class VmModel implements ResourceModel {
  readonly name = 'vm';
  /** Bound once: visiting the VMs with Map.forEach allocates nothing per VM (an iterator allocates a result each). */
  private readonly visit = (vm: VirtualMachine): void => this.updateCapacity(vm);

  /** `vms`: every VM by name, in creation order (the order in which their capacities are updated). */
  constructor(private readonly vms: ReadonlyMap<string, VirtualMachine>) {}

  nextEventDelay(_now: number): number {
    this.vms.forEach(this.visit);
    return Number.POSITIVE_INFINITY;
  }

  advance(_now: number, _delta: number): void {}

  drainEnded(_handler: (action: ModelAction, failed: boolean) => void): void {}

  private updateCapacity(vm: VirtualMachine): void {
    const cpu = vm.cpu;
    const constraint = cpu.constraint;
    // A VM with no running execution has nothing to re-solve (SimGrid re-solves an empty system).
    if (constraint.enabled.head === null) return;
    // An unchanged bound leaves the VM's component as it was solved: re-solving it (as SimGrid does) would give
    // the same shares, so it is skipped; with a thousand VMs this is most of the solver's work. (Every test here
    // only reads, so the cheapest come first.)
    const share = vm.pmShareFlops;
    if (constraint.bound === share) return;
    // Frozen: suspended, its memory on the way to or from disk, or paused by a migration.
    if (vm.pausedForMigration) return;
    const state = vm.state;
    if (state === 'suspended' || state === 'saving' || state === 'saved' || state === 'restoring') return;
    cpu.model.system.updateConstraintBound(constraint, share);
  }
}
