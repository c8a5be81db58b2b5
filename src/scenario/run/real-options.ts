// A migrate step of a `driver: qemu` scenario as the options of a real migration: the VM's RAM and linear dirty
// model become the lab guest's RAM, working set and write rate; the step's keys become QMP settings.
import type { RealAutoConvergeOptions, RealMigrationOptions } from '../../drivers/index.ts';
import type { VmSpec } from '../model.ts';

const MIB = 1024 * 1024;
const PAGE_BYTES = 4096;
/** The working set of a VM without a dirty model (its writer idle), at most what its RAM leaves. */
const IDLE_WORKING_SET_MIB = 64;
const GUEST_OVERHEAD_MIB = 96;
/** The driver's own deadline, past a step's `timeout` (which forces the switch-over, as in the simulator). */
const CANCEL_AFTER_FORCED_SEC = 60;
const DEFAULT_CANCEL_SEC = 120;

export interface RealStepPlace {
  from: string;
  to: string;
  /** Enable QEMU's postcopy-ram (a startPostcopy command names this VM). */
  postcopy: boolean;
}

export function realMigrationOptions(
  vm: VmSpec,
  options: Record<string, unknown>,
  place: RealStepPlace,
): RealMigrationOptions {
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
  const number = (key: string) => (typeof options[key] === 'number' ? (options[key] as number) : undefined);
  const set = <K extends keyof RealMigrationOptions>(key: K, value: RealMigrationOptions[K] | undefined) => {
    if (value !== undefined) real[key] = value;
  };
  set('downtimeLimitSec', number('downtimeLimitSec'));
  set('maxBandwidth', number('maxBandwidthBytesPerSec'));
  const forceAt = number('timeoutSec');
  if (forceAt !== undefined) {
    real.endLiveAtSec = forceAt;
    real.timeoutSec = Math.max(DEFAULT_CANCEL_SEC, forceAt + CANCEL_AFTER_FORCED_SEC);
  }
  const converge = options.autoConverge as Record<string, number> | undefined;
  if (converge !== undefined) {
    const settings: RealAutoConvergeOptions = {};
    for (const key of ['initialPercent', 'incrementPercent', 'maxPercent'] as const) {
      const percent = converge[key];
      if (percent !== undefined) settings[key] = Math.round(percent);
    }
    real.autoConverge = settings;
  }
  if (options.algorithm === 'postcopy') real.postcopyAfterSec = 0;
  if (options.algorithm === 'hybrid') {
    const after = number('postcopyAfterSec');
    if (after !== undefined) real.postcopyAfterSec = after;
    else real.postcopyAfterRounds = number('precopyRounds') ?? 1;
  }
  if (place.postcopy) real.postcopy = true;
  return real;
}
