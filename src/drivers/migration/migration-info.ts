// `query-migrate` replies (QEMU's MigrationInfo) read into typed values, in seconds and bytes.
import { isRecord } from '../qmp/qmp-types.ts';

/** QEMU's MigrationStatus, as a lowercase string (`setup`, `active`, `postcopy-active`, `pre-switchover`, …). */
export type QemuMigrationStatus = string;

export const FINAL_STATUSES: ReadonlySet<QemuMigrationStatus> = new Set(['completed', 'failed', 'cancelled']);

export interface MigrationInfo {
  status: QemuMigrationStatus;
  totalTimeSec: number | undefined;
  setupTimeSec: number | undefined;
  downtimeSec: number | undefined;
  expectedDowntimeSec: number | undefined;
  throttlePercent: number | undefined;
  errorDesc: string | undefined;
  transferredBytes: number;
  remainingBytes: number;
  totalBytes: number;
  dirtySyncCount: number;
  /** Unique pages dirtied per second over the last sync period (QEMU updates it about once a second). */
  dirtyPagesRate: number;
  mbps: number;
  /** Pages sent whole (`normal`) and as zero-page markers (`duplicate`), and the bytes of the whole ones. */
  normalPages: number;
  zeroPages: number;
  normalBytes: number;
  precopyBytes: number;
  downtimeBytes: number;
  postcopyBytes: number;
  postcopyRequests: number;
  pageSizeBytes: number;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function msToSec(value: unknown): number | undefined {
  const ms = number(value);
  return ms === undefined ? undefined : ms / 1000;
}

export function parseMigrationInfo(reply: unknown): MigrationInfo {
  const info = isRecord(reply) ? reply : {};
  const ram = isRecord(info.ram) ? info.ram : {};
  const ramNumber = (name: string) => number(ram[name]) ?? 0;
  return {
    status: typeof info.status === 'string' ? info.status : 'none',
    totalTimeSec: msToSec(info['total-time']),
    setupTimeSec: msToSec(info['setup-time']),
    downtimeSec: msToSec(info.downtime),
    expectedDowntimeSec: msToSec(info['expected-downtime']),
    throttlePercent: number(info['cpu-throttle-percentage']),
    errorDesc: typeof info['error-desc'] === 'string' ? info['error-desc'] : undefined,
    transferredBytes: ramNumber('transferred'),
    remainingBytes: ramNumber('remaining'),
    totalBytes: ramNumber('total'),
    dirtySyncCount: ramNumber('dirty-sync-count'),
    dirtyPagesRate: ramNumber('dirty-pages-rate'),
    mbps: ramNumber('mbps'),
    normalPages: ramNumber('normal'),
    zeroPages: ramNumber('duplicate'),
    normalBytes: ramNumber('normal-bytes'),
    precopyBytes: ramNumber('precopy-bytes'),
    downtimeBytes: ramNumber('downtime-bytes'),
    postcopyBytes: ramNumber('postcopy-bytes'),
    postcopyRequests: ramNumber('postcopy-requests'),
    pageSizeBytes: ramNumber('page-size') || 4096,
  };
}
