// Checks on the guest after a migration: its memory on the destination (the dirtier's `verify`), and, when the
// migration did not complete, whether the source VM still runs and its guest still reports.
import { isLivemigError } from '../../core/index.ts';
import type { QemuProcess } from '../qemu/qemu-process.ts';

export interface MemoryCheck {
  verdict: 'ok' | 'failed';
  /** The dirtier's answer (`VERIFY OK …` / `VERIFY FAIL page=…`), or why there was none. */
  detail: string;
}

export interface SourceCheck {
  /** `query-status` of the source after the migration: `running`, `postmigrate`, … */
  runState: string | undefined;
  /** Whether the guest printed a report after the migration ended. */
  reporting: boolean;
}

/** Sends `verify` to the guest on `vm` and waits for its verdict. */
export async function verifyGuestMemory(vm: QemuProcess, timeoutMs: number): Promise<MemoryCheck> {
  const answer = vm.console.waitForLine(/^VERIFY (OK|FAIL)/, { timeoutMs, what: 'answer to "verify"' });
  try {
    vm.console.send('verify');
    const line = await answer;
    return { verdict: line.text.startsWith('VERIFY OK') ? 'ok' : 'failed', detail: line.text };
  } catch (error) {
    answer.catch(() => {});
    if (!isLivemigError(error)) throw error;
    const panic = vm.console.recentLines.find((line) => /Kernel panic|BUG:|Oops/.test(line.text));
    return { verdict: 'failed', detail: panic === undefined ? error.message : `guest crashed: ${panic.text}` };
  }
}

/** The source's run state and whether its guest still reports (a heartbeat within `timeoutMs`). */
export async function checkSource(vm: QemuProcess, timeoutMs: number): Promise<SourceCheck> {
  if (!vm.running) return { runState: undefined, reporting: false };
  const heartbeat = vm.console.waitForLine(/^HB /, { timeoutMs, what: 'heartbeat' }).then(
    () => true,
    () => false,
  );
  const status = await vm.qmp.execute<{ status?: string }>('query-status').catch(() => undefined);
  return { runState: status?.status, reporting: await heartbeat };
}
