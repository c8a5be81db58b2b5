// The schema DSL on its own: what each schema reads, what it reports (code, path, position), and the JSON Schema it
// writes from the same definition.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as s from './dsl.ts';
import { JsonDefs, ReadContext, type Schema } from './schema.ts';
import { fromPlain, type SourceNode } from './source-node.ts';

function read<T>(schema: Schema<T>, value: unknown): { value: T | undefined; issues: [string, string][] } {
  const ctx = new ReadContext();
  const result = schema.read(fromPlain(value), 'x', ctx);
  return { value: result, issues: ctx.issues.map((issue) => [issue.code, issue.path]) };
}

test('objects read their fields, fill defaults, and report unknown and missing keys together', () => {
  const schema = s.object({
    name: s.required(s.string()),
    cores: s.withDefault(s.integer({ min: 1 }), 1),
    note: s.optional(s.string()),
  });
  assert.deepEqual(read(schema, { name: 'a' }).value, { name: 'a', cores: 1, note: undefined });
  assert.deepEqual(read(schema, { nmae: 'a', cores: 0 }).issues, [
    ['unknown-key', 'x.nmae'],
    ['missing-key', 'x.name'],
    ['out-of-range', 'x.cores'],
  ]);
  assert.deepEqual(read(schema, { name: 'a', note: null }).issues, [['missing-value', 'x.note']]);
});

test('quantities accept bare numbers only where the unit is natural, and zero everywhere', () => {
  assert.equal(read(s.time({ unitless: 'accept' }), 2).value, 2);
  assert.equal(read(s.time({ unitless: 'accept' }), '30ms').value, 0.03);
  assert.equal(read(s.size({ unitless: 'reject' }), '1GiB').value, 1024 ** 3);
  assert.equal(read(s.size({ unitless: 'reject' }), 0).value, 0);
  assert.deepEqual(read(s.size({ unitless: 'reject' }), 1024).issues, [['missing-unit', 'x']]);
  assert.deepEqual(read(s.size({ unitless: 'reject' }), '1024').issues, [['missing-unit', 'x']]);
  assert.deepEqual(read(s.bandwidth({ unitless: 'reject', positive: true }), '0MB/s').issues, [['out-of-range', 'x']]);
  assert.equal(read(s.flops({ unitless: 'accept' }), '2Gf').value, 2e9);
});

test('fractions and "amount or share" read numbers and percentages', () => {
  assert.equal(read(s.fraction(), '30%').value, 0.3);
  assert.equal(read(s.fraction(), 0.25).value, 0.25);
  assert.deepEqual(read(s.fraction(), 2).issues, [['out-of-range', 'x']]);
  const workingSet = s.amountOrShare(s.size({ unitless: 'reject' }), 'the RAM');
  assert.deepEqual(read(workingSet, '90%').value, { kind: 'share', fraction: 0.9 });
  assert.deepEqual(read(workingSet, '1MiB').value, { kind: 'amount', amount: 1048576 });
});

test('keyed maps say what they are by one key, with common keys beside it', () => {
  const schema = s.keyed({ sleep: s.number(), log: s.string() }, { at: s.optional(s.number()) }, 'a step');
  assert.deepEqual(read(schema, { sleep: 1, at: 2 }).value, { kind: 'sleep', value: 1, at: 2 });
  assert.deepEqual(read(schema, { sleep: 1, log: 'x' }).issues, [['several-kinds', 'x']]);
  assert.deepEqual(read(schema, {}).issues, [['missing-kind', 'x']]);
  assert.deepEqual(read(schema, { slep: 1 }).issues, [['unknown-key', 'x.slep']], 'a misspelt kind is reported once');
  assert.deepEqual(schema.toJson(new JsonDefs()).oneOf, [
    {
      type: 'object',
      properties: { sleep: { type: 'number' }, at: { type: 'number' } },
      required: ['sleep'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { log: { type: 'string', minLength: 1 }, at: { type: 'number' } },
      required: ['log'],
      additionalProperties: false,
    },
  ]);
});

test('shapes choose by the node (a scalar or a map); lists read every item and report each bad one', () => {
  const schema = s.array(s.shapes({ scalar: s.number(), map: s.object({ n: s.required(s.number()) }) }));
  assert.deepEqual(read(schema, [1, { n: 2 }]).value, [1, { n: 2 }]);
  assert.deepEqual(read(schema, ['a', [], { n: 'b' }]).issues, [
    ['invalid-type', 'x[0]'],
    ['invalid-type', 'x[1]'],
    ['invalid-type', 'x[2].n'],
  ]);
});

test('named schemas may refer to themselves and become $defs in the JSON Schema', () => {
  type Tree = { children: Tree[] };
  const tree: Schema<Tree> = s.object({ children: s.withDefault(s.array(s.named<Tree>('tree', () => tree)), []) });
  assert.deepEqual(read(tree, { children: [{ children: [{}] }] }).value, {
    children: [{ children: [{ children: [] }] }],
  });
  const defs = new JsonDefs();
  assert.deepEqual(tree.toJson(defs), {
    type: 'object',
    properties: { children: { type: 'array', items: { $ref: '#/$defs/tree' } } },
    additionalProperties: false,
  });
  assert.deepEqual(Object.keys(defs.defs), ['tree']);
});

test('declarations and references are recorded with their paths for the name checks', () => {
  const ctx = new ReadContext();
  const schema = s.object({
    name: s.required(s.declares('VM')),
    host: s.required(s.refersTo(['host'], 'host of a VM')),
  });
  const node: SourceNode = fromPlain({ name: 'VM0', host: 'h' });
  schema.read(node, 'vms[0]', ctx);
  assert.deepEqual(
    ctx.declarations.map((d) => [d.kind, d.name, d.path]),
    [['VM', 'VM0', 'vms[0].name']],
  );
  assert.deepEqual(
    ctx.references.map((r) => [r.accepts, r.name, r.path]),
    [[['host'], 'h', 'vms[0].host']],
  );
});

test('enums suggest the closest value', () => {
  const ctx = new ReadContext();
  s.oneOf(['LV08', 'CM02']).read(fromPlain('LV8'), 'network', ctx);
  assert.match(ctx.issues[0]?.hint ?? '', /Did you mean "LV08"\?/);
});
