// Where the queue is: a redis://HOST:PORT[/DB] address → BullMQ's connection options; a bad one is bad input.
import { InputError } from '../../core/index.ts';

/** The queue that sweeps put their runs on. */
export const QUEUE_NAME = 'livemig-runs';

export interface RedisConnection {
  host: string;
  port: number;
  db?: number;
  password?: string;
  maxRetriesPerRequest: null;
}

export function redisConnection(url: string): RedisConnection {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.protocol !== 'redis:' || parsed.hostname === '') {
    throw new InputError('Bad Redis address:', [
      {
        code: 'invalid-url',
        path: '',
        message: `"${url}" is not a Redis address.`,
        hint: 'Write redis://HOST:PORT, e.g. redis://127.0.0.1:6379.',
      },
    ]);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined;
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(db === undefined || !Number.isInteger(db) ? {} : { db }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    maxRetriesPerRequest: null,
  };
}
