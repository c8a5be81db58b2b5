// The guest RAM size given to QEMU, with the QEMU < 9.0 workaround: under TCG, a RAM size that is a multiple of
// 256 KiB takes a dirty-bitmap fast path that loses dirty pages (fixed upstream by commit 03bfc2188f), so 4 KiB is added.
import { invalidArgument } from '../../core/index.ts';
import type { QemuVersionNumber } from './find-qemu.ts';
import { versionAtLeast } from './find-qemu.ts';

const KIB = 1024;
const FAST_PATH_BYTES = 256 * KIB;
const PAGE_BYTES = 4 * KIB;

export interface QemuRamSize {
  /** The `-m` argument, e.g. `524292k`. */
  argument: string;
  bytes: number;
  /** Set when the size was changed to dodge the QEMU bug: what was done and why. */
  workaround: string | undefined;
}

export function qemuRamSize(ramBytes: number, version: QemuVersionNumber, accel: 'tcg' | 'kvm'): QemuRamSize {
  if (!Number.isInteger(ramBytes) || ramBytes <= 0 || ramBytes % PAGE_BYTES !== 0) {
    throw invalidArgument(`Guest RAM must be a positive multiple of 4 KiB, got ${ramBytes} bytes.`, { ramBytes });
  }
  const buggy = accel === 'tcg' && !versionAtLeast(version, 9, 0) && ramBytes % FAST_PATH_BYTES === 0;
  const bytes = buggy ? ramBytes + PAGE_BYTES : ramBytes;
  const workaround = buggy
    ? `RAM raised from ${ramBytes / KIB} KiB to ${bytes / KIB} KiB: QEMU ${version.major}.${version.minor} under TCG ` +
      'loses dirty pages when RAM is a multiple of 256 KiB (fixed in QEMU 9.0, commit 03bfc2188f).'
    : undefined;
  return { argument: `${bytes / KIB}k`, bytes, workaround };
}
