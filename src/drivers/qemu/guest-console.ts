// The guest's serial console as lines: read from QEMU's stdout (the serial port is on stdio), stamped with host time,
// appended to a log file, and offered as listeners, an async iterator and a wait-for-a-line with a timeout.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { LivemigError } from '../../core/index.ts';
import { LineSplitter } from '../qmp/line-splitter.ts';
import type { WallClock } from '../wall-clock.ts';

export interface ConsoleLine {
  text: string;
  /** Host time the line arrived, in seconds on the run's clock (see `GuestConsole.originSec`). */
  atSec: number;
}

export interface WaitForLineOptions {
  timeoutMs: number;
  /** What is awaited, for the error message: "the guest's first report". */
  what?: string;
}

const RECENT_LINES = 200;

export class GuestConsole {
  private readonly splitter = new LineSplitter();
  private readonly listeners = new Set<(line: ConsoleLine) => void>();
  private readonly endListeners = new Set<(error: LivemigError) => void>();
  private readonly recent: ConsoleLine[] = [];
  private readonly log: WriteStream;
  private endError: LivemigError | undefined;

  constructor(
    readonly name: string,
    input: Readable,
    private readonly output: Writable,
    readonly logPath: string,
    private readonly clock: WallClock,
    readonly originSec: number,
  ) {
    this.log = createWriteStream(logPath, { flags: 'a' });
    this.log.on('error', () => {}); // a log that cannot be written must not stop the run
    output.on('error', () => {}); // EPIPE once QEMU is gone; send() reports it
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.push(this.splitter.push(chunk)));
    input.on('end', () => {
      this.push(this.splitter.flush());
      this.end();
    });
  }

  /** The last lines seen (at most 200), oldest first. */
  get recentLines(): readonly ConsoleLine[] {
    return this.recent;
  }

  get ended(): boolean {
    return this.endError !== undefined;
  }

  onLine(listener: (line: ConsoleLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lines from now on, until the console closes (QEMU exited) or the loop breaks. */
  async *lines(): AsyncGenerator<ConsoleLine> {
    const queue: ConsoleLine[] = [];
    let wake: (() => void) | undefined;
    let ended = this.ended;
    const offLine = this.onLine((line) => {
      queue.push(line);
      wake?.();
    });
    const offEnd = this.onEnd(() => {
      ended = true;
      wake?.();
    });
    try {
      for (;;) {
        const line = queue.shift();
        if (line !== undefined) yield line;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      offLine();
      offEnd();
    }
  }

  /** The next line that matches; rejects on timeout or when the console closes first. */
  waitForLine(match: RegExp | ((text: string) => boolean), options: WaitForLineOptions): Promise<ConsoleLine> {
    const test = typeof match === 'function' ? match : (text: string) => match.test(text);
    const what = options.what ?? `a console line matching ${String(match)}`;
    if (this.endError !== undefined) return Promise.reject(this.closedBefore(what));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        reject(this.failure(`No ${what} on the ${this.name} console within ${options.timeoutMs} ms.`, 'timeout'));
      }, options.timeoutMs);
      const offLine = this.onLine((line) => {
        if (!test(line.text)) return;
        done();
        resolve(line);
      });
      const offEnd = this.onEnd(() => {
        done();
        reject(this.closedBefore(what));
      });
      const done = () => {
        clearTimeout(timer);
        offLine();
        offEnd();
      };
    });
  }

  /** Types a command line into the guest console. */
  send(command: string): void {
    if (this.ended || this.output.destroyed || this.output.writableEnded) {
      throw this.failure(`Cannot send "${command}" to the ${this.name} console: QEMU has exited.`, 'console-closed');
    }
    this.log.write(`${this.stamp()} > ${command}\n`);
    this.output.write(`${command}\n`);
  }

  /** Flushes and closes the log file. */
  close(): Promise<void> {
    return new Promise((resolve) => this.log.end(resolve));
  }

  private onEnd(listener: (error: LivemigError) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private push(texts: string[]): void {
    for (const text of texts) {
      const line = { text, atSec: this.clock.nowSec() - this.originSec };
      this.log.write(`${line.atSec.toFixed(3)} ${text}\n`);
      this.recent.push(line);
      if (this.recent.length > RECENT_LINES) this.recent.shift();
      for (const listener of [...this.listeners]) listener(line);
    }
  }

  private end(): void {
    if (this.endError !== undefined) return;
    this.endError = this.failure(`The ${this.name} console closed: QEMU exited.`, 'console-closed');
    for (const listener of [...this.endListeners]) listener(this.endError);
    this.endListeners.clear();
  }

  private closedBefore(what: string): LivemigError {
    const last = this.recent.slice(-5).map((line) => line.text);
    return this.failure(
      `The ${this.name} console closed (QEMU exited) before ${what}. Last lines: ${JSON.stringify(last)}`,
      'console-closed',
    );
  }

  private failure(message: string, reason: string): LivemigError {
    return new LivemigError('driver-failure', message, {
      details: { reason, console: this.name, logPath: this.logPath },
    });
  }

  private stamp(): string {
    return (this.clock.nowSec() - this.originSec).toFixed(3);
  }
}
