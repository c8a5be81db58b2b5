// Live migration: the engine (one run per migration), the strategy interface, the built-in algorithms, the
// records and statistics they leave.
export { BUILT_IN_ALGORITHMS } from './algorithms.ts';
export { checkMigration, migrateVm } from './migrate.ts';
export { MigrationRun } from './migration-run.ts';
export { type MigrateOptions, type MigrationSettings, resolveAlgorithm, resolveSettings } from './options.ts';
export { type PostCopyLink, PostCopyPhase } from './post-copy.ts';
export {
  endMigrationRecord,
  type MigrationOutcome,
  type MigrationRecord,
  type MigrationRecordSpec,
  newMigrationRecord,
  type RoundRecord,
  type RoundStage,
} from './records.ts';
export {
  ALGORITHM_TABLES,
  type AlgorithmTable,
  type AlgorithmTableSource,
  type MigrationDetails,
} from './report-tables.ts';
export type { RunPhase } from './run-phase.ts';
export { type MigrationStats, MigrationStatsRecorder, type MigrationStatus, PAGE_SIZE_BYTES } from './stats.ts';
export { type MplmEpoch, type MplmOptions, type MplmState, mplm } from './strategies/mplm.ts';
export { mplmEpochTable } from './strategies/mplm-table.ts';
export { hybrid, postCopy } from './strategies/post-copy.ts';
export {
  AUTO_CONVERGE_DEFAULTS,
  type AutoConvergeOptions,
  QEMU_DEFAULTS,
  QemuPreCopy,
  type QemuPreCopyOptions,
  qemuOptions,
  qemuPreCopy,
} from './strategies/qemu-precopy.ts';
export { type SimgridPreCopyOptions, simgridPreCopy } from './strategies/simgrid-precopy.ts';
export { stopAndCopy } from './strategies/stop-and-copy.ts';
export type {
  Decision,
  MigrationAlgorithm,
  MigrationStrategy,
  MigrationView,
  OperatorCommand,
  RoundProgress,
} from './strategy.ts';
export { Transfer, type TransferSpec } from './transfer.ts';
