// One transfer of migration data: the bytes split over N parallel streams (multifd), optionally compressed, with
// the CPU cost of sending and receiving charged as executions on the source and destination hosts.
import type { ActivityHandle, ActorContext, CommHandle, ExecHandle } from '../../kernel/index.ts';
import type { Host } from '../../platform/index.ts';
import type { RoundStage } from './records.ts';

/** What travels on a migration's mailboxes: a round's pages, the last transfer the receiver waits for before the VM
 * may resume (the stop-and-copy, or post-copy's device state), and the destination's acknowledgement. */
export type MigrationPayload =
  | { readonly kind: 'pages'; readonly stage: RoundStage }
  | { readonly kind: 'final' }
  | { readonly kind: 'ack' };

const PAGES: Readonly<Record<RoundStage, MigrationPayload>> = {
  1: Object.freeze({ kind: 'pages', stage: 1 }),
  2: Object.freeze({ kind: 'pages', stage: 2 }),
  3: Object.freeze({ kind: 'pages', stage: 3 }),
  4: Object.freeze({ kind: 'pages', stage: 4 }),
};
export const FINAL_PAYLOAD: MigrationPayload = Object.freeze({ kind: 'final' });
export const ACK_PAYLOAD: MigrationPayload = Object.freeze({ kind: 'ack' });

/** The payload of a transfer of `stage`, or of the last one. */
export function payloadOf(stage: RoundStage, final: boolean): MigrationPayload {
  return final ? FINAL_PAYLOAD : PAGES[stage];
}

export interface TransferSpec {
  mailbox: string;
  payload: MigrationPayload;
  /** Bytes on the wire (after compression). */
  wireBytes: number;
  /** Bytes of memory they carry (before compression). */
  memoryBytes: number;
  streams: number;
  rateBytesPerSec: number | undefined;
  /** Flops spent on the source per byte of memory sent (compression, copying), and on the destination. */
  sendFlopsPerByte: number;
  receiveFlopsPerByte: number;
  destination: Host;
}

export class Transfer {
  readonly start: number;
  private readonly comms: CommHandle<void>[];
  private readonly execs: ExecHandle[] = [];

  constructor(
    private readonly ctx: ActorContext,
    readonly spec: TransferSpec,
  ) {
    this.start = ctx.now;
    const streams = Math.max(1, Math.min(spec.streams, Math.max(1, Math.ceil(spec.wireBytes))));
    const share = spec.wireBytes / streams;
    const rate = spec.rateBytesPerSec === undefined ? undefined : spec.rateBytesPerSec / streams;
    const box = ctx.mailbox(spec.mailbox);
    this.comms = Array.from({ length: streams }, () =>
      box.putAsync(spec.payload, share, rate === undefined ? {} : { rateBytesPerSec: rate }),
    );
    if (spec.sendFlopsPerByte > 0) this.execs.push(ctx.execAsync(spec.memoryBytes * spec.sendFlopsPerByte));
    if (spec.receiveFlopsPerByte > 0) {
      this.execs.push(ctx.execAsync(spec.memoryBytes * spec.receiveFlopsPerByte, {}, spec.destination));
    }
  }

  get streams(): number {
    return this.comms.length;
  }

  /** Every activity still running. */
  pending(): ActivityHandle<unknown>[] {
    const left: ActivityHandle<unknown>[] = [];
    for (const comm of this.comms) if (!isEnded(comm)) left.push(comm);
    for (const exec of this.execs) if (!isEnded(exec)) left.push(exec);
    return left;
  }

  isDone(): boolean {
    for (const comm of this.comms) if (!isEnded(comm)) return false;
    for (const exec of this.execs) if (!isEnded(exec)) return false;
    return true;
  }

  /** Bytes of memory already received (in proportion of the wire bytes received). */
  sentMemoryBytes(): number {
    const wire = this.spec.wireBytes;
    if (wire <= 0) return this.isDone() ? this.spec.memoryBytes : 0;
    let left = 0;
    for (const comm of this.comms) left += comm.remaining;
    return this.spec.memoryBytes * (1 - Math.min(1, left / wire));
  }

  /** Stops every part still running (what was sent stays sent). */
  cancel(): void {
    for (const part of this.pending()) part.cancel();
  }

  /** Waits for the whole transfer (a failure of any part rejects). */
  async wait(): Promise<void> {
    for (;;) {
      const left = this.pending();
      if (left.length === 0) return;
      if (left.length === 1) await (left[0] as ActivityHandle<unknown>).wait();
      else await this.ctx.waitAny(left);
    }
  }

  /** Waits for the whole transfer, or for `timeoutSec`; returns true when it timed out (the transfer is then
   * cut, as SimGrid cuts a communication whose wait times out). */
  async waitFor(timeoutSec: number): Promise<boolean> {
    if (this.comms.length === 1 && this.execs.length === 0) {
      try {
        await (this.comms[0] as CommHandle<void>).waitFor(timeoutSec);
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === 'timeout') return true;
        throw error;
      }
    }
    const deadline = this.ctx.sleepAsync(timeoutSec);
    for (;;) {
      const left = this.pending();
      if (left.length === 0) {
        deadline.cancel();
        return false;
      }
      const index = await this.ctx.waitAny([...left, deadline]);
      if (index === left.length) {
        for (const part of this.pending()) part.cancel();
        return true;
      }
    }
  }

  /** Waits until the transfer ends or `seconds` pass; true when it ended. */
  async waitAtMost(seconds: number): Promise<boolean> {
    const waited = this.pending();
    const parts = waited.length;
    if (parts === 0) return true;
    const tick = this.ctx.sleepAsync(seconds);
    waited.push(tick);
    const index = await this.ctx.waitAny(waited);
    if (index !== parts) tick.cancel();
    return this.isDone();
  }
}

function isEnded(handle: ActivityHandle<unknown>): boolean {
  const state = handle.state;
  return state === 'done' || state === 'failed' || state === 'canceled' || state === 'timeout';
}
