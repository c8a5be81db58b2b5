// What `livemig lab build` and `livemig lab migrate` call: build the guest and report the QEMU set-up; run one real
// migration and return its record whatever the outcome (only a broken driver or bad options reject).
import { isLivemigError } from '../core/index.ts';
import { type BuildLabGuestOptions, buildLabGuest, type LabGuestBuild } from './lab/lab-guest.ts';
import type { RealMigrationOptions } from './migration/options.ts';
import type { RealMigrationResult } from './migration/result.ts';
import { type AcceleratorChoice, chooseAccelerator, judgeKvm, readKvmFacts } from './qemu/accelerator.ts';
import { findQemu, type QemuInstallation } from './qemu/find-qemu.ts';
import { migrateReal, realMigrationResultOf } from './qemu-migration.ts';

export interface LabBuildOptions extends BuildLabGuestOptions {
  qemuBinary?: string;
}

export interface LabBuildReport {
  guest: LabGuestBuild;
  /** The QEMU found, or undefined with `qemuProblem` saying why (and how to install it). */
  qemu: QemuInstallation | undefined;
  qemuProblem: string | undefined;
  /** What `accel: 'auto'` would use here, and why. */
  accelerator: AcceleratorChoice;
}

export async function labBuild(options: LabBuildOptions = {}): Promise<LabBuildReport> {
  const { qemuBinary, ...guestOptions } = options;
  const guest = await buildLabGuest(guestOptions);
  let qemu: QemuInstallation | undefined;
  let qemuProblem: string | undefined;
  try {
    qemu = await findQemu(qemuBinary);
  } catch (error) {
    if (!isLivemigError(error)) throw error;
    qemuProblem = error.message;
  }
  const accelerator = chooseAccelerator('auto', judgeKvm(await readKvmFacts()));
  return { guest, qemu, qemuProblem, accelerator };
}

export type LabMigrateOptions = RealMigrationOptions;

/** One real migration; resolves with its record for every outcome (completed, failed, aborted). */
export async function labMigrate(options: LabMigrateOptions = {}): Promise<RealMigrationResult> {
  try {
    return await migrateReal(options);
  } catch (error) {
    const result = realMigrationResultOf(error);
    if (result === undefined) throw error;
    return result;
  }
}
