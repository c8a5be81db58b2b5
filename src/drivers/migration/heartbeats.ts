// The guest's heartbeats (`HB t=… written=… rate=…`, once a second on the source console) and the write rate the
// dirtier achieved while the migration was live: under TCG on a busy machine it may fall short of its target.
import type { ConsoleLine, GuestConsole } from '../qemu/guest-console.ts';

export interface Heartbeat {
  /** Host time of the line, seconds since `migrate` was sent (negative before). */
  atSec: number;
  /** The guest's own clock (`t=`). */
  guestSec: number;
  /** Page writes since the dirtier started. */
  written: number;
  /** Page writes per second over the last second, as the guest measured it. */
  rate: number;
  /** Writes dropped after a stall over 100 ms (the guest was stopped). */
  skipped: number;
}

const HB = /^HB t=([\d.]+) .*\bwritten=(\d+) rate=(\d+) .*\bskipped=(\d+)/;

export function parseHeartbeat(text: string, atSec: number): Heartbeat | undefined {
  const match = HB.exec(text);
  if (match === null) return undefined;
  return {
    atSec,
    guestSec: Number(match[1]),
    written: Number(match[2]),
    rate: Number(match[3]),
    skipped: Number(match[4]),
  };
}

/** Collects the heartbeats of a console (those it still holds, then every new one). */
export class HeartbeatLog {
  private readonly lines: ConsoleLine[] = [];
  private readonly off: () => void;

  constructor(private readonly console: GuestConsole) {
    this.lines.push(...console.recentLines.filter((line) => line.text.startsWith('HB ')));
    this.off = console.onLine((line) => {
      if (line.text.startsWith('HB ')) this.lines.push(line);
    });
  }

  /** The heartbeats, with times in seconds since `migrate` (sent at `migrateAtSec` on the console's clock). */
  beats(migrateAtSec: number): Heartbeat[] {
    const offset = this.console.originSec - migrateAtSec;
    return this.lines.flatMap((line) => parseHeartbeat(line.text, line.atSec + offset) ?? []);
  }

  dispose(): void {
    this.off();
  }
}

/** Pages/s written between the last heartbeat before `from` and the last one before `to` (by the guest's clock);
 * with a single heartbeat, its own measured rate. Undefined without any. */
export function achievedRate(beats: readonly Heartbeat[], from: number, to: number): number | undefined {
  const upTo = (at: number) => beats.filter((beat) => beat.atSec <= at).at(-1);
  const last = upTo(to) ?? beats.find((beat) => beat.atSec > to);
  if (last === undefined) return undefined;
  const first = upTo(from);
  if (first === undefined || first === last || last.guestSec <= first.guestSec) return last.rate;
  return (last.written - first.written) / (last.guestSec - first.guestSec);
}
