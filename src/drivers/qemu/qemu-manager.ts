// The QEMU process manager: finds QEMU, picks the accelerator, applies the RAM workaround, starts VMs with their QMP
// sockets in a private temp dir, and stops exactly the processes it started (and removes the dir) at the end.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invalidArgument } from '../../core/index.ts';
import { systemClock, type WallClock } from '../wall-clock.ts';
import {
  type AcceleratorChoice,
  type AcceleratorRequest,
  chooseAccelerator,
  judgeKvm,
  readKvmFacts,
} from './accelerator.ts';
import type { GuestBoot } from './command-line.ts';
import { findQemu, QEMU_BINARY, type QemuInstallation } from './find-qemu.ts';
import { QemuProcess } from './qemu-process.ts';
import { qemuRamSize } from './ram-size.ts';

export interface QemuManagerOptions {
  /** Default `'auto'`: KVM where it really works, TCG otherwise. */
  accel?: AcceleratorRequest;
  /** Default `qemu-system-x86_64` from PATH. */
  qemuBinary?: string;
  /** Keep console and stderr logs here (created if needed); by default they go to the private temp dir and are removed. */
  logDir?: string;
  /** Parent of the private temp dir (default: the OS temp dir); keep it short, unix socket paths are limited. */
  tempRoot?: string;
  clock?: WallClock;
}

export interface StartVmOptions {
  /** Short name, used for the QMP socket and log file names: `source`, `destination`. */
  name: string;
  boot: GuestBoot;
  ramBytes: number;
  cpus?: number;
  /** Start as a migration destination (`-incoming defer`). */
  incoming?: boolean;
}

export class QemuManager {
  private readonly started: QemuProcess[] = [];
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly qemu: QemuInstallation,
    readonly accelerator: AcceleratorChoice,
    /** The private temp dir holding the QMP sockets (removed by `stopAll`). */
    readonly dir: string,
    readonly logDir: string,
    readonly clock: WallClock,
    /** `clock.nowSec()` when the manager was made: the origin of console time stamps. */
    readonly originSec: number,
  ) {}

  static async create(options: QemuManagerOptions = {}): Promise<QemuManager> {
    const qemu = await findQemu(options.qemuBinary ?? QEMU_BINARY);
    const request = options.accel ?? 'auto';
    const kvm = request === 'tcg' ? { usable: false, reason: 'not probed' } : judgeKvm(await readKvmFacts());
    const accelerator = chooseAccelerator(request, kvm);
    const clock = options.clock ?? systemClock;
    const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'livemig-qemu-'));
    if (options.logDir !== undefined) await mkdir(options.logDir, { recursive: true });
    return new QemuManager(qemu, accelerator, dir, options.logDir ?? dir, clock, clock.nowSec());
  }

  /** Every process this manager started, running or not. */
  get processes(): readonly QemuProcess[] {
    return this.started;
  }

  async startVm(options: StartVmOptions): Promise<QemuProcess> {
    if (this.stopping !== undefined)
      throw invalidArgument(`Cannot start VM "${options.name}": the manager is stopped.`);
    if (!/^[a-z][a-z0-9-]*$/.test(options.name)) {
      throw invalidArgument(`VM name "${options.name}" must be lowercase letters, digits and dashes.`);
    }
    const spec = {
      name: options.name,
      boot: options.boot,
      ram: qemuRamSize(options.ramBytes, this.qemu.version, this.accelerator.accel),
      cpus: options.cpus ?? 1,
      accelerator: this.accelerator,
      qmpSocketPath: join(this.dir, `${options.name}.qmp`),
      incoming: options.incoming ?? false,
    };
    const processOptions = { qemu: this.qemu, logDir: this.logDir, clock: this.clock, originSec: this.originSec };
    const started = await QemuProcess.start(spec, processOptions);
    this.started.push(started);
    if (this.stopping !== undefined) {
      await started.stop(); // stopAll() came while this one was starting
      throw invalidArgument(`VM "${options.name}" was stopped at once: the manager was stopped while it started.`);
    }
    return started;
  }

  /** Stops every process this manager started (by PID), then removes the private temp dir. Safe to call twice. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.started.map((started) => started.stop()));
      await rm(this.dir, { recursive: true, force: true });
    })();
    return this.stopping;
  }
}
