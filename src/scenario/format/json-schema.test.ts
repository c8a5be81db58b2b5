// The JSON Schema that `livemig schema` prints: a valid draft 2020-12 schema (checked by Ajv in strict mode) that
// accepts the example scenarios and refuses what the validator refuses at the schema level.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { BASE, compiledSchema, fixtures } from '../testing/helpers.ts';
import { scenarioJsonSchema } from './scenario-format.ts';

const examples = fileURLToPath(new URL('../../../examples/scenarios/', import.meta.url));

function scenarioFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scenarioFiles(path);
    return /\.(ya?ml|json)$/.test(entry.name) ? [path] : [];
  });
}

test('the schema is a valid draft 2020-12 JSON Schema that Ajv compiles in strict mode', () => {
  const schema = scenarioJsonSchema();
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  assert.doesNotThrow(() => ajv.compile(schema));
  assert.deepEqual(Object.keys(schema.$defs as object).sort(), ['distribution', 'step']);
});

test('the schema accepts every good fixture and every example scenario', () => {
  const validate = compiledSchema();
  const files = [...scenarioFiles(join(fixtures, 'good')), ...scenarioFiles(examples)];
  assert.ok(files.length >= 2);
  for (const file of files) {
    const valid = validate(parseYaml(readFileSync(file, 'utf8')));
    assert.ok(valid, `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
});

test('the schema refuses unknown keys, missing keys, sizes without units and steps without a kind', () => {
  const validate = compiledSchema();
  const refused = [
    BASE.replace('ram: 1GiB', 'ram: 1GiB\n    crores: 2'),
    BASE.replace('platform: platforms/two_hosts.xml\n', ''),
    BASE.replace('ram: 1GiB', 'ram: "1024"'),
    BASE.replace('ram: 1GiB', 'ram: 1GiBs'),
    BASE.replace('- sleep: 1', '- {}'),
    BASE.replace('- sleep: 1', '- { sleep: 1, log: x }'),
    BASE.replace('version: 1', 'version: 2'),
  ];
  for (const text of refused) assert.equal(validate(parseYaml(text)), false, text);
  assert.equal(validate(parseYaml(BASE)), true);
  assert.equal(validate(parseYaml(BASE.replace('ram: 1GiB', 'ram: { uniform: [1GiB, 2GiB] }'))), true);
});
