// Every VM's state and host over time, built from the VM trace events; destroyed VMs keep their history. Empty
// intervals (a VM created and started at the same date) are left out.
import type { TimelineInterval } from './run-report.ts';

/** What the timeline knows of one VM. */
export interface VmTrack {
  readonly name: string;
  readonly firstHost: string;
  readonly createdAt: number;
  host: string;
  state: string;
  since: number;
  /** Destroyed for good (its resources released): no interval is open. */
  gone: boolean;
  readonly intervals: TimelineInterval[];
}

export class VmTimeline {
  private readonly tracks = new Map<string, VmTrack>();

  /** A VM appears (created now, or already there when recording starts). */
  appeared(name: string, host: string, state: string, time: number): void {
    const track = this.tracks.get(name);
    if (track === undefined) {
      this.tracks.set(name, {
        name,
        firstHost: host,
        createdAt: time,
        host,
        state,
        since: time,
        gone: false,
        intervals: [],
      });
      return;
    }
    // A new VM with the name of a destroyed one continues its row.
    this.close(track, time);
    Object.assign(track, { host, state, since: time, gone: false });
  }

  /** The VM is now in `state` on `host` (`gone` when destroyed for good). */
  changed(name: string, host: string, state: string, time: number, gone = false): void {
    const track = this.tracks.get(name);
    if (track === undefined) {
      this.appeared(name, host, state, time);
      return;
    }
    if (!track.gone && track.host === host && track.state === state && !gone) return;
    this.close(track, time);
    track.host = host;
    track.state = state;
    track.since = time;
    track.gone = gone;
  }

  /** Closes every open interval at `endTime`; VMs in the order they appeared, intervals in time order. */
  finish(endTime: number): VmTrack[] {
    const tracks = [...this.tracks.values()];
    for (const track of tracks) {
      this.close(track, endTime);
      track.since = endTime;
    }
    return tracks;
  }

  private close(track: VmTrack, time: number): void {
    if (track.gone || time <= track.since) return;
    track.intervals.push({ vm: track.name, host: track.host, state: track.state, start: track.since, end: time });
  }
}
