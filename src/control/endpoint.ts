// One actor's end of the control plane: it sends messages, and waits for the next one that matches (or a signal, or
// a timer) while answering keep-alives, watching its peers and running handlers for unsolicited messages. Several
// receives stay posted so that messages to it travel side by side. Keep-alive follows libvirt: after `interval` s
// without a word from a peer, ask it; after `count` questions without an answer, the connection is closed.
import { isLivemigError } from '../core/index.ts';
import type { ActivityHandle, ActorContext, CommHandle } from '../kernel/index.ts';
import {
  type Message,
  type MessageBodies,
  type MessageKind,
  type MessageOf,
  type Outgoing,
  RPC_KEEPALIVE_BYTES,
} from './messages.ts';
import type { Address, ControlNetwork, Envelope } from './network.ts';

export interface KeepAliveSettings {
  intervalSec: number;
  count: number;
}

/** libvirtd.conf's defaults: keepalive_interval = 5, keepalive_count = 5 (a silent peer is dropped after 30 s). */
export const LIBVIRT_KEEPALIVE: KeepAliveSettings = { intervalSec: 5, count: 5 };

export type Received =
  | { kind: 'message'; message: Message; sender: Address }
  | { kind: 'signal'; index: number }
  | { kind: 'timeout' }
  | { kind: 'peer-lost'; peer: string };

/** A reply's body: optional for the kinds that carry nothing, required for the others. */
type BodyArgument<K extends MessageKind> =
  Record<string, never> extends MessageBodies[K] ? [body?: MessageBodies[K]] : [body: MessageBodies[K]];

export interface NextOptions {
  /** Messages that do not match wait in a buffer for a later call (default: any message matches). */
  match?: (message: Message) => boolean;
  timeoutSec?: number;
  signals?: readonly ActivityHandle<unknown>[];
  /** Keep a lost peer for a later call instead of returning it now (a feature's short exchange). */
  deferLoss?: boolean;
}

interface Watch {
  peer: Address;
  lastHeard: number;
  asked: number;
}

/** Receives posted at once: messages to one endpoint travel in parallel up to this many. */
const POSTED_RECEIVES = 4;
const EPSILON_SEC = 1e-9;

export class Endpoint {
  private readonly gets: CommHandle<Envelope>[] = [];
  private readonly buffer: { message: Message; sender: Address }[] = [];
  private readonly handlers = new Map<string, (message: Message, sender: Address) => void>();
  private readonly watches = new Map<string, Watch>();
  private readonly migrations = new Map<string, number>();
  private readonly lostPeers: string[] = [];

  constructor(
    private readonly network: ControlNetwork,
    readonly ctx: ActorContext,
    readonly address: Address,
    private readonly keepAlive: KeepAliveSettings = LIBVIRT_KEEPALIVE,
  ) {}

  send<K extends MessageKind>(to: Address, out: Outgoing<K>): MessageOf<K> {
    return this.network.send(this.ctx, this.address, to, out);
  }

  /** Answers `request` (to the mailbox it came from) with a message of `kind`. */
  reply<K extends MessageKind>(
    request: Message,
    sender: Address,
    kind: K,
    bytes: number,
    ...[body]: BodyArgument<K>
  ): MessageOf<K> {
    const out = { kind, bytes, body: body ?? {}, migration: request.migration, inReplyTo: request.id } as Outgoing<K>;
    return this.send(sender, out);
  }

  /** Starts watching `peer` with keep-alives (for `migration`'s messages). */
  watch(peer: Address, migration: number): void {
    this.watches.set(peer.name, { peer, lastHeard: this.ctx.now, asked: 0 });
    this.migrations.set(peer.name, migration);
  }

  unwatch(peer: string): void {
    this.watches.delete(peer);
  }

  /** Whether `peer` is watched (its connection open). */
  isWatching(peer: string): boolean {
    return this.watches.has(peer);
  }

  /** Runs `handler` for every message of `kind` instead of handing it to `next`. */
  on<K extends MessageKind>(kind: K, handler: (message: MessageOf<K>, sender: Address) => void): void {
    this.handlers.set(kind, handler as (message: Message, sender: Address) => void);
  }

