// The keys of a migrate step (and of consolidation's `migrate`) and the migration options they give: each file key
// names the option of the engine or of the algorithms it sets, in the unit the option takes. The chosen algorithm's
// schema then reads its options (src/vm/migration/strategies/), and a key it does not take is reported at the key.
import type { MigrateOptions } from '../../vm/index.ts';
import type { AutoConvergeDocument, MigrateOptionsDocument } from './actions.ts';

type Key = keyof MigrateOptionsDocument;

interface OptionKey {
  /** The option's name in MigrateOptions. */
  option: string;
  /** Whether the engine takes it (for every algorithm) rather than the algorithms that declare it. */
  engine: boolean;
  /** The file's value as the option's (fractions to percent). */
  convert?: (value: never, document: MigrateOptionsDocument) => unknown;
}

const percent = (fraction: number | undefined) => (fraction === undefined ? undefined : fraction * 100);

/** Auto-converge's fractions as QEMU's percents; `{}` = QEMU's defaults, false = off. */
function autoConvergePercents(converge: AutoConvergeDocument | false): Record<string, number> | undefined {
  if (converge === false) return undefined;
  const settings: Record<string, number> = {};
  for (const [key, value] of [
    ['initialPercent', percent(converge.initial)],
    ['incrementPercent', percent(converge.increment)],
    ['maxPercent', percent(converge.max)],
    ['triggerThresholdPercent', percent(converge.trigger)],
  ] as const) {
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

const engine = (option: string, convert?: OptionKey['convert']): OptionKey =>
  convert === undefined ? { option, engine: true } : { option, engine: true, convert };
const algorithm = (option: string, convert?: OptionKey['convert']): OptionKey =>
  convert === undefined ? { option, engine: false } : { option, engine: false, convert };

/** `compression` and `compressionCost` make one option. */
const compression = (ratio: number, document: MigrateOptionsDocument) => ({
  ratio,
  flopsPerByte: document.compressionCost ?? 0,
});

/** File key → option, in the order the options are set. */
export const MIGRATE_OPTION_KEYS: Readonly<Partial<Record<Key, OptionKey>>> = {
  streams: engine('streams'),
  downtimeLimit: algorithm('downtimeLimitSec'),
  maxBandwidth: algorithm('maxBandwidthBytesPerSec'),
  maxRounds: algorithm('maxRounds'),
  skipStage1: algorithm('skipStage1'),
  skipStage2: algorithm('skipStage2'),
  timeout: algorithm('timeoutSec'),
  deviceState: engine('deviceStateBytes'),
  sendCost: engine('sendFlopsPerByte'),
  receiveCost: engine('receiveFlopsPerByte'),
  trackingCpu: engine('trackingCpuShare'),
  trackingCost: engine('trackingFlopsPerByte'),
  receiveCostIn: engine('receiveCostIn'),
  bulkChunk: engine('bulkChunkBytes'),
  zeroPages: algorithm('zeroPageRatio'),
  postcopyAfterRounds: algorithm('precopyRounds'),
  postcopyAfter: algorithm('postcopyAfterSec'),
  maxPostcopyBandwidth: algorithm('maxPostcopyBandwidthBytesPerSec'),
  accessRate: algorithm('accessRateBytesPerSec'),
  epoch: algorithm('epochSec'),
  dirtyShare: algorithm('dirtyPercent', percent as OptionKey['convert']),
  compression: engine('compression', compression as OptionKey['convert']),
  autoConverge: algorithm('autoConverge', autoConvergePercents as OptionKey['convert']),
};

/** The migration options a migrate step's keys give (the phased protocol's keys are added by build-control.ts). */
export function migrateOptions(value: MigrateOptionsDocument): MigrateOptions {
  const options: MigrateOptions = { algorithm: value.algorithm };
  for (const [key, spec] of Object.entries(MIGRATE_OPTION_KEYS) as [Key, OptionKey][]) {
    const given = value[key];
    const option = given === undefined || spec.convert === undefined ? given : spec.convert(given as never, value);
    if (option !== undefined) options[spec.option] = option;
  }
  return options;
}

/** The file key that sets an algorithm's option (undefined when no key does). */
export function fileKeyOf(option: string): string | undefined {
  for (const [key, spec] of Object.entries(MIGRATE_OPTION_KEYS)) if (spec?.option === option) return key;
  return undefined;
}

/** The algorithm options among a migration's options (engine and protocol options left out), by option name. */
export function algorithmOptionsOf(options: MigrateOptions): Record<string, unknown> {
  const chosen: Record<string, unknown> = {};
  for (const spec of Object.values(MIGRATE_OPTION_KEYS)) {
    if (spec === undefined || spec.engine) continue;
    const value = options[spec.option];
    if (value !== undefined) chosen[spec.option] = value;
  }
  return chosen;
}
