// The messages of the QEMU Machine Protocol (QMP) as they travel: greeting, replies, errors and events.

export interface QmpVersion {
  qemu: { major: number; minor: number; micro: number };
  package: string;
}

/** The first line QEMU sends: `{"QMP": {"version": …, "capabilities": […]}}`. */
export interface QmpGreeting {
  version: QmpVersion;
  capabilities: string[];
}

/** An asynchronous event: `{"event": "MIGRATION", "data": {…}, "timestamp": {"seconds", "microseconds"}}`. */
export interface QmpEvent {
  event: string;
  data: Record<string, unknown>;
  /** QEMU's own wall-clock stamp of the event, in seconds since the epoch. */
  timestampSec: number;
}

/** The `error` member of a failed reply, e.g. `{"class": "GenericError", "desc": "…"}`. */
export interface QmpErrorBody {
  class: string;
  desc: string;
}

/** Why a QMP exchange failed, in `LivemigError.details.reason`. */
export type QmpFailureReason = 'qemu-error' | 'connection-lost' | 'timeout' | 'malformed-reply' | 'connect-failed';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
