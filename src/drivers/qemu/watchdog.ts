// A watchdog per QEMU process, so that no QEMU outlives livemig: a tiny `sh` whose stdin is a pipe from this process.
// If livemig dies without stopping QEMU, the pipe closes and the watchdog sends SIGTERM, then SIGKILL, to that one PID.
import { type ChildProcess, spawn } from 'node:child_process';

const SCRIPT = 'read _; kill -TERM "$1" 2>/dev/null; sleep 2; kill -KILL "$1" 2>/dev/null';

export interface Watchdog {
  /** Stops the watchdog itself (by its PID), when livemig stops QEMU on its own. */
  dismiss(): void;
}

export function watchProcess(pid: number): Watchdog {
  const child: ChildProcess = spawn('sh', ['-c', SCRIPT, 'livemig-watchdog', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.on('error', () => {}); // no sh: QEMU is still stopped by stop(); only the crash guard is lost
  child.stdin?.on('error', () => {});
  child.unref();
  (child.stdin as { unref?: () => void } | null)?.unref?.();
  return {
    dismiss: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
