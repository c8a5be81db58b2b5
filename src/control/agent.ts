// What both agents (the libvirt daemons of the source and the destination, for one migration) share: their end of
// the control plane, the features run on their side, the wait for signals of the memory copy, an injected slowness
// or silence, and the end of the job (on the controller's close, or once the connection to it closed).
import {
  type ActivityHandle,
  type ActorContext,
  ActivityHandle as Handle,
  type SignalActivity,
} from '../kernel/index.ts';
import { Endpoint, type Received } from './endpoint.ts';
import type { FeatureContext, FeatureSide } from './features/feature.ts';
import { FeatureRunner } from './features/run-features.ts';
import { type Message, type RpcReply, rpcBytes } from './messages.ts';
import type { Address } from './network.ts';
import type { PhasedMigration } from './phased-migration.ts';
import type { PhaseName } from './protocol.ts';

export abstract class Agent {
  readonly endpoint: Endpoint;
  readonly features: FeatureRunner;
  /** The job is over: the loop ends. */
  protected finished = false;
  private readonly fired = new Set<SignalActivity<unknown>>();
  /** Work the features still expect after the protocol ended (a state that lands later). */
  private readonly expected: SignalActivity<unknown>[] = [];
  /** Told to close while features still expected something: the job ends then, or at this date. */
  private closingUntil: number | undefined;

  constructor(
    readonly ctx: ActorContext,
    readonly m: PhasedMigration,
    readonly side: FeatureSide,
  ) {
    this.endpoint = new Endpoint(m.services.network, ctx, m.addresses[side], m.settings.keepAlive);
    this.features = new FeatureRunner(m.settings.features, m.protocol.features, (record) =>
      this.featureContext(record),
    );
  }

  get host() {
    return this.m.addresses[this.side].host;
  }

  async run(): Promise<void> {
    this.endpoint.watch(this.m.addresses.controller, this.m.id);
    this.features.attach();
    while (!this.finished) {
      if (this.closingUntil !== undefined) {
        await this.lingerForFeatures(this.closingUntil);
        return;
      }
      const signals = this.signals();
      const received = await this.endpoint.next({ signals: signals.map((s) => s.handle), ...this.timer() });
      await this.dispatch(received, signals);
    }
  }

  /** The controller closed the job but features still expect something: wait for it, at most one keep-alive
   * closure time (the connection would have closed by then anyway). */
  private async lingerForFeatures(until: number): Promise<void> {
    for (;;) {
      const pending = this.expected.filter((s) => s.state !== 'done');
      if (pending.length === 0 || this.ctx.now >= until) return;
      const handles = pending.map((s) => new Handle(s, this.ctx, () => undefined));
      await this.endpoint.next({
        match: () => false,
        signals: handles,
        timeoutSec: until - this.ctx.now,
        deferLoss: true,
      });
    }
  }

  private async dispatch(received: Received, signals: readonly Watched[]): Promise<void> {
    if (received.kind === 'signal') return await (signals[received.index] as Watched).fire();
    if (received.kind === 'peer-lost') {
      this.m.warn(`${this.side}: the connection to the controller closed`);
      await this.controllerLost();
      this.finished = true;
      return;
    }
    if (received.kind === 'timeout') return await this.timerExpired();
    const { message, sender } = received;
    if (message.kind === 'rpc.close') {
      if (this.expected.every((s) => s.state === 'done')) this.finished = true;
      else {
        const { intervalSec, count } = this.m.settings.keepAlive;
        this.endpoint.unwatch('controller');
        this.closingUntil = this.ctx.now + intervalSec * (count + 1);
      }
      return;
    }
    if (!(await this.serviceDelay())) return;
    await this.request(message, sender);
  }

  /** An injected fault: a silent agent drops the request (false); a slow one takes its time first. */
  private async serviceDelay(): Promise<boolean> {
    const behaviour = this.m.services.faults.behaviour('agent', this.host.name);
    if (behaviour.mode === 'silent') return false;
    if (behaviour.mode === 'slow') await this.pause(behaviour.delaySec);
    return true;
  }

  /** Lets `seconds` pass while keep-alives are still answered (other messages wait). */
  async pause(seconds: number): Promise<void> {
    const until = this.ctx.now + seconds;
    while (this.ctx.now < until) {
      await this.endpoint.next({ match: () => false, timeoutSec: until - this.ctx.now, deferLoss: true });
    }
  }

  /** Waits until `signal` is set (messages wait meanwhile). */
  async waitFor(signal: SignalActivity<unknown>): Promise<void> {
    const handle = new Handle(signal, this.ctx, () => undefined);
    while (signal.state !== 'done') {
      await this.endpoint.next({ match: () => false, signals: [handle], deferLoss: true });
    }
  }

  answer(request: Message, sender: Address, phase: PhaseName, reply: RpcReply): void {
    this.endpoint.reply(request, sender, `rpc.${phase}.reply`, rpcBytes(phase, true), { ...reply });
  }

  protected abstract request(message: Message, sender: Address): Promise<void>;
  protected abstract controllerLost(): Promise<void>;
  /** The signals of the memory copy this agent waits for now. */
  protected signals(): Watched[] {
    return [];
  }
  protected timer(): { timeoutSec?: number } {
    return {};
  }
  protected async timerExpired(): Promise<void> {}

  /** `signal` watched once: `fire` runs the first time it is set (an empty list once it has run). */
  protected once(signal: SignalActivity<unknown>, fire: () => Promise<void> | void): Watched[] {
    if (this.fired.has(signal)) return [];
    const handle = new Handle(signal, this.ctx, () => undefined);
    return [
      {
        handle,
        fire: async () => {
          this.fired.add(signal);
          await fire();
        },
      },
    ];
  }

  /** Marks `signal` as handled (its value was read where it was waited for). */
  protected handled(signal: SignalActivity<unknown>): void {
    this.fired.add(signal);
  }

  private featureContext(record: FeatureContext['record']): FeatureContext {
    const m = this.m;
    return {
      ctx: this.ctx,
      endpoint: this.endpoint,
      side: this.side,
      migration: m.id,
      vm: m.vm,
      source: m.source,
      destination: m.destination,
      services: m.services,
      record,
      agents: { source: m.addresses.source, destination: m.addresses.destination },
      expect: (signal) => this.expected.push(signal),
    };
  }
}

export interface Watched {
  handle: ActivityHandle<unknown>;
  fire: () => Promise<void>;
}
