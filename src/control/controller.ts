// The controller: an actor on the management host that runs the protocol table (protocol.ts) — it sends each
// phase's request to an agent, turns replies, request timers and closed connections into events, and carries out
// the effects the table gives. Its host failing ends the migration for the caller; the agents then finish alone.
import type { ActorContext } from '../kernel/index.ts';
import { concludeMigration } from './conclude.ts';
import { Endpoint } from './endpoint.ts';
import { isKind, type Message, rpcBytes } from './messages.ts';
import type { Address } from './network.ts';
import type { Failure, PhasedMigration } from './phased-migration.ts';
import {
  type ControlEffect,
  type ControlEvent,
  type ControlState,
  type Peer,
  type PhaseName,
  TERMINAL_STATES,
  transition,
} from './protocol.ts';
import type { FailureReason } from './records.ts';

interface Happening {
  event: ControlEvent;
  reason?: FailureReason;
  error?: string;
}

interface Pending {
  id: number;
  phase: PhaseName;
  peer: Peer;
  /** When the request's timer expires (Infinity once Perform is acknowledged: the copy takes what it takes). */
  deadline: number;
}

export async function runController(ctx: ActorContext, m: PhasedMigration): Promise<void> {
  ctx.onExit((killed) => {
    if (killed) concludeMigration(m, 'failed', controllerLost(m));
  });
  await new Controller(ctx, m).run();
}

class Controller {
  private state: ControlState = 'idle';
  private pending: Pending | undefined;
  private gate: { message: Message; sender: Address } | undefined;
  private failure: Failure | undefined;
  private readonly lost = new Set<Peer>();
  private readonly queue: Happening[] = [];
  private readonly endpoint: Endpoint;

  constructor(
    private readonly ctx: ActorContext,
    private readonly m: PhasedMigration,
  ) {
    this.endpoint = new Endpoint(m.services.network, ctx, m.addresses.controller, m.settings.keepAlive);
  }

  async run(): Promise<void> {
    for (const peer of ['source', 'destination'] as const) this.endpoint.watch(this.m.addresses[peer], this.m.id);
    this.apply({ event: 'start' });
    while (!TERMINAL_STATES.includes(this.state)) {
      const next = this.queue.shift() ?? (await this.wait());
      if (next !== undefined) this.apply(next);
    }
  }

  private async wait(): Promise<Happening | undefined> {
    const pending = this.pending;
    const timeout =
      pending === undefined || !Number.isFinite(pending.deadline) ? undefined : pending.deadline - this.ctx.now;
    const received = await this.endpoint.next(timeout === undefined ? {} : { timeoutSec: Math.max(0, timeout) });
    if (received.kind === 'timeout') {
      if (pending === undefined) return undefined;
      const host = this.m.addresses[pending.peer].host.name;
      const error = `no answer from the ${pending.peer} agent on "${host}" to ${pending.phase} within ${this.m.settings.requestTimeoutSec} s`;
      return { event: 'timeout', reason: 'timeout', error };
    }
    if (received.kind === 'peer-lost') {
      const peer: Peer = received.peer === 'source' ? 'source' : 'destination';
      this.lost.add(peer);
      return {
        event: peer === 'source' ? 'source-lost' : 'destination-lost',
        reason: 'connection-lost',
        error: this.lostText(peer),
      };
    }
    if (received.kind !== 'message') return undefined;
    const { message, sender } = received;
    if (message.kind === 'rpc.switchover-ready') {
      this.gate = { message, sender };
      return { event: 'switchover-ready' };
    }
    if (pending === undefined || message.inReplyTo !== pending.id) return undefined; // a late answer
    if (message.kind === 'rpc.perform.started') {
      pending.deadline = Number.POSITIVE_INFINITY;
      return undefined;
    }
    if (!isKind(message, `rpc.${pending.phase}.reply`)) return undefined;
    if (pending.phase === 'finish') this.m.postCopy = message.body.postCopy === true || this.m.postCopy;
    const ok = message.body.ok === true;
    return ok
      ? { event: 'ok' }
      : { event: 'failed', reason: message.body.reason as FailureReason, error: String(message.body.error) };
  }

  private apply(happening: Happening): void {
    const t = transition(this.state, happening.event);
    this.state = t.to;
    for (const effect of t.effects) this.execute(effect, happening);
  }

  private execute(effect: ControlEffect, happening: Happening): void {
    const m = this.m;
    switch (effect.type) {
      case 'start-phase':
        m.protocol.phases.push({
          phase: effect.phase,
          cancelled: effect.cancelled,
          start: this.ctx.now,
          end: undefined,
          ok: undefined,
        });
        m.trace('control.phase-started', { phase: effect.phase, cancelled: effect.cancelled });
        return;
      case 'end-phase': {
        const open = m.protocol.phases.findLast((p) => p.phase === effect.phase && p.end === undefined);
        if (open !== undefined) Object.assign(open, { end: this.ctx.now, ok: effect.ok });
        m.trace('control.phase-ended', { phase: effect.phase, ok: effect.ok });
        return;
      }
      case 'request':
        this.request(effect.to, effect.phase, effect.cancelled);
        return;
      case 'fail':
        this.failure ??= {
          phase: effect.phase,
          reason: happening.reason ?? 'refused',
          error: happening.error ?? `${effect.phase} failed`,
        };
        return;
      case 'answer-switchover':
        if (this.gate !== undefined) {
          this.endpoint.reply(this.gate.message, this.gate.sender, 'rpc.switchover', rpcBytes('perform', true), {
            allow: effect.allow,
          });
        }
        this.gate = undefined;
        return;
      case 'conclude':
        for (const peer of ['source', 'destination'] as const) {
          if (this.lost.has(peer)) continue;
          this.endpoint.send(m.addresses[peer], {
            kind: 'rpc.close',
            bytes: rpcBytes('confirm', false),
            migration: m.id,
          });
          this.endpoint.unwatch(peer);
        }
        concludeMigration(m, effect.outcome, this.failure);
        return;
    }
  }

  private request(peer: Peer, phase: PhaseName, cancelled: boolean): void {
    this.pending = undefined;
    if (this.lost.has(peer)) {
      this.queue.push({
        event: peer === 'source' ? 'source-lost' : 'destination-lost',
        reason: 'connection-lost',
        error: this.lostText(peer),
      });
      return;
    }
    const message = this.endpoint.send(this.m.addresses[peer], {
      kind: `rpc.${phase}`,
      bytes: rpcBytes(phase, false),
      body: { cancelled },
      migration: this.m.id,
    });
    this.pending = { id: message.id, phase, peer, deadline: this.ctx.now + this.m.settings.requestTimeoutSec };
  }

  private lostText(peer: Peer): string {
    const { intervalSec, count } = this.m.settings.keepAlive;
    const host = this.m.addresses[peer].host.name;
    return `the connection to the ${peer} agent on "${host}" closed (no keep-alive answer for ${intervalSec * (count + 1)} s)`;
  }
}

/** The controller's host failed: the migration fails in the phase it was in. */
function controllerLost(m: PhasedMigration): Failure {
  const open = m.protocol.phases.findLast((p) => p.end === undefined) ?? m.protocol.phases.at(-1);
  const host = m.settings.controller.name;
  return { phase: open?.phase ?? 'begin', reason: 'controller-lost', error: `the controller's host "${host}" failed` };
}
