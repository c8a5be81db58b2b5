// libvirt-like job statistics of a phased migration (virDomainGetJobStats' keys that apply to a simulation), from
// the memory copy's record and the protocol's timeline. Downtime counts the hand-over: Finish's round trips, the
// port association and the dynamic state, until the VM runs again (on the destination, or back on the source).
import type { MigrationRecord } from '../vm/index.ts';
import type { JobStats, ProtocolRecord } from './records.ts';

export interface DowntimeMarks {
  pausedAt: number | undefined;
  dataCompleteAt: number | undefined;
  resumedAt: number | undefined;
}

export function jobStats(record: MigrationRecord, protocol: ProtocolRecord, marks: DowntimeMarks): JobStats {
  const { pausedAt, dataCompleteAt, resumedAt } = marks;
  const span = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined || to < from ? undefined : to - from;
  const rounds = record.rounds;
  const first = rounds[0];
  const last = rounds[rounds.length - 1];
  const copySec = first === undefined || last === undefined ? 0 : last.end - first.start;
  const stats = record.stats;
  const completed = protocol.outcome === 'completed';
  return {
    timeElapsedSec: (protocol.end ?? protocol.start) - protocol.start,
    downtimeSec: span(pausedAt, resumedAt),
    copyDowntimeSec: span(pausedAt, dataCompleteAt),
    handoverSec: span(dataCompleteAt, resumedAt),
    setupTimeSec: first === undefined ? undefined : first.start - protocol.start,
    dataTotalBytes: stats.totalBytes,
    dataProcessedBytes: record.bytesSent,
    dataRemainingBytes: completed ? 0 : stats.remainingBytes,
    memoryDirtyRatePagesPerSec: stats.dirtyPagesRate,
    memoryIterations: rounds.filter((r) => r.stage === 1 || r.stage === 2).length,
    memoryBytesPerSec: copySec > 0 ? record.bytesSent / copySec : 0,
    messages: protocol.messages.length,
    messageBytes: protocol.messages.reduce((sum, m) => sum + m.bytes, 0),
  };
}