  /** The next matching message, a signal (its index), a timeout, or a watched peer lost. */
  async next(options: NextOptions = {}): Promise<Received> {
    const { match, signals = [] } = options;
    const deadline = options.timeoutSec === undefined ? Number.POSITIVE_INFINITY : this.ctx.now + options.timeoutSec;
    for (;;) {
      const buffered = match === undefined ? -1 : this.buffer.findIndex((b) => match(b.message));
      if (buffered >= 0 || (match === undefined && this.buffer.length > 0)) {
        const [entry] = this.buffer.splice(Math.max(0, buffered), 1);
        if (entry !== undefined) return { kind: 'message', ...entry };
      }
      const lost = this.tickKeepAlive();
      if (lost !== undefined) this.lostPeers.push(lost);
      if (!options.deferLoss && this.lostPeers.length > 0)
        return { kind: 'peer-lost', peer: this.lostPeers.shift() as string };
      if (this.ctx.now >= deadline - EPSILON_SEC) return { kind: 'timeout' };
      while (this.gets.length < POSTED_RECEIVES) this.gets.push(this.ctx.mailbox(this.address.mailbox).getAsync());
      const wake = Math.min(deadline, this.nextKeepAlive());
      let index: number;
      try {
        const handles = [...this.gets, ...signals];
        index = await this.ctx.waitAny(handles, Number.isFinite(wake) ? Math.max(0, wake - this.ctx.now) : undefined);
      } catch (error) {
        if (isLivemigError(error, 'actor-killed')) throw error;
        if (!isLivemigError(error, 'timeout')) this.replaceFailedReceives(error);
        continue;
      }
      if (index >= this.gets.length) return { kind: 'signal', index: index - this.gets.length };
      const envelope = (this.gets[index] as CommHandle<Envelope>).activity.payload as Envelope;
      this.gets.splice(index, 1);
      const taken = this.take(envelope);
      if (taken !== undefined && (match === undefined || match(taken.message))) return { kind: 'message', ...taken };
      if (taken !== undefined) this.buffer.push(taken);
    }
  }

  /** Records the arrival; answers keep-alives and runs handlers; returns what is left for the caller. */
  private take(envelope: Envelope): { message: Message; sender: Address } | undefined {
    this.network.received(envelope, this.address);
    const { message, sender } = envelope;
    const watch = this.watches.get(sender.name);
    if (watch !== undefined) {
      watch.lastHeard = this.ctx.now;
      watch.asked = 0;
    }
    if (message.kind === 'rpc.keepalive') {
      this.reply(message, sender, 'rpc.keepalive.reply', RPC_KEEPALIVE_BYTES);
      return undefined;
    }
    if (message.kind === 'rpc.keepalive.reply') return undefined;
    const handler = this.handlers.get(message.kind);
    if (handler !== undefined) {
      handler(message, sender);
      return undefined;
    }
    return { message, sender };
  }

  /** Asks silent peers; returns the name of one whose connection closed. */
  private tickKeepAlive(): string | undefined {
    const { intervalSec, count } = this.keepAlive;
    for (const [name, watch] of this.watches) {
      while (this.ctx.now + EPSILON_SEC >= watch.lastHeard + intervalSec * (watch.asked + 1)) {
        if (watch.asked >= count) {
          this.watches.delete(name);
          return name;
        }
        watch.asked++;
        const migration = this.migrations.get(name) ?? 0;
        this.send(watch.peer, { kind: 'rpc.keepalive', bytes: RPC_KEEPALIVE_BYTES, migration });
      }
    }
    return undefined;
  }

  private nextKeepAlive(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const watch of this.watches.values()) {
      next = Math.min(next, watch.lastHeard + this.keepAlive.intervalSec * (watch.asked + 1));
    }
    return next;
  }

  /** A receive failed (its sender's host or a link went down mid-transfer): post a fresh one instead. */
  private replaceFailedReceives(error: unknown): void {
    const before = this.gets.length;
    for (let i = this.gets.length - 1; i >= 0; i--) {
      const state = this.gets[i]?.state;
      if (state === 'failed' || state === 'canceled' || state === 'timeout') this.gets.splice(i, 1);
    }
    if (this.gets.length === before) throw error;
  }
}
