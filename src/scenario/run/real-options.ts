// A migrate step of a `driver: qemu` scenario as the options of a real migration: the VM's RAM and linear dirty
// model become the lab guest's RAM, working set and write rate; the step's keys become QMP settings.
import { GUEST_OVERHEAD_MIB, type RealAutoConvergeOptions, type RealMigrationOptions } from '../../drivers/index.ts';
import { type ChosenAlgorithm, type MigrateOptions, readBuiltInOptions } from '../../vm/index.ts';
import { algorithmOptionsOf } from '../format/migrate-options.ts';
import type { VmSpec } from '../model.ts';

const MIB = 1024 * 1024;
const PAGE_BYTES = 4096;
/** The working set of a VM without a dirty model (its writer idle), at most what its RAM leaves. */
const IDLE_WORKING_SET_MIB = 64;
/** The driver's own deadline, past a step's `timeout` (which forces the switch-over, as in the simulator). */
const CANCEL_AFTER_FORCED_SEC = 60;
const DEFAULT_CANCEL_SEC = 120;

export interface RealStepPlace {
  from: string;
  to: string;
  /** Enable QEMU's postcopy-ram (a startPostcopy command names this VM). */
  postcopy: boolean;
}

export function realMigrationOptions(vm: VmSpec, options: MigrateOptions, place: RealStepPlace): RealMigrationOptions {
  const ramMiB = vm.ramBytes / MIB;
  const dirty = vm.dirty?.kind === 'linear' ? vm.dirty : undefined;
  const real: RealMigrationOptions = {
    ramMiB,
    workingSetMiB:
      dirty === undefined
        ? Math.max(1, Math.min(IDLE_WORKING_SET_MIB, ramMiB - GUEST_OVERHEAD_MIB))
        : dirty.workingSetBytes / MIB,
    dirtyRate: dirty === undefined ? 0 : Math.round(dirty.rateBytesPerSec / PAGE_BYTES),
    vmName: vm.name,
    sourceName: place.from,
    destinationName: place.to,
    timeoutSec: DEFAULT_CANCEL_SEC,
  };
  const algorithm = options.algorithm ?? 'simgrid-precopy';
  Object.assign(real, qmpSettings(readBuiltInOptions({ algorithm, ...algorithmOptionsOf(options) })));
  if (place.postcopy) real.postcopy = true;
  return real;
}

/** The QMP settings of the algorithm's options (the real run's checks refuse the algorithms QEMU lacks). */
function qmpSettings(chosen: ChosenAlgorithm): Partial<RealMigrationOptions> {
  if (chosen.name === 'postcopy') return { postcopyAfterSec: 0 };
  if (chosen.name !== 'precopy' && chosen.name !== 'hybrid') return {};
  const { downtimeLimitSec, maxBandwidthBytesPerSec, timeoutSec, autoConverge } = chosen.options;
  const real: Partial<RealMigrationOptions> = {};
  if (downtimeLimitSec !== undefined) real.downtimeLimitSec = downtimeLimitSec;
  if (maxBandwidthBytesPerSec !== undefined) real.maxBandwidth = maxBandwidthBytesPerSec;
  if (timeoutSec !== undefined) {
    real.endLiveAtSec = timeoutSec;
    real.timeoutSec = Math.max(DEFAULT_CANCEL_SEC, timeoutSec + CANCEL_AFTER_FORCED_SEC);
  }
  if (autoConverge !== undefined && autoConverge !== false) {
    const settings: RealAutoConvergeOptions = {};
    for (const key of ['initialPercent', 'incrementPercent', 'maxPercent'] as const) {
      const percent = autoConverge[key];
      if (percent !== undefined) settings[key] = Math.round(percent);
    }
    real.autoConverge = settings;
  }
  if (chosen.name === 'hybrid') {
    const { postcopyAfterSec, precopyRounds } = chosen.options;
    if (postcopyAfterSec !== undefined) real.postcopyAfterSec = postcopyAfterSec;
    else real.postcopyAfterRounds = precopyRounds ?? 1;
  }
  return real;
}
