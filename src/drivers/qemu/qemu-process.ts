// One QEMU process that livemig started: spawn, its console, its QMP connection, its stderr, and stopping it by PID
// (SIGTERM, then SIGKILL after a grace period). Start failures stop what was started and say what QEMU printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { LivemigError } from '../../core/index.ts';
import { QmpClient } from '../qmp/qmp-client.ts';
import { sleep, type WallClock } from '../wall-clock.ts';
import { qemuArguments, type VmLaunchSpec } from './command-line.ts';
import type { QemuInstallation } from './find-qemu.ts';
import { GuestConsole } from './guest-console.ts';
import { type Watchdog, watchProcess } from './watchdog.ts';

export interface QemuProcessOptions {
  qemu: QemuInstallation;
  /** Where the console and stderr logs go. */
  logDir: string;
  clock: WallClock;
  /** Origin of the console's time stamps (`clock.nowSec()` at the start of the run). */
  originSec: number;
  /** How long QEMU may take to open its QMP socket. Default 10 s. */
  startTimeoutMs?: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const STDERR_TAIL_CHARS = 4000;
/** How long to wait for QEMU's exit when its QMP connection failed, to report the exit instead. */
const EXIT_GRACE_MS = 1000;

export class QemuProcess {
  readonly console: GuestConsole;
  readonly exited: Promise<ProcessExit>;
  readonly stderrLogPath: string;
  private stderrTail = '';
  private stopping: Promise<void> | undefined;
  private qmpClient: QmpClient | undefined;

  private constructor(
    readonly spec: VmLaunchSpec,
    readonly argv: readonly string[],
    private readonly child: ChildProcess,
    private readonly watchdog: Watchdog,
    options: QemuProcessOptions,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const stdin = child.stdin;
    const stdout = child.stdout;
    const stderr = child.stderr;
    if (stdin === null || stdout === null || stderr === null) throw new Error('QEMU was spawned without pipes');
    const logPath = join(options.logDir, `${spec.name}.console.log`);
    this.console = new GuestConsole(spec.name, stdout, stdin, logPath, options.clock, options.originSec);
    this.stderrLogPath = join(options.logDir, `${spec.name}.stderr.log`);
    const stderrLog = createWriteStream(this.stderrLogPath);
    stderrLog.on('error', () => {});
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => {
      stderrLog.write(chunk);
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    stderr.on('end', () => stderrLog.end());
  }

  /** Spawns QEMU and connects to its QMP socket; on any failure the process is stopped before the error is thrown. */
  static async start(spec: VmLaunchSpec, options: QemuProcessOptions): Promise<QemuProcess> {
    const argv = qemuArguments(spec);
    const child = spawn(options.qemu.binary, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) =>
        reject(
          new LivemigError('driver-failure', `Cannot start ${options.qemu.binary}: ${error.message}`, { cause: error }),
        ),
      );
    });
    const started = new QemuProcess(spec, argv, child, watchProcess(child.pid as number), options);
    try {
      started.qmpClient = await started.connectQmp(options.startTimeoutMs ?? 10_000);
    } catch (error) {
      await started.stop();
      throw error;
    }
    return started;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get qmp(): QmpClient {
    if (this.qmpClient === undefined)
      throw new LivemigError('internal', `QEMU ${this.spec.name} has no QMP connection.`);
    return this.qmpClient;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines QEMU wrote to stderr (its error messages). */
  get stderr(): string {
    return this.stderrTail.trim();
  }

  /** Sends a signal to this QEMU (by its PID), e.g. SIGKILL to simulate a crashed destination. */
  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Stops QEMU: SIGTERM, then SIGKILL after `graceMs`; waits for the exit. Safe to call more than once. */
  stop(graceMs = 3000): Promise<void> {
    this.stopping ??= this.stopNow(graceMs);
    return this.stopping;
  }

  private async stopNow(graceMs: number): Promise<void> {
    this.qmpClient?.close();
    if (this.running) {
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
      if ((await Promise.race([this.exited, graceOver])) === 'late') this.child.kill('SIGKILL');
      clearTimeout(timer);
      await this.exited;
    }
    this.watchdog.dismiss();
    await this.console.close();
  }

  private async connectQmp(timeoutMs: number): Promise<QmpClient> {
    const abort = new AbortController();
    const connecting = QmpClient.connect(this.spec.qmpSocketPath, {
      connectTimeoutMs: timeoutMs,
      signal: abort.signal,
    });
    const exit = this.exited.then((exit) => {
      abort.abort();
      throw this.exitedEarly(exit);
    });
    connecting.catch(() => {}); // the race below reports it
    exit.catch(() => {});
    try {
      return await Promise.race([connecting, exit]);
    } catch (error) {
      // QEMU may die just after opening its socket (a bad kernel path): its exit says more than a reset connection.
      const late = await Promise.race([this.exited, sleep(EXIT_GRACE_MS).then(() => undefined)]);
      throw late === undefined ? error : this.exitedEarly(late);
    }
  }

  private exitedEarly(exit: ProcessExit): LivemigError {
    const how = exit.signal === null ? `with code ${exit.code}` : `on ${exit.signal}`;
    const said = this.stderr === '' ? '(nothing)' : this.stderr;
    const message = `QEMU ${this.spec.name} exited ${how} before its QMP socket was ready. It said: ${said}`;
    return new LivemigError('driver-failure', message, {
      details: { reason: 'qemu-exited', stderr: this.stderr, argv: this.argv },
    });
  }
}
