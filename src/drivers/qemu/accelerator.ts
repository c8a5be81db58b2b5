// Choosing the accelerator: KVM only where it really works, TCG otherwise, and saying why. On the project's machines
// /dev/kvm exists but comes from kvm_pvm on a CPU without vmx/svm: QEMU aborts with -cpu host and a stock kernel hangs.
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { LivemigError } from '../../core/index.ts';

export type AcceleratorRequest = 'auto' | 'tcg' | 'kvm';

export interface AcceleratorChoice {
  accel: 'tcg' | 'kvm';
  /** Why this one (and, for TCG, why not KVM). */
  reason: string;
}

/** What the host shows about KVM, read from /dev/kvm, /proc/cpuinfo and /sys/module. */
export interface KvmFacts {
  device: 'missing' | 'no-access' | 'ok';
  cpuFlags: readonly string[];
  pvmModule: boolean;
}

export interface KvmVerdict {
  usable: boolean;
  reason: string;
}

export function judgeKvm(facts: KvmFacts): KvmVerdict {
  if (facts.device === 'missing') return { usable: false, reason: '/dev/kvm does not exist (no KVM module loaded).' };
  if (facts.device === 'no-access') {
    return { usable: false, reason: '/dev/kvm is not readable and writable by this user (add it to the kvm group).' };
  }
  const hardware = facts.cpuFlags.includes('vmx') || facts.cpuFlags.includes('svm');
  if (facts.pvmModule && !hardware) {
    return {
      usable: false,
      reason:
        '/dev/kvm comes from kvm_pvm (page-table-based virtualisation) on a CPU without vmx/svm: QEMU aborts with ' +
        '-cpu host (MSR 0x10a) and a stock Debian kernel boots about 20 times slower, then hangs (docs/qemu.md).',
    };
  }
  if (!hardware) return { usable: false, reason: 'the CPU shows no vmx/svm flag, so /dev/kvm cannot run guests well.' };
  return { usable: true, reason: '/dev/kvm is usable and the CPU has hardware virtualisation.' };
}

export async function readKvmFacts(): Promise<KvmFacts> {
  let device: KvmFacts['device'] = 'ok';
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch (error) {
    device = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'no-access';
  }
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const flagsLine = /^flags\s*:(.*)$/m.exec(cpuinfo)?.[1] ?? '';
  const pvmModule = await access('/sys/module/kvm_pvm').then(
    () => true,
    () => false,
  );
  return { device, cpuFlags: flagsLine.trim().split(/\s+/), pvmModule };
}

export function chooseAccelerator(request: AcceleratorRequest, kvm: KvmVerdict): AcceleratorChoice {
  if (request === 'tcg') return { accel: 'tcg', reason: 'TCG was asked for.' };
  if (kvm.usable) return { accel: 'kvm', reason: kvm.reason };
  if (request === 'auto')
    return { accel: 'tcg', reason: `TCG (software emulation), because KVM is not usable: ${kvm.reason}` };
  throw new LivemigError(
    'driver-failure',
    `KVM was asked for but is not usable: ${kvm.reason} Use accel 'tcg' or 'auto'.`,
    {
      details: { reason: 'kvm-unusable' },
    },
  );
}
