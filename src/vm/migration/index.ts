// Live migration: the run of one migration, its algorithms, and what it records.
export { checkMigration, type MigrateOptions, migrateVm } from './migrate.ts';
export { type MigrationAlgorithm, MigrationRun, type TransferResult } from './migration-run.ts';
export type { MigrationOutcome, MigrationRecord, RoundRecord, RoundStage } from './records.ts';
export { simgridPreCopy } from './simgrid-precopy.ts';
