// One interface for a live migration whatever runs it: the simulator (two hosts, QEMU's pre-copy model) or real QEMU
// (two processes on this machine, the lab guest). A request says what to migrate and how, in the simulator's units;
// a driver answers with the record, in the MigrationRecord shape, whatever the outcome (completed, failed, aborted).
import { InputError, type Issue } from '../../core/index.ts';
import type { MigrationRecord } from '../../vm/index.ts';
import type { RealAutoConvergeOptions } from '../migration/options.ts';

/** What the switch-over gate is told; it answers true to switch over, false to cancel (the source runs on). */
export interface SwitchoverGate {
  /** Seconds since the migration was requested. */
  atSec: number;
  /** Whether the operator had extended the live phase without ending it. */
  extended: boolean;
}

export interface MigrationRequest {
  /** Names in the record (defaults `lab-guest`, `source`, `destination`). */
  vm?: string;
  from?: string;
  to?: string;
  ramBytes: number;
  /** Memory the guest's cyclic writer rewrites: unique dirty bytes after t = min(rate·t, working set). */
  workingSetBytes: number;
  /** The writer's rate, bytes/s, or `'max'` (as fast as the vCPU can: only real QEMU knows how fast that is). */
  dirtyRateBytesPerSec: number | 'max';
  /** QEMU's downtime-limit (default 0.3 s). */
  downtimeLimitSec?: number;
  /** QEMU's max-bandwidth, bytes/s; 0 = none (default 128 MiB/s). */
  maxBandwidthBytesPerSec?: number;
  /** CPU throttling when the guest dirties faster than the link sends (QEMU's defaults with `true`). */
  autoConverge?: boolean | RealAutoConvergeOptions;
  /** Switch to post-copy this long after the request, or once this many pre-copy passes are done. */
  postcopyAfterSec?: number;
  postcopyAfterRounds?: number;
  /** Cancel the migration when it is not over this long after the request (default 120 s): outcome `aborted`. */
  timeoutSec?: number;
  /** Cancel the migration this long after the request. */
  cancelAfterSec?: number;
  /** Operator commands at these times: hold the switch-over back with the VM live, then switch over now. */
  extendLiveAtSec?: number;
  endLiveAtSec?: number;
  /** Asked with the VM paused at the switch-over (the phased protocol's gate); a refusal or a throw cancels and the
   * VM runs on at the source. Time spent here is downtime. */
  beforeSwitchover?: (gate: SwitchoverGate) => boolean | Promise<boolean>;
}

export interface MigrationDriver {
  readonly kind: 'simulator' | 'qemu';
  /** Runs the migration; resolves with its record whatever the outcome, rejects only on a bad request or when the
   * driver itself fails (QEMU missing, a guest that does not boot). */
  migrate(request: MigrationRequest): Promise<MigrationRecord>;
}

/** The timeout of a request that gives none (real QEMU's default). */
export const DEFAULT_TIMEOUT_SEC = 120;

/** Every problem of a request at once (the drivers add their own). */
export function requestIssues(request: MigrationRequest): Issue[] {
  const issues: Issue[] = [];
  const bad = (path: string, message: string) => issues.push({ code: 'invalid-option', path, message });
  const positive = (path: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) bad(path, `must be > 0, got ${value}`);
  };
  const nonNegative = (path: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) bad(path, `must be ≥ 0, got ${value}`);
  };
  positive('ramBytes', request.ramBytes);
  nonNegative('workingSetBytes', request.workingSetBytes);
  if (request.workingSetBytes > request.ramBytes) bad('workingSetBytes', 'must not exceed ramBytes');
  if (request.dirtyRateBytesPerSec !== 'max') nonNegative('dirtyRateBytesPerSec', request.dirtyRateBytesPerSec);
  for (const key of ['downtimeLimitSec', 'maxBandwidthBytesPerSec', 'postcopyAfterSec', 'cancelAfterSec'] as const)
    nonNegative(key, request[key]);
  for (const key of ['extendLiveAtSec', 'endLiveAtSec'] as const) nonNegative(key, request[key]);
  positive('timeoutSec', request.timeoutSec);
  const rounds = request.postcopyAfterRounds;
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 0)) bad('postcopyAfterRounds', 'whole number');
  return issues;
}

export function checkRequest(request: MigrationRequest, driverIssues: Issue[] = []): void {
  const issues = [...requestIssues(request), ...driverIssues];
  if (issues.length > 0) throw new InputError('Invalid migration request:', issues);
}
