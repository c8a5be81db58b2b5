// SimGrid's log line format, `[%10.6f] (pid:actor@host) message`, for logs that diff against SimGrid's.
import { formatFixed } from '../core/index.ts';
import type { LogRecord } from '../kernel/index.ts';

export function simgridLogLine(record: LogRecord): string {
  const who = record.pid === 0 ? `0:maestro@` : `${record.pid}:${record.actor}@${record.host}`;
  return `[${formatFixed(record.time, 6, 10)}] (${who}) ${record.message}`;
}
