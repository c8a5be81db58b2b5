// Typed failures that simulated activities reject with; actors may catch them.
import { LivemigError } from '../core/index.ts';

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
