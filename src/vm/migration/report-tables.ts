// Tables an algorithm adds to the HTML report, as plain text cells (the report lays them out): each algorithm that
// leaves details of its own (in a migration record's `details`) lists here the table that shows them.
import { mplmEpochTable } from './strategies/mplm-table.ts';

/** One table of the report: its columns, the rows of text cells, and what to show when it has no row. */
export interface AlgorithmTable {
  id: string;
  title: string;
  /** `numeric` cells align right. */
  columns: { label: string; numeric?: boolean }[];
  rows: string[][];
  note?: string;
  empty: string;
}

/** What a table reads of each migration of the run (a report's migration has these). */
export interface MigrationDetails {
  id: number;
  vm: string;
  details?: Record<string, unknown>;
}

/** A table from the run's migrations; the report shows it when it has rows. */
export type AlgorithmTableSource = (migrations: readonly MigrationDetails[]) => AlgorithmTable;

/** The algorithms' tables, in the order the report shows them (after the migrations' rounds). */
export const ALGORITHM_TABLES: readonly AlgorithmTableSource[] = [mplmEpochTable];
