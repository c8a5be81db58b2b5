// The VM layer as a resource model: after the PM CPUs are solved, each running VM's virtual CPU gets as capacity
// the share its stand-in action received on the PM. It has no events of its own.
//
// Only the VMs whose inputs may have changed since the last query are visited: their stand-in's share (reported by
// the PM's solve, or zeroed by a weight change), their weight or bound, their running executions, their state or
// migration pause. Every other VM was left by its last visit with nothing to do, and would have nothing to do now.
// The visited VMs are taken in creation order, as a walk over every VM would take them, so that the virtual CPUs'
// solver sees the same changes in the same order.
import type { ModelAction, ResourceModel } from '../kernel/index.ts';
import type { CpuModel, LmmAction } from '../models/index.ts';
import type { VirtualMachine } from './virtual-machine.ts';

/** What the model keeps of a VM: its place in creation order, its stand-in action, and whether it is to be visited. */
interface Entry {
  readonly vm: VirtualMachine;
  readonly serial: number;
  holder: LmmAction;
  pending: boolean;
}

export class VmModel implements ResourceModel {
  readonly name = 'vm';
  private readonly entries = new Map<VirtualMachine, Entry>();
  private readonly byHolder = new Map<LmmAction, Entry>();
  private readonly watched = new Set<CpuModel>();
  /** The VMs to visit at the next query; `ordered` while they were added in creation order. */
  private readonly pending: Entry[] = [];
  private ordered = true;
  private serial = 0;
  /** Bound once: a PM solve reports an action whose share may have changed (a VM's stand-in, or an execution). */
  private readonly onShareSolved = (action: LmmAction): void => {
    if (action.owner !== undefined) return; // stand-ins have no owner
    const entry = this.byHolder.get(action);
    if (entry !== undefined && !entry.pending) this.mark(entry);
  };

  nextEventDelay(_now: number): number {
    const pending = this.pending;
    if (pending.length === 0) return Number.POSITIVE_INFINITY;
    if (!this.ordered) pending.sort(bySerial);
    for (let i = 0; i < pending.length; i++) {
      const entry = pending[i] as Entry;
      entry.pending = false;
      updateCapacity(entry.vm);
    }
    pending.length = 0;
    this.ordered = true;
    return Number.POSITIVE_INFINITY;
  }

  advance(_now: number, _delta: number): void {}

  drainEnded(_handler: (action: ModelAction, failed: boolean) => void): void {}

  /** Something that decides `vm`'s capacity may have changed: it is visited at the next query. The first call makes
   * the VM known (VMs make it from their constructor, so that known VMs are in creation order). */
  touch(vm: VirtualMachine): void {
    if (vm.isReleased) return;
    const entry = this.entries.get(vm) ?? this.enrol(vm);
    if (!entry.pending) this.mark(entry);
  }

  /** `vm` has a new stand-in action (it moved to another PM). */
  holderReplaced(vm: VirtualMachine): void {
    const entry = this.entries.get(vm);
    if (entry === undefined) {
      this.touch(vm);
      return;
    }
    this.byHolder.delete(entry.holder);
    entry.holder = vm.pmAction;
    this.watch(vm);
    this.byHolder.set(entry.holder, entry);
    if (!entry.pending) this.mark(entry);
  }

  /** `vm` is gone for good. */
  withdraw(vm: VirtualMachine): void {
    const entry = this.entries.get(vm);
    if (entry === undefined) return;
    this.entries.delete(vm);
    this.byHolder.delete(entry.holder);
    if (!entry.pending) return;
    entry.pending = false;
    const pending = this.pending;
    pending.splice(pending.indexOf(entry), 1);
  }

  private enrol(vm: VirtualMachine): Entry {
    const entry: Entry = { vm, serial: ++this.serial, holder: vm.pmAction, pending: false };
    this.entries.set(vm, entry);
    this.byHolder.set(entry.holder, entry);
    this.watch(vm);
    return entry;
  }

  private watch(vm: VirtualMachine): void {
    const model = vm.pm.cpu.model;
    if (this.watched.has(model)) return;
    this.watched.add(model);
    model.onShareSolved(this.onShareSolved);
  }

  private mark(entry: Entry): void {
    const pending = this.pending;
    const last = pending[pending.length - 1];
    if (last !== undefined && last.serial > entry.serial) this.ordered = false;
    entry.pending = true;
    pending.push(entry);
  }
}

function bySerial(a: Entry, b: Entry): number {
  return a.serial - b.serial;
}

function updateCapacity(vm: VirtualMachine): void {
  const cpu = vm.cpu;
  const constraint = cpu.constraint;
  // A VM with no running execution has nothing to re-solve (SimGrid re-solves an empty system).
  if (constraint.enabled.head === null) return;
  // An unchanged bound leaves the VM's component as it was solved: re-solving it (as SimGrid does) would give
  // the same shares, so it is skipped; with a thousand VMs this is most of the solver's work. (Every test here
  // only reads, so the cheapest come first.)
  const share = vm.pmShareFlops;
  if (constraint.bound === share) return;
  if (isFrozen(vm)) return;
  cpu.model.system.updateConstraintBound(constraint, share);
}

/** A frozen VM runs nothing: suspended, its memory on the way to or from disk, or paused by a migration. */
export function isFrozen(vm: VirtualMachine): boolean {
  if (vm.pausedForMigration) return true;
  const state = vm.state;
  return state === 'suspended' || state === 'saving' || state === 'saved' || state === 'restoring';
}
