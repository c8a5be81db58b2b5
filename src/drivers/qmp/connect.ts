// Connecting to a unix socket that may not exist yet (QEMU creates it a moment after it starts): retry until a deadline.
import { createConnection, type Socket } from 'node:net';
import { sleep } from '../wall-clock.ts';
import { qmpFailure } from './qmp-errors.ts';

const RETRY_MS = 20;
const RETRIABLE = new Set(['ENOENT', 'ECONNREFUSED']);

/** Connects to `path`, retrying every 20 ms while the socket is missing or refuses, for at most `timeoutMs`
 * (or until `signal` aborts). */
export async function connectUnixSocket(path: string, timeoutMs: number, signal?: AbortSignal): Promise<Socket> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted === true) {
      throw qmpFailure('connect-failed', `Connecting to QMP socket ${path} was given up.`, { socketPath: path });
    }
    try {
      return await connectOnce(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRIABLE.has(code) || performance.now() + RETRY_MS > deadline) {
        const message = `Cannot connect to QMP socket ${path}: ${(error as Error).message}. Is QEMU running with -qmp unix:${path},server=on,wait=off?`;
        throw qmpFailure('connect-failed', message, { socketPath: path, timeoutMs }, error);
      }
      await sleep(RETRY_MS);
    }
  }
}

function connectOnce(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
