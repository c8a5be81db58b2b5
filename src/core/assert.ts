// Internal invariants: a failed assertion is a bug in livemig, reported as an 'internal' error with the state.
import { LivemigError } from './errors.ts';

export function assert(condition: unknown, message: string, details: Record<string, unknown> = {}): asserts condition {
  if (!condition) {
    throw new LivemigError('internal', `Internal error: ${message}. This is a bug in livemig; please report it.`, {
      details,
    });
  }
}
