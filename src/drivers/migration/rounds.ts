// Rounds of a real migration rebuilt from what was observed, in the simulator's RoundRecord shape: a pre-copy round
// runs from one dirty-bitmap sync to the next (pass 1 is the bulk copy, stage 1; later ones stage 2); stop-and-copy
// runs from the source's STOP to the end (or to post-copy, stage 4). Bytes are ram.transferred interpolated at those
// times between 100 ms polls (precopy-bytes at STOP); stop-and-copy and post-copy use QEMU's downtime-bytes and
// postcopy-bytes.
import type { RoundRecord, RoundStage } from '../../vm/index.ts';

export interface TransferPoint {
  time: number;
  transferredBytes: number;
}

/** The downtime limit in force from time `from` on (it changes with extendLive/endLive). */
export interface DowntimeLimitChange {
  from: number;
  sec: number;
}

export interface RoundInputs {
  /** Pass (dirty-sync-count) → when it was first seen. */
  passTimes: ReadonlyMap<number, number>;
  /** ram.transferred over time, from the polls. */
  transfers: readonly TransferPoint[];
  stopAt: number | undefined;
  postcopyAt: number | undefined;
  endAt: number;
  completed: boolean;
  finalTransferredBytes: number;
  /** Bytes sent while the VM was live (QEMU's precopy-bytes): ram.transferred at STOP. */
  precopyBytes: number;
  downtimeBytes: number;
  postcopyBytes: number;
  downtimeLimits: readonly DowntimeLimitChange[];
}

/** ram.transferred at time `at`, linear between the known points (0 bytes at time 0). */
export function transferredAt(points: readonly TransferPoint[], at: number): number {
  let before: TransferPoint = { time: 0, transferredBytes: 0 };
  for (const point of points) {
    if (point.time >= at) {
      if (point.time === before.time) return point.transferredBytes;
      const share = (at - before.time) / (point.time - before.time);
      return before.transferredBytes + share * (point.transferredBytes - before.transferredBytes);
    }
    before = point;
  }
  return before.transferredBytes;
}

function downtimeLimitAt(changes: readonly DowntimeLimitChange[], at: number): number | undefined {
  let sec: number | undefined;
  for (const change of changes) if (change.from <= at) sec = change.sec;
  return sec;
}

export function reconstructRounds(inputs: RoundInputs): RoundRecord[] {
  const end = { time: inputs.endAt, transferredBytes: inputs.finalTransferredBytes };
  const { stopAt } = inputs;
  const anchored = inputs.completed && stopAt !== undefined && inputs.precopyBytes > 0;
  // A poll between STOP and the end would mix stop-and-copy bytes into the last live round: anchor STOP instead.
  const points = anchored
    ? [...inputs.transfers.filter((p) => p.time < stopAt), { time: stopAt, transferredBytes: inputs.precopyBytes }, end]
    : [...inputs.transfers, end];
  const bytesBetween = (start: number, end: number) =>
    Math.max(0, Math.round(transferredAt(points, end) - transferredAt(points, start)));
  const round = (stage: RoundStage, index: number, start: number, end: number, bytes: number, threshold: boolean) => {
    const bandwidth = end > start ? bytes / (end - start) : 0;
    const limit = threshold ? downtimeLimitAt(inputs.downtimeLimits, end) : undefined;
    return {
      stage,
      index,
      start,
      end,
      bytes,
      bandwidth,
      threshold: limit === undefined ? undefined : bandwidth * limit,
    };
  };
  const liveEnd = Math.min(inputs.stopAt ?? inputs.endAt, inputs.endAt);
  const passes = [...inputs.passTimes.entries()].filter(([, at]) => at < liveEnd).sort((a, b) => a[0] - b[0]);
  const rounds: RoundRecord[] = passes.map(([pass, start], i) => {
    const end = passes[i + 1]?.[1] ?? liveEnd;
    const stage: RoundStage = pass === 1 ? 1 : 2;
    return round(stage, pass === 1 ? 0 : pass - 2, start, end, bytesBetween(start, end), true);
  });
  if (!inputs.completed || inputs.stopAt === undefined) return rounds;
  const stopEnd = inputs.postcopyAt ?? inputs.endAt;
  const stopBytes =
    inputs.postcopyAt === undefined && inputs.downtimeBytes > 0
      ? inputs.downtimeBytes
      : bytesBetween(inputs.stopAt, stopEnd);
  rounds.push(round(3, 0, inputs.stopAt, stopEnd, stopBytes, false));
  if (inputs.postcopyAt !== undefined) {
    const bytes = inputs.postcopyBytes > 0 ? inputs.postcopyBytes : bytesBetween(inputs.postcopyAt, inputs.endAt);
    rounds.push(round(4, 0, inputs.postcopyAt, inputs.endAt, bytes, false));
  }
  return rounds;
}
