// Live migration: the engine (one run per migration), the strategy interface, the built-in algorithms, the
// records and statistics they leave.

/** The schema DSL, for the options of a custom algorithm: `algorithmOptions(name, { rate: schema.optional(…) })`. */
export { schema } from '../../core/index.ts';
export {
  BUILT_IN_ALGORITHMS,
  type BuiltInAlgorithmName,
  type BuiltInOptions,
  type ChosenAlgorithm,
  isBuiltInAlgorithm,
} from './algorithms.ts';
export { checkMigration, migrateVm } from './migrate.ts';
export { MigrationRun } from './migration-run.ts';
export {
  AlgorithmOptionsSchema,
  algorithmOptions,
  type CrossKeyProblem,
  type KeyName,
  type RefusedKey,
  readAlgorithmOptions,
} from './option-schema.ts';
export {
  algorithmParameters,
  type MigrateOptions,
  type MigrationSettings,
  readBuiltInOptions,
  resolveAlgorithm,
  resolveSettings,
} from './options.ts';
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
export {
  type MplmEpoch,
  type MplmInput,
  type MplmOptions,
  type MplmState,
  mplm,
  mplmOptions,
} from './strategies/mplm.ts';
export { mplmEpochTable } from './strategies/mplm-table.ts';
export {
  type HybridInput,
  hybrid,
  hybridOptions,
  type PostCopyInput,
  postCopy,
  postCopyOptions,
} from './strategies/post-copy.ts';
export {
  AUTO_CONVERGE_DEFAULTS,
  type AutoConvergeOptions,
  QEMU_DEFAULTS,
  QemuPreCopy,
  type QemuPreCopyInput,
  type QemuPreCopyOptions,
  qemuOptions,
  qemuPreCopy,
  qemuPreCopyOptions,
} from './strategies/qemu-precopy.ts';
export { type SimgridPreCopyOptions, simgridPreCopy, simgridPreCopyOptions } from './strategies/simgrid-precopy.ts';
export { type StopAndCopyInput, stopAndCopy, stopAndCopyOptions } from './strategies/stop-and-copy.ts';
export type {
  Decision,
  MigrationAlgorithm,
  MigrationStrategy,
  MigrationView,
  OperatorCommand,
  PostCopyPushOptions,
  RoundProgress,
} from './strategy.ts';
export { Transfer, type TransferSpec } from './transfer.ts';
