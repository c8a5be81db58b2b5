// A real live migration between two QEMU processes on this machine: boot the lab guest on the source and a waiting
// destination, configure and run `migrate` over QMP, watch it to the end, check the guest's memory, stop everything.
import { LivemigError } from '../core/index.ts';
import { buildLabGuest } from './lab/lab-guest.ts';
import { assembleResult, migrationError } from './migration/assemble.ts';
import { bootPair, listenIncoming } from './migration/boot.ts';
import { configureMigration } from './migration/configure.ts';
import { MigrationDriver } from './migration/drive.ts';
import { checkSource, verifyGuestMemory } from './migration/guest-check.ts';
import { HeartbeatLog } from './migration/heartbeats.ts';
import type { EndLiveMode } from './migration/live-control.ts';
import { MigrationObserver } from './migration/observer.ts';
import { type MigrationSettings, type RealMigrationOptions, resolveMigrationOptions } from './migration/options.ts';
import type { RealMigrationResult } from './migration/result.ts';
import { QemuManager } from './qemu/qemu-manager.ts';
import type { QemuProcess } from './qemu/qemu-process.ts';

/** A real migration under way, and the operator's hands on it. */
export interface RealMigration {
  /** Resolves with the record of a completed migration; rejects with a LivemigError otherwise (see docs/qemu.md). */
  readonly result: Promise<RealMigrationResult>;
  /** Resolves once `migrate` has been sent, when the live phase begins. */
  readonly started: Promise<void>;
  /** Cancels (`migrate_cancel`): the source VM runs on. Before `migrate`, the run stops after booting. */
  cancel(): Promise<void>;
  /** Holds the switch-over back, the VM live: downtime-limit 1 ms and max-bandwidth 2 MiB/s (docs/qemu.md). */
  extendLive(): Promise<void>;
  /** Ends the hold: `'now'` switches over (post-copy when on, else a 2000 s downtime budget); `'when-converged'`
   * restores the parameters and lets QEMU's rule decide. */
  endLive(mode?: EndLiveMode): Promise<void>;
  startPostcopy(): Promise<void>;
  /** Types a command into the source guest's console, e.g. `rate 0`. */
  sendGuestCommand(command: string): void;
}

const VERIFY_TIMEOUT_MS = 20_000;
const SOURCE_CHECK_TIMEOUT_MS = 3_000;

/** Starts a real migration; bad options throw at once (an InputError listing them all). */
export function startRealMigration(options: RealMigrationOptions = {}): RealMigration {
  return new RealMigrationRun(options, resolveMigrationOptions(options));
}

/** Runs a real migration to its end. */
export function migrateReal(options: RealMigrationOptions = {}): Promise<RealMigrationResult> {
  try {
    return startRealMigration(options).result;
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The record carried by the error of a migration that did not complete, if any. */
export function realMigrationResultOf(error: unknown): RealMigrationResult | undefined {
  if (!(error instanceof LivemigError)) return undefined;
  const result = error.details.result;
  return typeof result === 'object' && result !== null ? (result as RealMigrationResult) : undefined;
}

class RealMigrationRun implements RealMigration {
  readonly result: Promise<RealMigrationResult>;
  readonly started: Promise<void>;
  private markStarted: () => void = () => {};
  private driver: MigrationDriver | undefined;
  private source: QemuProcess | undefined;
  private cancelRequested = false;

  constructor(
    private readonly options: RealMigrationOptions,
    private readonly settings: MigrationSettings,
  ) {
    let failStart: (error: unknown) => void = () => {};
    this.started = new Promise((resolve, reject) => {
      this.markStarted = resolve;
      failStart = reject;
    });
    this.started.catch(() => {}); // its failure is the result's
    this.result = this.execute();
    this.result.catch(failStart);
  }

  async cancel(): Promise<void> {
    this.cancelRequested = true;
    await this.driver?.cancel('cancelled');
  }

  extendLive(): Promise<void> {
    return this.live('extendLive').extendLive();
  }

  endLive(mode: EndLiveMode = 'now'): Promise<void> {
    return this.live('endLive').endLive(mode);
  }

  startPostcopy(): Promise<void> {
    return this.live('startPostcopy').startPostcopy();
  }

  sendGuestCommand(command: string): void {
    if (this.source === undefined) throw new LivemigError('invalid-state', 'The source VM has not booted yet.');
    this.source.console.send(command);
  }

  private live(what: string): MigrationDriver {
    if (this.driver === undefined) {
      throw new LivemigError('invalid-state', `Cannot ${what} before the migration starts: await migration.started.`);
    }
    return this.driver;
  }

  private async execute(): Promise<RealMigrationResult> {
    const { options, settings } = this;
    const managerOptions = {
      ...(options.accel === undefined ? {} : { accel: options.accel }),
      ...(options.qemuBinary === undefined ? {} : { qemuBinary: options.qemuBinary }),
      ...(options.logDir === undefined ? {} : { logDir: options.logDir }),
      ...(options.tempRoot === undefined ? {} : { tempRoot: options.tempRoot }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    };
    const manager = await QemuManager.create(managerOptions);
    try {
      const guest = options.guest ?? (await buildLabGuest());
      const { source, destination, bootSec } = await bootPair(manager, settings, guest);
      this.source = source;
      const heartbeats = new HeartbeatLog(source.console);
      if (this.cancelRequested)
        throw new LivemigError('migration-aborted', 'The migration was cancelled before it started.');
      const configuration = await configureMigration(
        source.qmp,
        destination.qmp,
        settings,
        options.beforeSwitchover !== undefined,
      );
      const uri = await listenIncoming(destination);
      const clock = manager.clock;
      const migrateAt = clock.nowSec();
      const startedAtEpochMs = clock.epochMs();
      const observer = new MigrationObserver(source.qmp, destination.qmp, () => clock.nowSec() - migrateAt);
      const parameters = configuration.parameters;
      const driver = new MigrationDriver(source, destination, settings, observer, parameters, options.beforeSwitchover);
      this.driver = driver;
      await source.qmp.execute('migrate', { uri });
      this.markStarted();
      const final = await driver.run();
      const completed = final.status === 'completed';
      const destinationCheck = completed ? await verifyGuestMemory(destination, VERIFY_TIMEOUT_MS) : undefined;
      const sourceCheck = completed ? undefined : await checkSource(source, SOURCE_CHECK_TIMEOUT_MS);
      observer.dispose();
      heartbeats.dispose();
      const names = {
        vm: options.vmName ?? 'lab-guest',
        from: options.sourceName ?? 'source',
        to: options.destinationName ?? 'destination',
      };
      const result = assembleResult({
        ...{ names, settings, manager, configuration, observer, driver, final, bootSec, startedAtEpochMs },
        ...{ destinationCheck, sourceCheck, logDir: options.logDir, heartbeats: heartbeats.beats(migrateAt) },
      });
      if (result.outcome !== 'completed') throw migrationError(result, driver.abortReason);
      return result;
    } finally {
      await manager.stopAll();
    }
  }
}
