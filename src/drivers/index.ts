// Public face of the drivers layer: real hypervisors (QEMU over QMP), the lab guest, real live migrations.
export {
  checkRequest,
  DEFAULT_TIMEOUT_SEC,
  type MigrationDriver,
  type MigrationRequest,
  type SwitchoverGate,
} from './driver/migration-driver.ts';
export { type QemuDriverOptions, type QemuMigrationDriver, qemuDriver, realOptions } from './driver/qemu-driver.ts';
export { simulatedDriver } from './driver/simulated-driver.ts';
export { type CapMeasurement, IDEAL_MACHINE, type SimulatedMachine } from './driver/simulated-machine.ts';
export {
  type BuildLabGuestOptions,
  buildLabGuest,
  LAB_DIR,
  type LabGuest,
  type LabGuestBuild,
} from './lab/lab-guest.ts';
export {
  type LabBuildOptions,
  type LabBuildReport,
  type LabMigrateOptions,
  labBuild,
  labMigrate,
} from './lab-commands.ts';
export type { OperatorAction, OperatorActionName } from './migration/drive.ts';
export type { MemoryCheck, SourceCheck } from './migration/guest-check.ts';
export { achievedRate, type Heartbeat, parseHeartbeat } from './migration/heartbeats.ts';
export type { EndLiveMode } from './migration/live-control.ts';
export type { PollSample, StatusChange } from './migration/observer.ts';
export {
  type DirtyRate,
  GUEST_OVERHEAD_MIB,
  parseDirtyRate,
  type RealAutoConvergeOptions,
  type RealMigrationOptions,
} from './migration/options.ts';
export type { RealGuestReport, RealMigrationResult, RealMigrationStats, RealQemuReport } from './migration/result.ts';
export { shiftRealResult } from './migration/shift.ts';
export type { SwitchoverHook, SwitchoverInfo } from './migration/switchover.ts';
export { type CommandFeatureSpec, commandFeature, runHookCommand } from './phased/command-feature.ts';
export {
  migratePhasedReal,
  type RealFeature,
  type RealFeatureContext,
  type RealFeatureHook,
  type RealFeatureRecord,
  type RealPhase,
  type RealPhasedOptions,
  type RealPhasedRecord,
  type RealPhaseRecord,
} from './phased/real-phased.ts';
export {
  type AcceleratorChoice,
  type AcceleratorRequest,
  chooseAccelerator,
  judgeKvm,
  type KvmFacts,
  type KvmVerdict,
  readKvmFacts,
} from './qemu/accelerator.ts';
export type { GuestBoot } from './qemu/command-line.ts';
export {
  findQemu,
  parseQemuVersion,
  type QemuInstallation,
  type QemuVersionNumber,
  qemuAvailable,
} from './qemu/find-qemu.ts';
export { type ConsoleLine, GuestConsole, type WaitForLineOptions } from './qemu/guest-console.ts';
export { QemuManager, type QemuManagerOptions, type StartVmOptions } from './qemu/qemu-manager.ts';
export { type ProcessExit, QemuProcess } from './qemu/qemu-process.ts';
export { type QemuRamSize, qemuRamSize } from './qemu/ram-size.ts';
export { migrateReal, type RealMigration, realMigrationResultOf, startRealMigration } from './qemu-migration.ts';
export { type CommandOptions, QmpClient, type QmpClientOptions, type WaitForEventOptions } from './qmp/qmp-client.ts';
export { qmpFailureReason } from './qmp/qmp-errors.ts';
export type { QmpErrorBody, QmpEvent, QmpFailureReason, QmpGreeting, QmpVersion } from './qmp/qmp-types.ts';
export { type Calibration, type CalibrationRun, machineFromRuns } from './validation/calibrate.ts';
export { fullMatrix, quickMatrix, type ValidationCase } from './validation/cases.ts';
export {
  type CaseComparison,
  compareCase,
  type Observation,
  observePredicted,
  observeReal,
} from './validation/compare.ts';
export { validationJson, validationMarkdown } from './validation/render.ts';
export {
  type MachineInfo,
  type ValidateRealOptions,
  type ValidationProgress,
  type ValidationReport,
  validateReal,
} from './validation/validate-real.ts';
export { systemClock, type WallClock } from './wall-clock.ts';
