// The sweep's journal (DIR/journal.jsonl): one line per finished run, appended and flushed to disk (fsync) as the
// run ends, so that a sweep killed at any moment restarts where it was. A torn last line (killed mid-write) is cut.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from './run-job.ts';

export const JOURNAL_FILE = 'journal.jsonl';

export class Journal {
  /** Finished runs by id (the first record of a run wins: a run is recorded once). */
  readonly done = new Map<string, RunRecord>();
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, JOURNAL_FILE);
    if (!existsSync(this.path)) return;
    const text = readFileSync(this.path, 'utf8');
    let kept = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') {
        kept += Buffer.byteLength(line, 'utf8') + 1; // a blank line is kept as it is
        continue;
      }
      let record: RunRecord;
      try {
        record = JSON.parse(line) as RunRecord;
      } catch {
        break;
      }
      kept += Buffer.byteLength(line, 'utf8') + 1;
      if (!this.done.has(record.run)) this.done.set(record.run, record);
    }
    if (kept < Buffer.byteLength(text, 'utf8')) truncateSync(this.path, kept);
  }

  /** Records a finished run on disk before returning; false when it was already recorded. */
  append(record: RunRecord): boolean {
    if (this.done.has(record.run)) return false;
    const { report: _report, ...rest } = record;
    const line = JSON.stringify(rest);
    // Kept as read back from disk, so that a resumed sweep writes the very same tables.
    const kept = JSON.parse(line) as RunRecord;
    const fd = openSync(this.path, 'a');
    try {
      writeSync(fd, `${line}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.done.set(record.run, kept);
    return true;
  }
}
