// Mailboxes: rendez-vous points where a send meets a receive, in FIFO order.
import type { Actor } from './actor.ts';
import { CommActivity } from './comm.ts';
import type { Engine } from './engine.ts';

export interface SendOptions {
  /** Cap on the transfer rate, in bytes/s (SimGrid's Comm::set_rate). */
  rateBytesPerSec?: number;
  /** A detached send: nobody waits for it and it cleans itself up. */
  detached?: boolean;
}

export class Mailbox {
  private pending: CommActivity[] = [];

  constructor(
    readonly engine: Engine,
    readonly name: string,
  ) {}

  /** Requests waiting for a peer (sends or receives). */
  get size(): number {
    return this.pending.length;
  }

  /** Posts a send; matches the oldest waiting receive or waits for one. */
  send(sender: Actor, payload: unknown, bytes: number, options: SendOptions = {}): CommActivity {
    let comm = this.takeMatching('receive');
    if (comm === undefined) {
      comm = new CommActivity(this.engine, this, 'send', bytes);
      comm.state = 'waiting';
      this.pending.push(comm);
    } else {
      comm.state = 'ready';
      comm.bytes = bytes;
    }
    comm.sender = sender;
    comm.payload = payload;
    comm.rateBytesPerSec = options.rateBytesPerSec;
    if (options.detached === true) comm.detached = true;
    else sender.activities.add(comm);
    comm.start();
    return comm;
  }

  /** Posts a receive; matches the oldest waiting send or waits for one. */
  receive(receiver: Actor, options: { rateBytesPerSec?: number } = {}): CommActivity {
    let comm = this.takeMatching('send');
    if (comm === undefined) {
      comm = new CommActivity(this.engine, this, 'receive', 0);
      comm.state = 'waiting';
      this.pending.push(comm);
    } else {
      comm.state = 'ready';
    }
    comm.receiver = receiver;
    receiver.activities.add(comm);
    const rate = options.rateBytesPerSec;
    if (rate !== undefined && (comm.rateBytesPerSec === undefined || rate < comm.rateBytesPerSec)) {
      comm.rateBytesPerSec = rate;
    }
    comm.start();
    return comm;
  }

  remove(comm: CommActivity): void {
    const at = this.pending.indexOf(comm);
    if (at >= 0) this.pending.splice(at, 1);
  }

  private takeMatching(side: 'send' | 'receive'): CommActivity | undefined {
    const at = this.pending.findIndex((comm) => comm.side === side);
    if (at < 0) return undefined;
    const [comm] = this.pending.splice(at, 1);
    return comm;
  }
}
