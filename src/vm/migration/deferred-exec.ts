// CPU work that a migration starts inside the migrating VM and does not wait for: SimGrid 3.10's
// launch_deferred_exec_process (a process on the VM that executes the cost). Used for the dirty-page tracking cost
// and, on request, for the receive cost.
import { type Engine, internalsOf, spawnActor } from '../../kernel/index.ts';
import type { VirtualMachine } from '../virtual-machine.ts';
import { isFrozen } from '../vm-model.ts';

/** Runs `flops` inside `vm` as its own actor (it shares the VM's CPU with the VM's work, pauses with the VM and moves
 * with it, dies with it). Nothing happens for a VM that is gone or a cost of 0. */
export function deferredExecution(engine: Engine, vm: VirtualMachine, flops: number): void {
  if (!(flops > 0) || !vm.isOn() || vm.state === 'destroyed') return;
  const actor = spawnActor(engine, `__pr_deferred_exec_${vm.name}`, vm, async (ctx) => {
    await ctx.execute(flops);
  });
  if (isFrozen(vm)) internalsOf(engine).suspendActor(actor);
}
