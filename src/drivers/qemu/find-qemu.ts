// Finding qemu-system-x86_64 and its version (`-version`), with the install command when it is missing.
import { execFile } from 'node:child_process';
import { LivemigError } from '../../core/index.ts';

export const QEMU_BINARY = 'qemu-system-x86_64';
export const INSTALL_HINT = 'apt-get install -y --no-install-recommends qemu-system-x86 (or: bash lab/install-deps.sh)';

export interface QemuVersionNumber {
  major: number;
  minor: number;
  micro: number;
}

export interface QemuInstallation {
  /** The binary as given to spawn (a name looked up in PATH, or a path). */
  binary: string;
  version: QemuVersionNumber;
  /** First line of `-version`, e.g. `QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)`. */
  versionText: string;
}

/** Reads `QEMU emulator version 7.2.22 (…)`; undefined when the text has no version. */
export function parseQemuVersion(text: string): QemuVersionNumber | undefined {
  const match = /version (\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), micro: Number(match[3] ?? 0) };
}

export function versionAtLeast(version: QemuVersionNumber, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** Runs `<binary> -version`; fails with the install command when the binary is not there. */
export function findQemu(binary: string = QEMU_BINARY): Promise<QemuInstallation> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['-version'], { timeout: 10_000 }, (error, stdout) => {
      if (error !== null) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const message = missing
          ? `${binary} is not installed (or not in PATH). Install it with: ${INSTALL_HINT}`
          : `${binary} -version failed: ${error.message}`;
        reject(
          new LivemigError('driver-failure', message, { details: { reason: 'qemu-missing', binary }, cause: error }),
        );
        return;
      }
      const versionText = stdout.split('\n')[0]?.trim() ?? '';
      const version = parseQemuVersion(versionText);
      if (version === undefined) {
        const message = `Cannot read the QEMU version from "${versionText}" (${binary} -version).`;
        reject(new LivemigError('driver-failure', message, { details: { reason: 'qemu-version', binary } }));
        return;
      }
      resolve({ binary, version, versionText });
    });
  });
}

/** Whether `qemu-system-x86_64` can be run here (tests skip when it cannot). */
export async function qemuAvailable(binary: string = QEMU_BINARY): Promise<boolean> {
  try {
    await findQemu(binary);
    return true;
  } catch {
    return false;
  }
}
