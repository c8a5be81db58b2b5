// Reading the fields of a plain-object platform spec: types, unknown keys, units (scenario spellings, units
// required in strings, plain numbers in base units), each problem an Issue with its path (`links[2].bandwidth`).
import { didYouMean, parseBandwidth, parseSpeed, parseTime, type UnitOptions } from '../core/index.ts';
import type { IssueList } from './build/issues.ts';

export type Fields = Record<string, unknown>;

export class SpecFields {
  constructor(readonly issues: IssueList) {}

  /** `value` as an object whose keys are all in `known`; reports unknown keys. */
  object(value: unknown, path: string, known: readonly string[]): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.issues.error('invalid-type', `${path || 'The platform spec'} must be an object.`, { path });
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const guess = didYouMean(key, known);
      const hint = `${guess === undefined ? '' : `D${guess.slice(1)} `}Known fields: ${known.join(', ')}.`;
      this.issues.error('unknown-field', `Unknown field "${key}".`, { path: join(path, key) }, hint);
    }
    return value as Fields;
  }

  array(fields: Fields, key: string, path: string): unknown[] {
    const value = fields[key];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    this.issues.error('invalid-type', `${key} must be an array.`, { path: join(path, key) });
    return [];
  }

  string(fields: Fields, key: string, path: string, fallback?: string): string | undefined {
    const value = fields[key] ?? fallback;
    if (typeof value === 'string' && value !== '') return value;
    if (value === '' && fallback === '') return value;
    const problem = value === undefined ? `${key} is required` : `${key} must be a non-empty string`;
    this.issues.error(value === undefined ? 'missing-field' : 'invalid-type', `${problem}.`, { path: join(path, key) });
    return undefined;
  }

  integer(fields: Fields, key: string, path: string, fallback: number, minimum: number): number | undefined {
    const value = fields[key] ?? fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= minimum) return value;
    this.issues.error(
      'invalid-value',
      `${key} must be an integer of at least ${minimum}, not ${JSON.stringify(value)}.`,
      { path: join(path, key) },
    );
    return undefined;
  }

  boolean(fields: Fields, key: string, path: string, fallback: boolean): boolean {
    const value = fields[key] ?? fallback;
    if (typeof value === 'boolean') return value;
    this.issues.error('invalid-type', `${key} must be true or false.`, { path: join(path, key) });
    return fallback;
  }

  properties(fields: Fields, path: string): Record<string, string> {
    const value = fields.properties;
    if (value === undefined) return {};
    const object = this.object(value, join(path, 'properties'), Object.keys(value ?? {}));
    const properties: Record<string, string> = {};
    for (const [key, property] of Object.entries(object ?? {})) {
      if (typeof property === 'string') properties[key] = property;
      else
        this.issues.error('invalid-type', 'Property values are strings.', {
          path: join(join(path, 'properties'), key),
        });
    }
    return properties;
  }

  /** One of `choices` (case-insensitive), returned in the spelling of `choices`. */
  choice<T extends string>(
    fields: Fields,
    key: string,
    path: string,
    choices: Readonly<Record<string, T>>,
    fallback: T,
  ): T | undefined {
    const value = fields[key];
    if (value === undefined) return fallback;
    const found = typeof value === 'string' ? choices[value.toLowerCase()] : undefined;
    if (found !== undefined) return found;
    const hint = `Use one of: ${[...new Set(Object.values(choices))].join(', ')}.`;
    this.issues.error('invalid-value', `Invalid ${key} ${JSON.stringify(value)}.`, { path: join(path, key) }, hint);
    return undefined;
  }

  speed(value: unknown, path: string): number | undefined {
    return this.quantity(value, path, parseSpeed, 'a speed like "1Gf"');
  }

  bandwidth(fields: Fields, key: string, path: string, fallback?: number): number | undefined {
    return this.quantity(
      fields[key] ?? fallback,
      join(path, key),
      parseBandwidth,
      'a bandwidth like "1.25GBps" or "10Gbps"',
    );
  }

  time(fields: Fields, key: string, path: string, fallback?: number): number | undefined {
    return this.quantity(fields[key] ?? fallback, join(path, key), parseTime, 'a time like "50us"');
  }

  private quantity(
    value: unknown,
    path: string,
    parse: (value: string | number, options: UnitOptions) => number,
    expected: string,
  ): number | undefined {
    if (typeof value !== 'string' && typeof value !== 'number') {
      const problem = value === undefined ? 'is required' : `must be ${expected} or a number`;
      this.issues.error(
        value === undefined ? 'missing-field' : 'invalid-type',
        `${path.split('.').pop() ?? path} ${problem}.`,
        { path },
      );
      return undefined;
    }
    return this.issues.attempt(() => parse(value, { syntax: 'extended', unitless: 'reject', path }));
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}
