// SimGrid's CM02/LV08 network model (network_cm02.cpp): a transfer first pays latency × latencyFactor, then is a
// max-min variable on every link of its route (weight 1) and, with cross-traffic, of its reverse route (0.05),
// with penalty latency + Σ weightS/bandwidth and bound min(slowest link, user rate/bwFactor, gamma/(2·latency)).
// Its achieved rate is the solver value × bandwidthFactor.
import { LivemigError } from '../core/index.ts';
import type { ActionOwner, Engine, ModelAction, NetworkEndpoint, NetworkResource } from '../kernel/index.ts';
import { LmmAction } from './action.ts';
import { Link, type LinkSharing } from './link.ts';
import { DATE_PRECISION, LmmModel, SHARE_PRECISION, sameDate, subtract } from './lmm-model.ts';
import { CROSS_TRAFFIC_WEIGHT, type NetworkModelConfig } from './network-config.ts';

export interface Route {
  readonly links: readonly Link[];
  readonly latencySec: number;
}

/** Finds the route between the network nodes of two endpoints (a VM's node is its physical machine). With
 * `optional`, a missing route is an empty one (SimGrid's reverse route for cross-traffic) instead of an error. */
export type Router = (src: NetworkEndpoint, dst: NetworkEndpoint, optional?: boolean) => Route;

/** A transfer: an action with the latency bookkeeping of flows. */
export class FlowAction extends LmmAction {
  /** Raw route latency, as used in the penalty and the TCP window bound. */
  latCurrent = 0;
  /** The flow's own penalty, latency + Σ weightS/bandwidth, given to its variable once the latency is paid.
   * (The action-level `sharingPenalty` stays 1, as in SimGrid, where the two are distinct fields.) */
  flowPenalty = 0;
  constructor(
    model: NetworkModel,
    cost: number,
    failed: boolean,
    owner: ActionOwner | undefined,
    readonly src: NetworkEndpoint,
    readonly dst: NetworkEndpoint,
  ) {
    super(model, cost, failed, owner);
  }
}

export class NetworkModel extends LmmModel implements NetworkResource {
  router: Router | undefined;
  private loopbackLink: Link | undefined;

  constructor(
    engine: Engine,
    readonly config: NetworkModelConfig,
  ) {
    super(engine, `network ${config.name}`);
  }

  createLink(name: string, bandwidthBytesPerSec: number, latencySec: number, sharing: LinkSharing): Link {
    return new Link(this, name, bandwidthBytesPerSec, latencySec, sharing);
  }

  /** The implicit loopback link of Full zones (10 GBps, no latency, FATPIPE by default). */
  get loopback(): Link {
    if (this.loopbackLink === undefined) {
      const { loopbackBandwidthBytesPerSec, loopbackLatencySec } = this.config;
      this.loopbackLink = this.createLink('__loopback__', loopbackBandwidthBytesPerSec, loopbackLatencySec, 'fatpipe');
    }
    return this.loopbackLink;
  }

  flowOf(action: LmmAction): FlowAction | undefined {
    return action instanceof FlowAction ? action : undefined;
  }

  route(src: NetworkEndpoint, dst: NetworkEndpoint, optional = false): Route {
    if (this.router === undefined) {
      throw new LivemigError('invalid-state', 'The network has no routes: load a platform before communicating.');
    }
    return this.router(src.networkNode, dst.networkNode, optional);
  }

  communicate(
    src: NetworkEndpoint,
    dst: NetworkEndpoint,
    bytes: number,
    rateBytesPerSec: number | undefined,
    owner: ActionOwner,
  ): ModelAction {
    const config = this.config;
    const route = this.route(src, dst);
    let failed = anyLinkOff(route.links);
    const back = !failed && config.crossTraffic ? this.route(dst, src, true) : undefined;
    if (back !== undefined) failed = anyLinkOff(back.links);
    const action = new FlowAction(this, bytes, failed, owner, src, dst);
    const latency = route.latencySec;
    let penalty = latency;
    if (config.weightS > 0) for (const link of route.links) penalty += config.weightS / link.bandwidthBytesPerSec;
    action.flowPenalty = penalty;
    action.rateFactor = config.bandwidthFactor;
    action.userBound = this.userBound(route, rateBytesPerSec);
    action.latCurrent = latency;
    const latencyDelay = latency * config.latencyFactor;
    const system = this.system;
    if (latencyDelay > 0) {
      action.variable = system.newVariable(action, 0, undefined);
      this.heap.upsert(action, action.lastUpdate + latencyDelay);
      action.heapKind = route.links.length === 0 ? 'normal' : 'latency';
    } else {
      action.variable = system.newVariable(action, 1, undefined);
    }
    const windowBound = latency > 0 ? config.tcpGammaBytes / (2 * latency) : -1;
    const userBound = action.userBound;
    const bound = userBound < 0 ? windowBound : latency > 0 ? Math.min(userBound, windowBound) : userBound;
    system.updateVariableBound(action.variable, bound);
    for (const link of route.links) system.expand(link.constraint, action.variable, 1);
    if (back !== undefined) {
      for (const link of back.links) system.expand(link.constraint, action.variable, CROSS_TRAFFIC_WEIGHT);
    }
    return action;
  }

  advance(now: number, _delta: number): void {
    for (let top = this.heap.peek(); top !== undefined && sameDate(top.heapDate, now); top = this.heap.peek()) {
      this.heap.pop();
      if (top.heapKind === 'latency') {
        top.heapKind = 'unset';
        const penalty = top instanceof FlowAction ? top.flowPenalty : top.sharingPenalty;
        if (top.variable !== undefined) this.system.updateVariablePenalty(top.variable, penalty);
        top.lastUpdate = now;
      } else {
        top.heapKind = 'unset';
        this.finish(top, 'finished');
      }
    }
  }

  override updateRemainsLazy(action: LmmAction, now: number): void {
    if (action.state !== 'started' || action.released || action.suspendState !== 'running') return;
    const delta = now - action.lastUpdate;
    if (action.remains > 0) {
      action.remains = subtract(action.remains, action.lastValue * delta, SHARE_PRECISION * DATE_PRECISION);
    }
    if (action.maxDuration !== Number.POSITIVE_INFINITY)
      action.maxDuration = subtract(action.maxDuration, delta, DATE_PRECISION);
    const penalty = action.variable?.penalty ?? 0;
    if ((action.remains <= 0 && penalty > 0) || action.maxDuration <= 0) {
      this.finish(action, 'finished');
      this.unschedule(action);
    }
    action.lastUpdate = now;
    action.lastValue = action.rate();
  }

  /** min(slowest link, user rate / bandwidth factor); -1 when the route has no link and no rate is set. */
  private userBound(route: Route, rateBytesPerSec: number | undefined): number {
    let bound = -1;
    for (const link of route.links) {
      const bandwidth = link.bandwidthBytesPerSec;
      if (bound === -1 || bandwidth < bound) bound = bandwidth;
    }
    if (rateBytesPerSec !== undefined && rateBytesPerSec >= 0) {
      const rate = rateBytesPerSec / this.config.bandwidthFactor;
      if (rate < bound) bound = rate;
    }
    return bound;
  }
}

/** True when one of the links is off (a loop: a search with a callback allocates a closure per transfer). */
function anyLinkOff(links: readonly Link[]): boolean {
  for (let i = 0; i < links.length; i++) if (!(links[i] as Link).isOn()) return true;
  return false;
}
