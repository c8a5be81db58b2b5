// The options of `livemig lab migrate`, named and written like a scenario's keys (`--ram 256MiB`, `--dirty-rate
// 10MiB/s`, `--downtime-limit 300ms`), read into labMigrate's options; every bad flag is reported at once.
import {
  InputError,
  type Issue,
  isLivemigError,
  type LabMigrateOptions,
  parseBandwidth,
  parseSize,
  parseTime,
} from '../../index.ts';
import type { FlagSpecs, ParsedArgs } from '../args.ts';
import { usageIssue } from '../args.ts';

const SIZE = 'SIZE';
const RATE = 'RATE';
const TIME = 'TIME';

export const LAB_MIGRATE_FLAGS: FlagSpecs = {
  ram: { value: true, valueName: SIZE, description: 'guest RAM, whole MiB (default 256MiB)' },
  'working-set': { value: true, valueName: SIZE, description: 'memory the guest rewrites, whole MiB (default 64MiB)' },
  'dirty-rate': {
    value: true,
    valueName: RATE,
    description: "its write rate: 10MiB/s, 2560pages/s, 0 or 'max' (default 10MiB/s)",
  },
  'max-bandwidth': {
    value: true,
    valueName: RATE,
    description: "QEMU's max-bandwidth; 0 = none (default QEMU's, 128MiB/s)",
  },
  'downtime-limit': { value: true, valueName: TIME, description: "QEMU's downtime-limit (default QEMU's, 300ms)" },
  'auto-converge': { value: false, description: 'throttle the vCPU while it dirties faster than the link sends' },
  'postcopy-after': { value: true, valueName: TIME, description: 'switch to post-copy this long after migrate' },
  'postcopy-after-rounds': { value: true, valueName: 'N', description: 'switch to post-copy after N pre-copy passes' },
  timeout: { value: true, valueName: TIME, description: 'cancel when not over this long after migrate (default 120s)' },
  'extend-live-at': {
    value: true,
    valueName: TIME,
    description: 'hold the switch-over back, the VM live, from this time on',
  },
  'end-live-at': { value: true, valueName: TIME, description: 'switch over at this time (post-copy when on)' },
  out: { value: true, short: 'o', valueName: 'DIR', description: 'report folder (default ./out/lab-migrate)' },
  json: { value: false, description: 'print the record as JSON instead of the summary' },
  'keep-logs': { value: false, description: "keep the QEMU consoles' and stderr logs in DIR/logs" },
};

const MIB = 1024 * 1024;

/** labMigrate's options from the flags (the output folder and logs are the command's business). */
export function labMigrateOptions(args: ParsedArgs): LabMigrateOptions {
  const issues: Issue[] = [];
  const value = (name: string): string | undefined => {
    const flag = args.flags.get(name);
    return typeof flag === 'string' ? flag : undefined;
  };
  const read = <T>(name: string, parse: (text: string) => T, example: string): T | undefined => {
    const text = value(name);
    if (text === undefined) return undefined;
    try {
      return parse(text);
    } catch (error) {
      if (!isLivemigError(error)) throw error;
      issues.push(usageIssue(`--${name} ${text}: ${firstLine(error.message)}`, `e.g. --${name} ${example}`));
      return undefined;
    }
  };
  const mib = (name: string, example: string) =>
    read(name, (text) => wholeMiB(parseSize(text, { unitless: 'reject' })), example);
  const options: LabMigrateOptions = {};
  const set = <K extends keyof LabMigrateOptions>(key: K, v: LabMigrateOptions[K] | undefined) => {
    if (v !== undefined) options[key] = v;
  };
  set('ramMiB', mib('ram', '256MiB'));
  set('workingSetMiB', mib('working-set', '64MiB'));
  set('dirtyRate', read('dirty-rate', dirtyRate, '10MiB/s'));
  set(
    'maxBandwidth',
    read('max-bandwidth', (text) => parseBandwidth(text, { unitless: 'reject' }), '32MiB/s'),
  );
  const time = (name: string, example: string) =>
    read(name, (text) => parseTime(text, { unitless: 'accept' }), example);
  set('downtimeLimitSec', time('downtime-limit', '300ms'));
  set('postcopyAfterSec', time('postcopy-after', '2s'));
  set('postcopyAfterRounds', read('postcopy-after-rounds', rounds, '2'));
  set('timeoutSec', time('timeout', '60s'));
  set('extendLiveAtSec', time('extend-live-at', '1s'));
  set('endLiveAtSec', time('end-live-at', '5s'));
  if (args.flags.has('auto-converge')) options.autoConverge = true;
  if (issues.length > 0) throw new InputError('Bad arguments for "livemig lab migrate":', issues);
  return options;
}

function wholeMiB(bytes: number): number {
  if (bytes % MIB !== 0) throw new InputError('Bad size:', [usageIssue(`${bytes} B is not a whole number of MiB`, '')]);
  return bytes / MIB;
}

/** `max`, `2560pages/s`, or a rate with a unit (`0` alone is idle). */
function dirtyRate(text: string): number | string {
  if (text === 'max' || /^\s*\d+\s*pages\/s\s*$/.test(text)) return text.trim();
  return parseBandwidth(text, { unitless: 'reject' }) === 0 ? 0 : text;
}

function rounds(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError('Bad count:', [usageIssue(`"${text}" is not a whole number ≥ 0`, '')]);
  return n;
}

function firstLine(message: string): string {
  const lines = message.split('\n');
  return (lines[1] ?? lines[0] ?? '').replace(/^\s*-\s*/, '');
}
