// Public face of the VM layer: VMs, their life cycle, the VM manager, and live migration.
export { createDirtyModel, type DirtyModel, type DirtyModelSpec, rateAt } from './dirty-model.ts';
export { DirtyPageTracker } from './dirty-tracking.ts';
export {
  simgridStateName,
  type TransitionResult,
  transition,
  VM_EVENTS,
  VM_STATES,
  VM_TRANSITIONS,
  type VmEffect,
  type VmEvent,
  type VmState,
} from './lifecycle.ts';
export * from './migration/index.ts';
export { HostReservations, type Reservation, type ReservationPurpose } from './reservations.ts';
export { DISK_BANDWIDTH_PROPERTY, type DiskOperationKind, type DiskOptions } from './save-restore.ts';
export {
  DEFAULT_MIGRATION_PARAMETERS,
  type MigrationParameters,
  VirtualMachine,
} from './virtual-machine.ts';
export { type Abortable, type HostMemory, VmManager, type VmOptions } from './vm-manager.ts';
export { VmModel } from './vm-model.ts';
