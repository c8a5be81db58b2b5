import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryIo } from '../io.ts';
import { SweepProgressBar } from './sweep-progress.ts';

test('the sweep progress bar shows runs done, failures and an ETA from the pace of this session, then erases', () => {
  const written: string[] = [];
  let now = 0;
  const io = { ...memoryIo(), tty: { columns: 80, write: (text: string) => written.push(text) }, nowMs: () => now };
  const bar = new SweepProgressBar(io);
  bar.update({ done: 2, total: 10, skipped: 2, failed: 0 });
  assert.match(written.at(-1) ?? '', /\[#####\.+\] 2\/10 runs$/, 'no ETA before a run of this session ended');
  now = 4000;
  bar.update({ done: 4, total: 10, skipped: 2, failed: 1 });
  // 2 runs in 4 s: 2 s a run, 6 runs left → 12 s.
  assert.match(written.at(-1) ?? '', /4\/10 runs \| 1 failed \| ETA 12s$/);
  bar.finish();
  assert.match(written.at(-1) ?? '', /^\r +\r$/);
});
