// What commands may touch of the outside world, passed explicitly so that tests can run the CLI in-process.
import { readFileSync } from 'node:fs';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** A writable terminal for the progress bar, when stderr is one. */
  tty: { columns: number; write(text: string): void } | undefined;
  /** Wall-clock milliseconds (only the CLI and drivers may read the clock). */
  nowMs(): number;
  cwd: string;
  version: string;
}

export function processIo(): Io {
  const stderr = process.stderr;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    tty: stderr.isTTY ? { columns: stderr.columns || 80, write: (text) => stderr.write(text) } : undefined,
    nowMs: () => Date.now(),
    cwd: process.cwd(),
    version: pkg.version,
  };
}

/** An Io that records everything, for tests. */
export function memoryIo(cwd = process.cwd()): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let clock = 0;
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    tty: undefined,
    nowMs: () => (clock += 10),
    cwd,
    version: '0.0.0-test',
  };
}
