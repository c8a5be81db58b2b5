// The lab guest as files: runs lab/build-guest.sh (idempotent, cached in lab/out/) and reads the manifest it writes.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { LivemigError } from '../../core/index.ts';

export const LAB_DIR = fileURLToPath(new URL('../../../lab/', import.meta.url));

export interface LabGuest {
  kernelPath: string;
  initrdPath: string;
  /** Debian kernel ABI, e.g. `6.1.0-56-cloud-amd64`. */
  kernelAbi: string;
  /** Hash of the guest's sources (dirtier.c, init, busybox, the build script). */
  sourcesHash: string;
}

export interface BuildLabGuestOptions {
  /** Where to build and cache; default `lab/out/`. */
  outDir?: string;
  /** Debian kernel ABI to use instead of the one `linux-image-cloud-amd64` depends on. */
  kernelAbi?: string;
  /** Default 5 minutes (the first build downloads the kernel package, about 27 MB). */
  timeoutMs?: number;
}

export interface LabGuestBuild extends LabGuest {
  /** What the build script wrote to stderr (its progress). */
  log: string;
}

/** Builds (or reuses) the lab guest: Debian's cloud kernel and an initramfs with busybox, /init and the dirtier. */
export function buildLabGuest(options: BuildLabGuestOptions = {}): Promise<LabGuestBuild> {
  const args = [`${LAB_DIR}build-guest.sh`];
  if (options.outDir !== undefined) args.push('--out', options.outDir);
  if (options.kernelAbi !== undefined) args.push('--kernel-abi', options.kernelAbi);
  return new Promise((resolve, reject) => {
    execFile('bash', args, { timeout: options.timeoutMs ?? 300_000 }, (error, stdout, stderr) => {
      if (error !== null) {
        const message = `Building the lab guest failed (bash lab/build-guest.sh): ${lastLines(stderr) || error.message}`;
        reject(
          new LivemigError('driver-failure', message, {
            details: { reason: 'guest-build-failed', stderr },
            cause: error,
          }),
        );
        return;
      }
      const manifest = stdout.trim().split('\n').pop() ?? '';
      readManifest(manifest).then((guest) => resolve({ ...guest, log: stderr }), reject);
    });
  });
}

async function readManifest(path: string): Promise<LabGuest> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const field = (name: string): string => {
    const value = json[name];
    if (typeof value !== 'string') {
      throw new LivemigError('driver-failure', `The lab guest manifest ${path} has no "${name}".`, {
        details: { reason: 'guest-build-failed' },
      });
    }
    return value;
  };
  return {
    kernelPath: field('kernel'),
    initrdPath: field('initramfs'),
    kernelAbi: field('kernelAbi'),
    sourcesHash: field('sourcesHash'),
  };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join('\n');
}
