// The sweep journal on restart: finished runs are read back, a torn last line is cut, and a blank line in the middle
// does not shift the cut (the next record still starts on a line of its own).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JOURNAL_FILE, Journal } from './journal.ts';
import type { RunRecord } from './run-job.ts';

const record = (run: string): RunRecord => ({ run, seed: 1, values: [], migrations: [], error: undefined });

test('a blank line and a torn last line: both records are kept, the torn line is cut, the next append is a line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-journal-'));
  try {
    const file = join(dir, JOURNAL_FILE);
    const a = JSON.stringify(record('a'));
    const b = JSON.stringify(record('b'));
    writeFileSync(file, `${a}\n\n${b}\n{"run":"c","se`);
    const journal = new Journal(dir);
    assert.deepEqual([...journal.done.keys()], ['a', 'b']);
    assert.equal(readFileSync(file, 'utf8'), `${a}\n\n${b}\n`);
    journal.append(record('c'));
    assert.deepEqual([...new Journal(dir).done.keys()], ['a', 'b', 'c']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
