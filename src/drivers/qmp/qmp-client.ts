// A QMP client over a unix socket: greeting and capability negotiation, commands matched to replies by id with a
// timeout each, and events by name. Every failure is a LivemigError 'driver-failure' whose details say why.
import type { Socket } from 'node:net';
import type { LivemigError } from '../../core/index.ts';
import { connectUnixSocket } from './connect.ts';
import { LineSplitter } from './line-splitter.ts';
import { qemuErrorReply, qmpFailure } from './qmp-errors.ts';
import { parseEvent, parseGreeting } from './qmp-messages.ts';
import { isRecord, type QmpEvent, type QmpGreeting } from './qmp-types.ts';

export interface QmpClientOptions {
  /** How long each command may take before it fails with reason 'timeout'. Default 10 s. */
  commandTimeoutMs?: number;
  /** How long to keep trying to connect (QEMU may not have made the socket yet) and to get the greeting. Default 10 s. */
  connectTimeoutMs?: number;
  /** Gives up connecting when aborted (e.g. QEMU exited before opening its socket). */
  signal?: AbortSignal;
}

export interface CommandOptions {
  timeoutMs?: number;
}

export interface WaitForEventOptions {
  timeoutMs?: number;
  /** Only an event for which this returns true ends the wait. */
  match?: (event: QmpEvent) => boolean;
}

interface PendingCommand {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: LivemigError) => void;
  timer: NodeJS.Timeout;
}

type EventListener = (event: QmpEvent) => void;

export class QmpClient {
  private readonly splitter = new LineSplitter();
  private readonly pending = new Map<string, PendingCommand>();
  private readonly listeners = new Map<string, Set<EventListener>>();
  private readonly closeListeners = new Set<(error: LivemigError) => void>();
  private readonly commandTimeoutMs: number;
  private nextId = 1;
  private failure: LivemigError | undefined;
  private greetingWaiter: ((greeting: QmpGreeting) => void) | undefined;
  private greetingValue: QmpGreeting | undefined;

  /** Connects, reads the greeting and leaves capability negotiation mode with `qmp_capabilities`. */
  static async connect(socketPath: string, options: QmpClientOptions = {}): Promise<QmpClient> {
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const socket = await connectUnixSocket(socketPath, connectTimeoutMs, options.signal);
    const client = new QmpClient(socketPath, socket, options.commandTimeoutMs ?? 10_000);
    try {
      await client.waitForGreeting(connectTimeoutMs);
      await client.execute('qmp_capabilities');
    } catch (error) {
      client.close();
      throw error;
    }
    return client;
  }

