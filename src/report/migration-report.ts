// A migration record of the VM layer in the shape of report.json (keys in contract order, absent values left out).
import type { ProtocolRecord } from '../control/index.ts';
import type { MigrationRecord, RoundRecord } from '../vm/index.ts';
import { protocolReport } from './protocol-report.ts';
import type { MigrationReport, RoundReport } from './run-report.ts';

export function migrationReport(record: MigrationRecord, protocol?: ProtocolRecord): MigrationReport {
  return {
    id: record.id,
    vm: record.vm,
    from: record.from,
    to: record.to,
    algorithm: record.algorithm,
    start: record.start,
    ...(record.end === undefined ? {} : { end: record.end }),
    ...(record.durationSec === undefined ? {} : { durationSec: record.durationSec }),
    ...(record.downtimeSec === undefined ? {} : { downtimeSec: record.downtimeSec }),
    bytesSent: record.bytesSent,
    rounds: record.rounds.map(roundReport),
    outcome: record.outcome ?? 'running',
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(record.stats === undefined ? {} : { stats: { ...record.stats } }),
    ...(record.details === undefined ? {} : { details: { ...record.details } }),
    ...(protocol === undefined ? {} : { protocol: protocolReport(protocol) }),
  };
}

export function roundReport(round: RoundRecord): RoundReport {
  return {
    stage: round.stage,
    index: round.index,
    start: round.start,
    end: round.end,
    bytes: round.bytes,
    bandwidth: round.bandwidth,
    ...(round.threshold === undefined ? {} : { threshold: round.threshold }),
  };
}
