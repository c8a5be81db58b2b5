// The typed failures of the QMP client: every one a LivemigError 'driver-failure' whose details say why.
import { LivemigError } from '../../core/index.ts';
import type { QmpErrorBody, QmpFailureReason } from './qmp-types.ts';

export interface QmpFailureDetails {
  socketPath: string;
  command?: string;
  errorClass?: string;
  errorDesc?: string;
  timeoutMs?: number;
  line?: string;
}

export function qmpFailure(
  reason: QmpFailureReason,
  message: string,
  details: QmpFailureDetails,
  cause?: unknown,
): LivemigError {
  return new LivemigError('driver-failure', message, { details: { reason, ...details }, cause });
}

/** QEMU answered a command with an error reply. */
export function qemuErrorReply(socketPath: string, command: string, body: QmpErrorBody): LivemigError {
  return qmpFailure('qemu-error', `QEMU refused "${command}": ${body.desc} (${body.class}).`, {
    socketPath,
    command,
    errorClass: body.class,
    errorDesc: body.desc,
  });
}

/** The reason a QMP failure carries, or undefined for any other error. */
export function qmpFailureReason(error: unknown): QmpFailureReason | undefined {
  if (!(error instanceof LivemigError) || error.code !== 'driver-failure') return undefined;
  const reason = error.details.reason;
  return typeof reason === 'string' ? (reason as QmpFailureReason) : undefined;
}
