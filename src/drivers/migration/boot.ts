// Booting the two VMs of a lab migration: the source running the guest, the destination waiting (`-incoming defer`)
// on a TCP port QEMU picks (migrate-incoming tcp:127.0.0.1:0, then the port read back from query-migrate).
import { LivemigError } from '../../core/index.ts';
import type { LabGuest } from '../lab/lab-guest.ts';
import type { QemuManager } from '../qemu/qemu-manager.ts';
import type { QemuProcess } from '../qemu/qemu-process.ts';
import { isRecord } from '../qmp/qmp-types.ts';
import { sleep } from '../wall-clock.ts';
import type { MigrationSettings } from './options.ts';

export interface BootedPair {
  source: QemuProcess;
  destination: QemuProcess;
  /** From spawning the source to the guest's first report. */
  bootSec: number;
}

/** The guest's kernel command line: serial console, reboot (so QEMU exits) on panic, and the dirtier's settings. */
export function guestKernelArgs(settings: MigrationSettings): string {
  return `console=ttyS0 panic=-1 quiet nokaslr wss_mib=${settings.workingSetMiB} rate=${settings.guestRate}`;
}

export async function bootPair(
  manager: QemuManager,
  settings: MigrationSettings,
  guest: LabGuest,
): Promise<BootedPair> {
  const boot = { kernelPath: guest.kernelPath, initrdPath: guest.initrdPath, kernelArgs: guestKernelArgs(settings) };
  const spawnedAt = manager.clock.nowSec();
  const vm = { boot, ramBytes: settings.ramBytes };
  const [source, destination] = await Promise.all([
    manager.startVm({ ...vm, name: 'source' }),
    manager.startVm({ ...vm, name: 'destination', incoming: true }),
  ]);
  const first = await source.console.waitForLine(/^(HB |ERR |DIRTIER exited|Kernel panic)/, {
    timeoutMs: settings.bootTimeoutSec * 1000,
    what: "guest's first report (HB line)",
  });
  if (!first.text.startsWith('HB ')) {
    const message = `The lab guest did not start its workload: "${first.text}" (console log ${source.console.logPath}).`;
    throw new LivemigError('driver-failure', message, { details: { reason: 'guest-failed', line: first.text } });
  }
  const bootSec = manager.clock.nowSec() - spawnedAt;
  if (settings.warmUpSec > 0) await sleep(settings.warmUpSec * 1000);
  return { source, destination, bootSec };
}

/** Makes the destination listen on a free loopback port and returns the URI to give `migrate`. */
export async function listenIncoming(destination: QemuProcess): Promise<string> {
  await destination.qmp.execute('migrate-incoming', { uri: 'tcp:127.0.0.1:0' });
  const info = await destination.qmp.execute<Record<string, unknown>>('query-migrate');
  const addresses = Array.isArray(info['socket-address']) ? info['socket-address'] : [];
  const address: unknown = addresses[0];
  const port = isRecord(address) ? Number(address.port) : Number.NaN;
  if (!Number.isInteger(port) || port <= 0) {
    const message = `The destination QEMU did not say which port it listens on (query-migrate: ${JSON.stringify(info)}).`;
    throw new LivemigError('driver-failure', message, { details: { reason: 'no-incoming-port' } });
  }
  return `tcp:127.0.0.1:${port}`;
}
