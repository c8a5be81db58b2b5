// The actions steps and timed events share: a VM's life cycle, its bound, a host's power, a log line. An event runs
// them outside any actor (its log lines come from "maestro", as in SimGrid).
import type { ActorContext } from '../../kernel/index.ts';
import type { Simulation } from '../../simulation/index.ts';
import type { VirtualMachine } from '../../vm/index.ts';
import type { CommonAction, StepAction, VmCommand } from '../model.ts';

/** Runs `action` now; `ctx` is the actor doing it, undefined for a timed event. Throws a LivemigError on failure. */
export function runCommonAction(sim: Simulation, action: CommonAction, ctx: ActorContext | undefined): void {
  switch (action.kind) {
    case 'setBound':
      sim.vm(action.vm).setBound(action.boundFlopsPerSec);
      break;
    case 'setProperty':
      sim.vm(action.vm).setProperty(action.name, action.value);
      break;
    case 'turnOff':
      sim.host(action.host).turnOff();
      break;
    case 'turnOn':
      sim.host(action.host).turnOn();
      break;
    case 'turnOffLink':
      sim.platform.link(action.link).turnOff();
      break;
    case 'turnOnLink':
      sim.platform.link(action.link).turnOn();
      break;
    case 'cancel':
      sim.cancelMigration(action.vm);
      break;
    case 'setPstate':
      sim.host(action.host).setPstate(action.pstate);
      break;
    case 'log':
      if (ctx === undefined) sim.log(action.message);
      else ctx.log(action.message);
      break;
    case 'extendLive':
    case 'endLive':
    case 'switchover':
    case 'startPostcopy':
      sim.migrationCommand(action.vm, MIGRATION_COMMANDS[action.kind]);
      break;
    case 'bridgeFault':
    case 'agentFault':
    case 'databaseFault':
    case 'loseMessages':
      sim.control.inject(action.fault);
      break;
    default:
      VM_COMMANDS[action.kind](sim.vm(action.vm));
  }
}

const MIGRATION_COMMANDS = {
  extendLive: 'extend-live',
  endLive: 'end-live',
  switchover: 'switch-over',
  startPostcopy: 'start-post-copy',
} as const;

const VM_COMMANDS: Record<VmCommand, (vm: VirtualMachine) => void> = {
  start: (vm) => vm.start(),
  suspend: (vm) => vm.suspend(),
  resume: (vm) => vm.resume(),
  shutdown: (vm) => vm.shutdown(),
  destroy: (vm) => vm.destroy(),
  // As an event: starts the operation (a step waits for its end, see step-interpreter.ts).
  save: (vm) => void vm.save(),
  restore: (vm) => void vm.restore(),
};

/** A short description of an action, for step errors: `migrate VM0 to host1`, `turnOff host1`. */
export function describeAction(action: StepAction): string {
  switch (action.kind) {
    case 'migrate':
      return `migrate ${action.vm} to ${action.to}`;
    case 'send':
    case 'receive':
      return `${action.kind} ${action.mailbox}`;
    case 'turnOff':
    case 'turnOn':
      return `${action.kind} ${action.host}`;
    case 'turnOffLink':
    case 'turnOnLink':
      return `${action.kind} ${action.link}`;
    case 'setPstate':
      return `setPstate ${action.host} ${action.pstate}`;
    case 'wait':
      return `wait ${action.background}`;
    case 'execute':
      return `execute ${action.flops} flops`;
    case 'sleep':
      return `sleep ${action.durationSec} s`;
    case 'repeat':
      return `repeat ${action.times} times`;
    case 'log':
      return 'log';
    case 'bridgeFault':
    case 'agentFault':
    case 'databaseFault':
    case 'loseMessages': {
      const fault = action.fault;
      return fault.target === 'messages'
        ? `${action.kind} ${fault.kind}`
        : `${action.kind} ${fault.host} ${fault.mode}`;
    }
    default:
      return `${action.kind} ${action.vm}`;
  }
}
