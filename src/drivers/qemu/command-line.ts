// The qemu-system-x86_64 command line of a lab VM: direct kernel boot, serial console on stdio, QMP on a unix socket,
// and `-incoming defer` for a destination (the migration address is given later with migrate-incoming).
import type { AcceleratorChoice } from './accelerator.ts';
import type { QemuRamSize } from './ram-size.ts';

/** What runs in the VM. */
export interface GuestBoot {
  kernelPath: string;
  initrdPath: string;
  /** The kernel command line (`-append`). */
  kernelArgs: string;
}

export interface VmLaunchSpec {
  name: string;
  boot: GuestBoot;
  ram: QemuRamSize;
  cpus: number;
  accelerator: AcceleratorChoice;
  qmpSocketPath: string;
  /** Start as a migration destination, waiting for migrate-incoming. */
  incoming: boolean;
}

export function qemuArguments(spec: VmLaunchSpec): string[] {
  const accel = spec.accelerator.accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg'];
  return [
    ...['-name', spec.name, '-nodefaults', '-display', 'none', '-no-reboot', '-machine', 'pc'],
    ...accel,
    ...['-m', spec.ram.argument, '-smp', String(spec.cpus)],
    ...['-kernel', spec.boot.kernelPath, '-initrd', spec.boot.initrdPath, '-append', spec.boot.kernelArgs],
    ...['-chardev', 'stdio,id=console,signal=off', '-serial', 'chardev:console'],
    ...['-qmp', `unix:${spec.qmpSocketPath},server=on,wait=off`],
    ...(spec.incoming ? ['-incoming', 'defer'] : []),
  ];
}
