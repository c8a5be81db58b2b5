// Physical quantities written as text, read exactly like SimGrid 3.32 (src/xbt/xbt_parse_units.cpp): speeds,
// bandwidths, times and sizes, plus the `…/s` spellings of scenario files. Formatters for humans are in units-format.ts.
import { InputError, type Issue, type SourceLocation } from './errors.ts';
import { closestNames } from './suggest.ts';
import { QUANTITIES, type Quantity, type QuantityName } from './unit-scales.ts';

/** What a non-zero value without a unit does: SimGrid's XML accepts it with a deprecation warning. */
export type UnitlessPolicy = 'accept' | 'warn' | 'reject';

export interface UnitOptions {
  /** Default `'warn'`: accepted in the default unit, and reported through `onWarning`. */
  unitless?: UnitlessPolicy;
  /** `'simgrid'` accepts SimGrid's spellings only (platform XML); `'extended'` (default) also `1GB/s`, `10Gbit/s`. */
  syntax?: 'simgrid' | 'extended';
  /** What the value is, for messages: `bandwidth of link "l1"`. */
  what?: string;
  /** Where the value is, copied into the issues. */
  path?: string;
  location?: SourceLocation;
  onWarning?: (issue: Issue) => void;
}

/** Flop per second: `98.095Mf`, `1Gf`, `2.5gigaflops` (and, extended, `1Gflops`, `1Gflop/s`). */
export function parseSpeed(value: string | number, options: UnitOptions = {}): number {
  return parseQuantity('speed', value, options);
}

/** One speed per pstate, comma-separated as in `<host speed="100Mf,50Mf,20Mf">`. */
export function parseSpeeds(value: string, options: UnitOptions = {}): number[] {
  return value.split(',').map((token) => parseSpeed(token.trim(), options));
}

/** Bytes per second: `125MBps`, `10Gbps` (bits), `1GiBps`; extended also `100MiB/s`, `1GB/s`, `10Gbit/s`. */
export function parseBandwidth(value: string | number, options: UnitOptions = {}): number {
  return parseQuantity('bandwidth', value, options);
}

/** Seconds: `50us`, `1.5ms`, `2h`, `1w` (units w, d, h, m, s, ms, us, ns, ps). */
export function parseTime(value: string | number, options: UnitOptions = {}): number {
  return parseQuantity('time', value, options);
}

/** Bytes: `1GiB`, `100MB`, `512KiB`, `8kb` (bits); a bare number is bytes. */
export function parseSize(value: string | number, options: UnitOptions = {}): number {
  return parseQuantity('size', value, options);
}

// strtod's prefix: leading blanks, sign, digits with an optional fraction, an exponent only when digits follow.
const NUMBER_PREFIX = /^[ \t\n\v\f\r]*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/;
const NOT_FINITE = /^[ \t\n\v\f\r]*[+-]?(?:inf(?:inity)?|nan)/i;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

function parseQuantity(name: QuantityName, value: string | number, options: UnitOptions): number {
  const quantity = QUANTITIES[name];
  if (typeof value === 'number') return checkNumber(quantity, value, String(value), options);
  const match = NUMBER_PREFIX.exec(value);
  if (match === null || match[1] === undefined) {
    const problem = NOT_FINITE.test(value) ? 'it is not a finite number' : 'it does not start with a number';
    throw unitError(quantity, value, options, 'invalid-number', problem);
  }
  const number = Number(match[1]);
  if (
    !Number.isFinite(number) ||
    (Math.abs(number) < SMALLEST_NORMAL && /[1-9]/.test(match[1].split(/[eE]/)[0] ?? ''))
  ) {
    throw unitError(quantity, value, options, 'value-out-of-range', 'the number is out of the range of doubles');
  }
  const rest = value.slice(match[0].length);
  const unit = options.syntax === 'simgrid' ? rest : rest.trim();
  if (unit === '')
    return checkNumber(quantity, number * unitlessFactor(quantity, number, value, options), value, options);
  const factor = (options.syntax === 'simgrid' ? quantity.simgrid : quantity.extended).get(unit);
  if (factor === undefined) throw unknownUnit(quantity, value, unit, options);
  return checkNumber(quantity, number * factor, value, options);
}

function unitlessFactor(quantity: Quantity, number: number, text: string, options: UnitOptions): number {
  const policy = options.unitless ?? 'warn';
  if (number !== 0 && policy === 'reject') {
    throw unitError(quantity, text, options, 'missing-unit', `a unit is required (${quantity.advice})`);
  }
  if (number !== 0 && policy === 'warn' && options.onWarning !== undefined) {
    const message = `Deprecated unit-less value "${text}"${forWhat(options)}: read as ${text}${quantity.defaultUnit}.`;
    options.onWarning(makeIssue(options, 'unitless-value', message, `${quantity.advice}.`));
  }
  return quantity.simgrid.get(quantity.defaultUnit) ?? 1;
}

function checkNumber(quantity: Quantity, value: number, text: string, options: UnitOptions): number {
  if (Number.isNaN(value) || !Number.isFinite(value)) {
    throw unitError(quantity, text, options, 'invalid-number', 'it is not a finite number');
  }
  if (value < 0) throw unitError(quantity, text, options, 'negative-value', `a ${quantity.name} cannot be negative`);
  return value === 0 ? 0 : value;
}

function unknownUnit(quantity: Quantity, text: string, unit: string, options: UnitOptions): InputError {
  if (options.syntax === 'simgrid') {
    const trimmed = unit.trim();
    if (quantity.simgrid.has(trimmed)) {
      return unitError(quantity, text, options, 'unknown-unit', 'SimGrid does not allow blanks around the unit', {
        hint: `Write it without blanks, e.g. "${text.trim().replace(/\s+/g, '')}".`,
      });
    }
    if (quantity.extended.has(trimmed)) {
      const problem = `SimGrid's platform files do not accept the unit "${trimmed}"`;
      return unitError(quantity, text, options, 'unknown-unit', problem);
    }
  }
  const known = [...(options.syntax === 'simgrid' ? quantity.simgrid : quantity.extended).keys()];
  const completions = unit === '' ? [] : known.filter((candidate) => candidate.startsWith(unit));
  const near = [...new Set([...completions, ...closestNames(unit, known, 2)])].slice(0, 2).map((name) => `"${name}"`);
  const guess = near.length === 0 ? '' : `Did you mean ${near.join(' or ')}? `;
  return unitError(quantity, text, options, 'unknown-unit', `unknown unit "${unit}"`, { guess });
}

function unitError(
  quantity: Quantity,
  text: string,
  options: UnitOptions,
  code: string,
  problem: string,
  extra: { hint?: string; guess?: string } = {},
): InputError {
  const subject = options.what === undefined ? quantity.name : `${options.what} =`;
  const message = `Invalid ${subject} "${text}": ${problem}.`;
  const hint =
    extra.hint ?? `${extra.guess ?? ''}Accepted units: ${quantity.accepted}; for example "${quantity.example}".`;
  return new InputError(`Invalid ${quantity.name}:`, [makeIssue(options, code, message, hint)]);
}

function makeIssue(options: UnitOptions, code: string, message: string, hint: string): Issue {
  const issue: Issue = { code, path: options.path ?? '', message, hint };
  if (options.location !== undefined) issue.location = options.location;
  return issue;
}

function forWhat(options: UnitOptions): string {
  return options.what === undefined ? '' : ` for ${options.what}`;
}

export { formatBandwidth, formatBytes, formatFlops, formatSeconds } from './units-format.ts';
