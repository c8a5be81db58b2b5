// The switch-over gate: with `pause-before-switchover`, QEMU parks the source in `pre-switchover` (its vCPUs already
// stopped, so the wait counts as downtime); the hook approves (`migrate-continue`) or refuses (`migrate_cancel`, and
// the source resumes).
import type { MigrationInfo } from './migration-info.ts';

export interface SwitchoverInfo {
  /** Seconds since `migrate` was sent. */
  atSec: number;
  /** The last `query-migrate` seen before the pause. */
  info: MigrationInfo | undefined;
  /** Whether the operator had extended the live phase (extendLive) without ending it. */
  extended: boolean;
}

/** Returns true to switch over, false to cancel the migration (the source VM runs on). */
export type SwitchoverHook = (info: SwitchoverInfo) => boolean | Promise<boolean>;
