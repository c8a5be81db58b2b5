// Typed failures that simulated activities reject with; actors may catch them.
import { LivemigError } from '../core/index.ts';
import type { BlockedActor } from './engine.ts';

export function hostFailure(host: string, message?: string): LivemigError {
  return new LivemigError('host-failure', message ?? `Host "${host}" failed (turned off).`, { details: { host } });
}

export function networkFailure(message: string, details: Record<string, unknown> = {}): LivemigError {
  return new LivemigError('network-failure', message, { details });
}

export function timeoutError(message: string, details: Record<string, unknown> = {}): LivemigError {
  return new LivemigError('timeout', message, { details });
}

export function cancelledError(message: string, details: Record<string, unknown> = {}): LivemigError {
  return new LivemigError('cancelled', message, { details });
}

export function actorKilled(actor: string, reason: string): LivemigError {
  return new LivemigError('actor-killed', `Actor "${actor}" was killed: ${reason}.`, { details: { actor, reason } });
}

/** A deadlock: actors remain, none can run and nothing will ever happen; the message lists each one. */
export function deadlockError(time: number, blocked: BlockedActor[]): LivemigError {
  const lines = blocked.map((b) => `  - actor ${b.pid} "${b.actor}" on ${b.host}: waiting for ${b.waitingFor}`);
  return new LivemigError(
    'deadlock',
    [`Deadlock at ${time} s: ${blocked.length} actor(s) wait for something that will never happen:`, ...lines].join(
      '\n',
    ),
    { details: { time, blocked } },
  );
}
