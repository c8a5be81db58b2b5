import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestNames, didYouMean, editDistance } from './suggest.ts';

test('edit distance counts insertions, deletions, substitutions and swaps of neighbours', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
  assert.equal(editDistance('hots', 'host'), 1);
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'gives up past the limit');
});

test('closest names prefer case-only differences, then small edits, in candidate order on ties', () => {
  assert.deepEqual(closestNames('tremblay', ['Jupiter', 'Tremblay', 'Fafard']), ['Tremblay']);
  assert.deepEqual(closestNames('link_1', ['link_10', 'link_2', 'backbone']), ['link_10', 'link_2']);
  assert.deepEqual(closestNames('zzz', ['Jupiter', 'Fafard']), []);
});

test('didYouMean phrases up to three suggestions', () => {
  assert.equal(didYouMean('l1', ['l2', 'l3', 'l4', 'l5']), 'did you mean "l2", "l3" or "l4"?');
  assert.equal(didYouMean('Fafrd', ['Fafard']), 'did you mean "Fafard"?');
  assert.equal(didYouMean('nothing', ['Fafard']), undefined);
});
