// Post-copy's push with zero pages: QEMU sends them as markers in post-copy too, so only the others are pushed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MigrationView } from '../strategy.ts';
import { postCopy } from './post-copy.ts';

const view = { ramBytes: 1024 * 2 ** 20 } as MigrationView;

test('post-copy pushes the whole memory by default, and only its non-zero pages with zeroPageRatio', () => {
  assert.deepEqual(postCopy.create({}).start(view), { action: 'post-copy', bytes: 1024 * 2 ** 20 });
  assert.deepEqual(postCopy.create({ zeroPageRatio: 0.75 }).start(view), { action: 'post-copy', bytes: 256 * 2 ** 20 });
});
