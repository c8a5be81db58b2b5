// Reading QMP messages from parsed JSON into typed values, or undefined when a message lacks what it must have.
import { isRecord, type QmpEvent, type QmpGreeting } from './qmp-types.ts';

export function parseGreeting(body: unknown): QmpGreeting | undefined {
  if (!isRecord(body) || !isRecord(body.version) || !isRecord(body.version.qemu)) return undefined;
  const { major, minor, micro } = body.version.qemu;
  if (typeof major !== 'number' || typeof minor !== 'number' || typeof micro !== 'number') return undefined;
  const packageName = typeof body.version.package === 'string' ? body.version.package : '';
  const capabilities = Array.isArray(body.capabilities) ? body.capabilities.filter((c) => typeof c === 'string') : [];
  return { version: { qemu: { major, minor, micro }, package: packageName }, capabilities };
}

export function parseEvent(message: Record<string, unknown>): QmpEvent | undefined {
  if (typeof message.event !== 'string') return undefined;
  const data = isRecord(message.data) ? message.data : {};
  const stamp = isRecord(message.timestamp) ? message.timestamp : {};
  const seconds = typeof stamp.seconds === 'number' ? stamp.seconds : 0;
  const microseconds = typeof stamp.microseconds === 'number' ? stamp.microseconds : 0;
  return { event: message.event, data, timestampSec: seconds + microseconds / 1e6 };
}
