// Attribute values of platform XML read as SimGrid reads them: units through core/units (SimGrid's spellings,
// unit-less values warned about), integers like std::stoi, radicals like "0-3,7", and <prop> children.
import { parseBandwidth, parseSpeeds, parseTime, type UnitOptions } from '../../core/index.ts';
import type { IssueList } from '../build/issues.ts';
import type { Element } from './element.ts';

function unitOptions(issues: IssueList, element: Element, attribute: string, what: string): UnitOptions {
  const where = element.where(attribute);
  const options: UnitOptions = {
    syntax: 'simgrid',
    unitless: 'warn',
    what,
    path: where.path,
    onWarning: (issue) => issues.warnings.push(issue),
  };
  if (where.location !== undefined) options.location = where.location;
  return options;
}

export function readSpeeds(issues: IssueList, element: Element, attribute: string, what: string): number[] | undefined {
  if (element.isMissing(attribute)) return undefined;
  return issues.attempt(() => parseSpeeds(element.get(attribute), unitOptions(issues, element, attribute, what)));
}

export function readBandwidth(
  issues: IssueList,
  element: Element,
  attribute: string,
  what: string,
): number | undefined {
  if (element.isMissing(attribute)) return undefined;
  return issues.attempt(() => parseBandwidth(element.get(attribute), unitOptions(issues, element, attribute, what)));
}

export function readTime(issues: IssueList, element: Element, attribute: string, what: string): number | undefined {
  if (element.isMissing(attribute)) return undefined;
  return issues.attempt(() => parseTime(element.get(attribute), unitOptions(issues, element, attribute, what)));
}

/** An integer as std::stoi reads it, but refusing trailing text other than a zero fraction ("0.0" is 0). */
export function readInteger(issues: IssueList, element: Element, attribute: string): number | undefined {
  if (element.isMissing(attribute)) return undefined;
  const text = element.get(attribute);
  const match = /^\s*([+-]?\d+)(\.0*)?$/.exec(text);
  if (match?.[1] !== undefined) return Number(match[1]);
  issues.error(
    'invalid-integer',
    `${attribute}="${text}" in <${element.name}> is not an integer.`,
    element.where(attribute),
    `Write a whole number, e.g. ${attribute}="1".`,
  );
  return undefined;
}

/** A plain number without unit, as std::stod (actor start and kill times). */
export function readNumber(issues: IssueList, element: Element, attribute: string): number | undefined {
  const text = element.get(attribute);
  const value = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isFinite(value)) return value;
  issues.error(
    'invalid-number',
    `${attribute}="${text}" in <${element.name}> is not a number.`,
    element.where(attribute),
    `Write seconds as a plain number, e.g. ${attribute}="1.5".`,
  );
  return undefined;
}

/** "1-4,6,9-11" → [1, 2, 3, 4, 6, 9, 10, 11] (SimGrid's explodesRadical). */
export function readRadicals(issues: IssueList, element: Element, attribute: string): number[] | undefined {
  if (element.isMissing(attribute)) return undefined;
  const text = element.get(attribute);
  const radicals: number[] = [];
  for (const group of text.split(',')) {
    const ends = group.split('-').map((end) => (/^\s*\d+\s*$/.test(end) ? Number(end) : Number.NaN));
    const [start, end = start] = ends;
    if (ends.length > 2 || start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end)) {
      const hint = 'Write numbers and ranges separated by commas, e.g. radical="0-99" or radical="0,3,5-7".';
      issues.error(
        'invalid-radical',
        `Malformed radical "${group}" in ${attribute}="${text}".`,
        element.where(attribute),
        hint,
      );
      return undefined;
    }
    for (let i = start; i <= end; i++) radicals.push(i);
  }
  return radicals;
}

/** The <prop id value> children, first occurrence of an id winning (SimGrid's try_emplace). */
export function readProperties(issues: IssueList, children: readonly Element[]): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const prop of children) {
    if (prop.name !== 'prop') continue;
    const id = prop.get('id');
    if (Object.hasOwn(properties, id)) {
      issues.warn(
        'duplicate-property',
        `Property "${id}" is set twice; the first value is kept, as in SimGrid.`,
        prop.where('id'),
      );
      continue;
    }
    properties[id] = prop.get('value');
  }
  return properties;
}