  private constructor(
    readonly socketPath: string,
    private readonly socket: Socket,
    commandTimeoutMs: number,
  ) {
    this.commandTimeoutMs = commandTimeoutMs;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      for (const line of this.splitter.push(chunk)) this.handleLine(line);
    });
    socket.on('error', (error) =>
      this.fail(this.lost(`QMP connection to ${socketPath} failed: ${error.message}`, error)),
    );
    socket.on('close', () => this.fail(this.lost(`QEMU closed the QMP connection ${socketPath}.`)));
  }

  /** The greeting QEMU sent (its version), once connected. */
  get greeting(): QmpGreeting | undefined {
    return this.greetingValue;
  }

  /** Whether the connection is gone (closed by either side, or broken by a malformed line). */
  get closed(): boolean {
    return this.failure !== undefined;
  }

  /** Runs one command and resolves with its `return` value; rejects on an error reply, timeout or lost connection. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, options: CommandOptions = {}): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = `livemig-${this.nextId++}`;
    const timeoutMs = options.timeoutMs ?? this.commandTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const message = `QEMU did not answer "${command}" within ${timeoutMs} ms (QMP ${this.socketPath}).`;
        reject(qmpFailure('timeout', message, { socketPath: this.socketPath, command, timeoutMs }));
      }, timeoutMs);
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer });
      const message = args === undefined ? { execute: command, id } : { execute: command, arguments: args, id };
      this.socket.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Calls `listener` for each event named `name` (`'*'`: every event); returns the unsubscribe function. */
  onEvent(name: string, listener: EventListener): () => void {
    let set = this.listeners.get(name);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls `listener` once when the connection is lost or closed, with the reason. */
  onClose(listener: (error: LivemigError) => void): () => void {
    if (this.failure !== undefined) {
      listener(this.failure);
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Resolves with the next event named `name` that matches; rejects on timeout or a lost connection. */
  waitForEvent(name: string, options: WaitForEventOptions = {}): Promise<QmpEvent> {
    const timeoutMs = options.timeoutMs ?? this.commandTimeoutMs;
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        unwatch();
      };
      const timer = setTimeout(() => {
        done();
        const message = `No ${name} event from QEMU within ${timeoutMs} ms (QMP ${this.socketPath}).`;
        reject(qmpFailure('timeout', message, { socketPath: this.socketPath, timeoutMs }));
      }, timeoutMs);
      const unsubscribe = this.onEvent(name, (event) => {
        if (options.match !== undefined && !options.match(event)) return;
        done();
        resolve(event);
      });
      const unwatch = this.onClose((error) => {
        done();
        reject(error);
      });
    });
  }

  /** Closes the connection; commands still waiting fail with reason 'connection-lost'. */
  close(): void {
    this.fail(this.lost(`The QMP connection ${this.socketPath} was closed by livemig.`));
  }

  private waitForGreeting(timeoutMs: number): Promise<QmpGreeting> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unwatch();
        const message = `QEMU sent no QMP greeting on ${this.socketPath} within ${timeoutMs} ms.`;
        reject(qmpFailure('timeout', message, { socketPath: this.socketPath, timeoutMs }));
      }, timeoutMs);
      const unwatch = this.onClose((error) => {
        clearTimeout(timer);
        reject(error);
      });
      this.greetingWaiter = (greeting) => {
        clearTimeout(timer);
        unwatch();
        resolve(greeting);
      };
    });
  }

  private handleLine(line: string): void {
    if (line.trim() === '' || this.failure !== undefined) return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      this.malformed(line, 'it is not JSON', error);
      return;
    }
    const problem = this.dispatch(message);
    if (problem !== undefined) this.malformed(line, problem);
  }

  /** Hands a parsed message to whoever waits for it; returns what is wrong with it, if anything. */
  private dispatch(message: unknown): string | undefined {
    if (!isRecord(message)) return 'it is not a JSON object';
    if ('QMP' in message) return this.handleGreeting(message);
    if ('event' in message) return this.handleEvent(message);
    if ('return' in message || 'error' in message) return this.handleReply(message);
    return 'neither a reply nor an event';
  }

  private handleGreeting(message: Record<string, unknown>): string | undefined {
    const greeting = parseGreeting(message.QMP);
    if (greeting === undefined) return 'a greeting without a version';
    this.greetingValue = greeting;
    this.greetingWaiter?.(greeting);
    this.greetingWaiter = undefined;
    return undefined;
  }

  private handleEvent(message: Record<string, unknown>): string | undefined {
    const event = parseEvent(message);
    if (event === undefined) return 'an event without a name';
    for (const name of [event.event, '*']) for (const listener of this.listeners.get(name) ?? []) listener(event);
    return undefined;
  }

  private handleReply(message: Record<string, unknown>): string | undefined {
    const id = message.id;
    const entry = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (entry === undefined) return undefined; // a late reply to a command that already timed out
    this.pending.delete(id as string);
    clearTimeout(entry.timer);
    const body = message.error;
    if (!('error' in message)) entry.resolve(message.return);
    else if (isRecord(body) && typeof body.class === 'string' && typeof body.desc === 'string') {
      entry.reject(qemuErrorReply(this.socketPath, entry.command, { class: body.class, desc: body.desc }));
    } else {
      this.pending.set(id as string, entry); // fails with the connection, as malformed
      return 'an error reply without class and desc';
    }
    return undefined;
  }

  /** A line that cannot be understood: the stream can no longer be trusted, so the connection is given up. */
  private malformed(line: string, why: string, cause?: unknown): void {
    const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    const message = `QEMU sent a malformed QMP line on ${this.socketPath} (${why}): ${shown}`;
    this.fail(qmpFailure('malformed-reply', message, { socketPath: this.socketPath, line: shown }, cause));
  }

  private lost(message: string, cause?: unknown): LivemigError {
    return qmpFailure('connection-lost', message, { socketPath: this.socketPath }, cause);
  }

  private fail(error: LivemigError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.socket.destroy();
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      this.pending.delete(id);
      entry.reject(this.commandFailure(entry.command));
    }
    for (const listener of [...this.closeListeners]) listener(this.failure);
    this.closeListeners.clear();
  }

  /** The error a command gets when the connection goes while it waits: same reason, naming the command. */
  private commandFailure(command: string): LivemigError {
    const failure = this.failure as LivemigError;
    const reason = failure.details.reason === 'malformed-reply' ? 'malformed-reply' : 'connection-lost';
    const message = `QMP command "${command}" got no reply: ${failure.message}`;
    return qmpFailure(reason, message, { socketPath: this.socketPath, command }, failure);
  }
}
