// Helpers of the scenario tests: fixture paths, and the issues of a refused scenario with the text they point at.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { InputError, type Issue } from '../../core/index.ts';
import { scenarioJsonSchema } from '../format/scenario-format.ts';
import { parseScenario } from '../load-scenario.ts';
import type { Scenario } from '../model.ts';

export const fixtures = fileURLToPath(new URL('../../../test/fixtures/scenarios/', import.meta.url));
export const simgridPlatforms = fileURLToPath(new URL('../../../examples/simgrid/platforms/', import.meta.url));

/** The JSON Schema of scenarios, compiled by Ajv in strict mode. */
export function compiledSchema() {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  return ajv.compile(scenarioJsonSchema());
}

/** The InputError that `run` throws (fails the test otherwise). */
export function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the scenario to be refused');
}

/** Parses `text` as `inline.yaml` (or `.json`) in the fixtures folder (platform paths start there). */
export function parse(text: string, fileName = 'inline.yaml'): Scenario {
  return parseScenario(text, fileName, { baseDir: fixtures });
}

/** One issue as [code, line, col, the text from line:col on (up to `width` characters)]. */
export type Seen = [code: string, line: number | undefined, col: number | undefined, text: string];

/** The issues of refused `text`, each with the text at its position, to show that it points at the right node. */
export function issuesOf(text: string, fileName = 'inline.yaml', width = 12): Seen[] {
  const error = inputErrorOf(() => parse(text, fileName));
  const lines = text.split('\n');
  return error.issues.map((issue) => seen(issue, lines, width));
}

function seen(issue: Issue, lines: readonly string[], width: number): Seen {
  const { line, col } = issue.location ?? {};
  const from = line === undefined || col === undefined ? '' : (lines[line - 1] ?? '').slice(col - 1, col - 1 + width);
  return [issue.code, line, col, from];
}

/** A valid scenario on test/fixtures/scenarios/platforms/two_hosts.xml, to start tests from. */
export const BASE = `version: 1
platform: platforms/two_hosts.xml
vms:
  - name: VM0
    host: host0
    ram: 1GiB
actors:
  - name: migrator
    host: host0
    steps:
      - sleep: 1
      - migrate: { vm: VM0, to: host1 }
`;
