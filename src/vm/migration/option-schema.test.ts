// Each built-in algorithm's options schema: what it takes (typed, with nothing filled in that was not given), what it
// refuses and why, its checks across keys, and its JSON Schema, read from the same declaration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError, JsonDefs } from '../../core/index.ts';
import { BUILT_IN_ALGORITHMS } from './algorithms.ts';
import { readAlgorithmOptions } from './option-schema.ts';
import { readBuiltInOptions } from './options.ts';
import { mplm } from './strategies/mplm.ts';
import { hybrid, postCopy } from './strategies/post-copy.ts';
import { qemuOptions, qemuPreCopy } from './strategies/qemu-precopy.ts';
import { simgridPreCopy } from './strategies/simgrid-precopy.ts';
import { stopAndCopy } from './strategies/stop-and-copy.ts';

/** The issues of reading `options` with `schema`, as [code, path] pairs (none: it read). */
function issues(schema: Parameters<typeof readAlgorithmOptions>[0], options: Record<string, unknown>): string[][] {
  try {
    readAlgorithmOptions(schema, options);
    return [];
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error.issues.map((issue) => [issue.code, issue.path]);
  }
}

test('every registry entry is named as it is registered and declares its options', () => {
  for (const [name, algorithm] of Object.entries(BUILT_IN_ALGORITHMS)) {
    assert.equal(algorithm.name, name);
    assert.equal(algorithm.options.algorithm, name);
    const json = algorithm.options.toJson(new JsonDefs());
    assert.deepEqual(Object.keys(json.properties as object), algorithm.options.keys, name);
    assert.equal(json.additionalProperties, false);
  }
});

test("precopy reads its options typed, leaves out what was not given, and the strategy fills in QEMU's defaults", () => {
  const read = readAlgorithmOptions(qemuPreCopy.options, { downtimeLimitSec: 1, autoConverge: { maxPercent: 50 } });
  assert.deepEqual(
    Object.entries(read).filter(([, value]) => value !== undefined),
    [
      ['downtimeLimitSec', 1],
      ['autoConverge', { maxPercent: 50 }],
    ],
  );
  const resolved = qemuOptions(read);
  assert.equal(resolved.maxBandwidthBytesPerSec, 128 * 1024 * 1024);
  assert.deepEqual(resolved.autoConverge, {
    initialPercent: 20,
    incrementPercent: 10,
    maxPercent: 50,
    triggerThresholdPercent: 50,
  });
  assert.equal(qemuOptions(readAlgorithmOptions(qemuPreCopy.options, { autoConverge: false })).autoConverge, undefined);
});

test('precopy refuses a string for a number, a percent above 100, an unknown layout and a misspelt key', () => {
  assert.deepEqual(
    issues(qemuPreCopy.options, {
      downtimeLimitSec: '1s',
      autoConverge: { maxPercent: 150 },
      memoryLayout: 'bottom',
      maxRound: 3,
    }),
    [
      ['unknown-option', 'maxRound'],
      ['invalid-type', 'downtimeLimitSec'],
      ['out-of-range', 'autoConverge.maxPercent'],
      ['invalid-value', 'memoryLayout'],
    ],
  );
  assert.throws(() => readAlgorithmOptions(qemuPreCopy.options, { maxRound: 3 }), /Did you mean "maxRounds"\?/);
});

test('hybrid takes pre-copy options and when to go post-copy; post-copy takes max-bandwidth, the push caps and zero pages', () => {
  assert.deepEqual(issues(hybrid.options, { precopyRounds: 2, postcopyAfterSec: 5, downtimeLimitSec: 0.1 }), []);
  assert.deepEqual(issues(hybrid.options, { precopyRounds: 0.5 }), [['out-of-range', 'precopyRounds']]);
  assert.deepEqual(issues(postCopy.options, { maxPostcopyBandwidthBytesPerSec: 1e8, zeroPageRatio: 0.5 }), []);
  assert.deepEqual(issues(postCopy.options, { downtimeLimitSec: 1 }), [['unknown-option', 'downtimeLimitSec']]);
  assert.deepEqual(postCopy.postCopyPush?.({ maxPostcopyBandwidthBytesPerSec: 1e8 }), {
    maxBandwidthBytesPerSec: 1e8,
    accessRateBytesPerSec: undefined,
  });
});

test('MPLM refuses a downtime limit with its reason, not as an unknown key', () => {
  assert.deepEqual(issues(mplm.options, { downtimeLimitSec: 0.03, epochSec: 2 }), [
    ['option-not-applicable', 'downtimeLimitSec'],
  ]);
  assert.throws(() => readAlgorithmOptions(mplm.options, { downtimeLimitSec: 0.03 }), /MPLM has no downtime limit/);
  assert.deepEqual(issues(mplm.options, { epochSec: 0 }), [['out-of-range', 'epochSec']]);
});

test("SimGrid's pre-copy refuses skipStage1 without skipStage2, at skipStage1", () => {
  assert.deepEqual(issues(simgridPreCopy.options, { skipStage1: true }), [['invalid-value', 'skipStage1']]);
  assert.deepEqual(issues(simgridPreCopy.options, { skipStage1: true, skipStage2: true }), []);
  assert.deepEqual(issues(simgridPreCopy.options, { skipStage2: 'yes' }), [['invalid-type', 'skipStage2']]);
});

test('stop-and-copy takes a bandwidth cap only', () => {
  assert.deepEqual(issues(stopAndCopy.options, { maxBandwidthBytesPerSec: 0 }), []);
  assert.deepEqual(issues(stopAndCopy.options, { maxRounds: 3 }), [['unknown-option', 'maxRounds']]);
});

test('readBuiltInOptions narrows the options by the algorithm chosen, leaving the engine options out', () => {
  const chosen = readBuiltInOptions({ algorithm: 'hybrid', precopyRounds: 3, streams: 2 });
  assert.equal(chosen.name, 'hybrid');
  if (chosen.name === 'hybrid') assert.equal(chosen.options.precopyRounds, 3);
  assert.equal(readBuiltInOptions({}).name, 'simgrid-precopy');
});
