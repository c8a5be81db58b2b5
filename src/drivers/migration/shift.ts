// A real migration's record on another clock: its times count from `migrate`; a run that holds several (a scenario)
// counts from its own start, so every time in the record moves by the moment `migrate` was sent.
import type { RealMigrationResult } from './result.ts';

export function shiftRealResult(result: RealMigrationResult, offsetSec: number): RealMigrationResult {
  if (offsetSec === 0) return result;
  const at = <T extends { time: number }>(item: T): T => ({ ...item, time: item.time + offsetSec });
  const maybe = (time: number | undefined) => (time === undefined ? undefined : time + offsetSec);
  const stats = result.stats;
  return {
    ...result,
    start: result.start + offsetSec,
    end: maybe(result.end),
    rounds: result.rounds.map((round) => ({ ...round, start: round.start + offsetSec, end: round.end + offsetSec })),
    operatorActions: result.operatorActions.map(at),
    stats: {
      ...stats,
      statusHistory: stats.statusHistory.map(at),
      qemuStatusHistory: stats.qemuStatusHistory.map(at),
      destinationStatusHistory: stats.destinationStatusHistory.map(at),
      sourceStopAtSec: maybe(stats.sourceStopAtSec),
      destinationResumeAtSec: maybe(stats.destinationResumeAtSec),
      samples: stats.samples.map(at),
    },
    guest: {
      ...result.guest,
      heartbeats: result.guest.heartbeats.map((beat) => ({ ...beat, atSec: beat.atSec + offsetSec })),
    },
    startedAtEpochMs: result.startedAtEpochMs,
  };
}
