// The MigrationDriver of real QEMU: a request becomes one labMigrate run (the lab guest booted on a source QEMU, a
// destination QEMU waiting, migrate over loopback, the guest's memory checked, both stopped).
import type { Issue } from '../../core/index.ts';
import type { LabGuest } from '../lab/lab-guest.ts';
import { labMigrate } from '../lab-commands.ts';
import type { RealMigrationOptions } from '../migration/options.ts';
import type { RealMigrationResult } from '../migration/result.ts';
import type { AcceleratorRequest } from '../qemu/accelerator.ts';
import { checkRequest, DEFAULT_TIMEOUT_SEC, type MigrationDriver, type MigrationRequest } from './migration-driver.ts';

export interface QemuDriverOptions {
  guest?: LabGuest;
  tempRoot?: string;
  logDir?: string;
  accel?: AcceleratorRequest;
  qemuBinary?: string;
}

export interface QemuMigrationDriver extends MigrationDriver {
  readonly kind: 'qemu';
  migrate(request: MigrationRequest): Promise<RealMigrationResult>;
}

const MIB = 1024 * 1024;
const PAGE_BYTES = 4096;

export function qemuDriver(options: QemuDriverOptions = {}): QemuMigrationDriver {
  return {
    kind: 'qemu',
    migrate: async (request) => withPlace(await labMigrate({ ...options, ...realOptions(request) })),
  };
}

/** Where the VM runs after the migration: on the destination once its memory checked out, on the source when it
 * still runs and reports there, else nowhere known (`details.runningOn`, as the simulated driver says it). */
function withPlace(result: RealMigrationResult): RealMigrationResult {
  const onDestination = result.outcome === 'completed' && result.guest.destination?.verdict === 'ok';
  const source = result.guest.source;
  const onSource = source?.runState === 'running' && source.reporting;
  const runningOn = onDestination ? result.to : onSource ? result.from : undefined;
  return { ...result, details: { ...result.details, runningOn } };
}

/** A request as the options of a real migration (whole MiB of RAM and working set, pages/s). */
export function realOptions(request: MigrationRequest): RealMigrationOptions {
  const issues: Issue[] = [];
  for (const key of ['ramBytes', 'workingSetBytes'] as const) {
    if (request[key] % MIB !== 0) {
      issues.push({ code: 'invalid-option', path: key, message: `real QEMU needs whole MiB, got ${request[key]} B` });
    }
  }
  checkRequest(request, issues);
  const rate = request.dirtyRateBytesPerSec;
  const options: RealMigrationOptions = {
    ramMiB: request.ramBytes / MIB,
    workingSetMiB: request.workingSetBytes / MIB,
    dirtyRate: rate === 'max' ? 'max' : Math.round(rate / PAGE_BYTES),
    timeoutSec: request.timeoutSec ?? DEFAULT_TIMEOUT_SEC,
  };
  const copy = <K extends keyof RealMigrationOptions>(key: K, value: RealMigrationOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  copy('vmName', request.vm);
  copy('sourceName', request.from);
  copy('destinationName', request.to);
  copy('downtimeLimitSec', request.downtimeLimitSec);
  copy('maxBandwidth', request.maxBandwidthBytesPerSec);
  copy('autoConverge', request.autoConverge);
  copy('postcopyAfterSec', request.postcopyAfterSec);
  copy('postcopyAfterRounds', request.postcopyAfterRounds);
  copy('cancelAfterSec', request.cancelAfterSec);
  copy('extendLiveAtSec', request.extendLiveAtSec);
  copy('endLiveAtSec', request.endLiveAtSec);
  copy('beforeSwitchover', request.beforeSwitchover);
  return options;
}
