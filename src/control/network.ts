// How control-plane messages travel: a detached send into the receiver's mailbox, so that each costs latency +
// size / bandwidth on the simulated route; an injected loss drops it, a receiver whose host is off never gets it.
// Every message is recorded in its migration's protocol record (sent, received, lost) and traced.
import type { ActorContext, Engine } from '../kernel/index.ts';
import type { Host } from '../platform/index.ts';
import type { FaultBook } from './faults.ts';
import type { Message, MessageKind, MessageOf, Outgoing } from './messages.ts';
import type { MessageRecord, ProtocolRecord } from './records.ts';

/** Where a message goes: an endpoint's name, its mailbox and its host. */
export interface Address {
  readonly name: string;
  readonly mailbox: string;
  readonly host: Host;
}

/** What travels in a mailbox: the message and its record (to date its arrival). */
export interface Envelope {
  readonly message: Message;
  readonly record: MessageRecord | undefined;
  readonly sender: Address;
}

export class ControlNetwork {
  private count = 0;
  private readonly records = new Map<number, ProtocolRecord>();

  constructor(
    private readonly engine: Engine,
    private readonly faults: FaultBook,
  ) {}

  register(record: ProtocolRecord): void {
    this.records.set(record.migration, record);
  }

  /** Sends from the actor of `ctx` (at `from`) to `to`, without waiting. */
  send<K extends MessageKind>(ctx: ActorContext, from: Address, to: Address, out: Outgoing<K>): MessageOf<K> {
    const message = {
      id: ++this.count,
      kind: out.kind,
      from: from.name,
      replyTo: from.mailbox,
      migration: out.migration,
      ...(out.inReplyTo === undefined ? {} : { inReplyTo: out.inReplyTo }),
      body: out.body ?? {},
    } as MessageOf<K>;
    const lost = this.faults.loses(out.kind, from.host.name, to.host.name);
    const record = this.record(message, from, to, out.bytes, lost);
    this.trace('control.message-sent', message, from, to, { bytes: out.bytes, lost });
    if (lost || !to.host.isOn()) return message;
    const envelope: Envelope = { message, record, sender: from };
    ctx.mailbox(to.mailbox).putDetached(envelope, out.bytes);
    return message;
  }

  /** A message was taken from a mailbox by `at`. */
  received(envelope: Envelope, at: Address): void {
    if (envelope.record !== undefined) envelope.record.received = this.engine.now;
    this.trace('control.message-received', envelope.message, envelope.sender, at, {});
  }

  private record(
    message: Message,
    from: Address,
    to: Address,
    bytes: number,
    lost: boolean,
  ): MessageRecord | undefined {
    const protocol = this.records.get(message.migration);
    if (protocol === undefined) return undefined;
    const record: MessageRecord = {
      kind: message.kind,
      from: from.name,
      to: to.name,
      fromHost: from.host.name,
      toHost: to.host.name,
      bytes,
      sent: this.engine.now,
      received: undefined,
      lost,
    };
    protocol.messages.push(record);
    return record;
  }

  private trace(type: string, message: Message, from: Address, to: Address, extra: Record<string, unknown>): void {
    const trace = this.engine.trace;
    if (!trace.wants(type)) return;
    trace.emit({
      time: this.engine.now,
      type,
      migration: message.migration,
      kind: message.kind,
      from: from.name,
      to: to.name,
      ...extra,
    });
  }
}
