// Reads an input file (a scenario, a platform, a trace) with a size limit: only regular files, and no more than the
// limit, so that `/dev/zero` or a huge file fails at once with a clear message instead of exhausting the memory.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { LivemigError } from './errors.ts';
import { formatBytes } from './units-format.ts';

/** The largest input files read: enough for any platform or scenario written by hand or generated sensibly. */
export const INPUT_LIMITS = {
  scenarioBytes: 16 * 2 ** 20,
  platformBytes: 64 * 2 ** 20,
  traceBytes: 64 * 2 ** 20,
} as const;

/** The text of the regular file at `path`, at most `maxBytes` long; throws an `invalid-input` error saying why not
 * (its message completes "Cannot read FILE: …"). */
export function readInputFile(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a pipe' : 'a device or special file';
      throw new LivemigError('invalid-input', `it is not a regular file (${kind}); give the path of a file.`, {
        details: { path, reason: 'not-a-regular-file' },
      });
    }
    if (stat.size > maxBytes) {
      throw new LivemigError(
        'invalid-input',
        `it is too large (${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)}). ` +
          'Split it, or describe repeated parts compactly (a cluster instead of hosts one by one).',
        { details: { path, reason: 'too-large', sizeBytes: stat.size, maxBytes } },
      );
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** The issue code for a file that could not be read: `not-a-regular-file`, `too-large`, or `unreadable-file`. */
export function unreadableFileCode(error: unknown): string {
  if (error instanceof LivemigError && error.code === 'invalid-input' && typeof error.details.reason === 'string')
    return error.details.reason;
  return 'unreadable-file';
}
