// Star routing (SimGrid's StarZone, behind <cluster> and routing="Cluster"): each point has links up to the centre
// and down from it; a route is the source's up links then the destination's down links, each link at most once.
import { LivemigError } from '../../core/index.ts';
import type { LinkDescription } from '../description.ts';
import { resolveLinks } from './route-checks.ts';
import {
  type Latency,
  type NetPoint,
  type Route,
  type RouteDefinition,
  RouteDefinitionError,
  type RoutingStrategy,
  type Zone,
} from './zone.ts';

interface StarEntry {
  up: LinkDescription[];
  down: LinkDescription[];
  loopback: LinkDescription[];
  gateway: NetPoint | undefined;
  upSet: boolean;
  downSet: boolean;
}

export class StarRouting implements RoutingStrategy {
  readonly kind = 'cluster';
  private readonly entries: (StarEntry | undefined)[] = [];

  addRoute(zone: Zone, definition: RouteDefinition): void {
    checkStarRoute(zone, definition);
    const { src, dst, gwSrc, gwDst, links, symmetrical } = definition;
    if (src !== undefined && src === dst) {
      this.entry(src).loopback = resolveLinks(links, false);
      return;
    }
    if (src !== undefined) {
      const entry = this.entry(src);
      entry.up = resolveLinks(links, false);
      entry.gateway = gwSrc;
      entry.upSet = true;
      if (symmetrical) {
        entry.down = resolveLinks(links, true).reverse();
        entry.downSet = true;
      }
    }
    if (dst !== undefined) {
      const entry = this.entry(dst);
      entry.down = resolveLinks(links, false);
      entry.gateway = gwDst;
      entry.downSet = true;
    }
  }

  seal(zone: Zone): void {
    for (const point of zone.vertices) {
      if (this.entries[point.id] === undefined) {
        this.entries[point.id] = { up: [], down: [], loopback: [], gateway: undefined, upSet: true, downSet: true };
      }
    }
  }

  localRoute(zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency): void {
    const from = this.entries[src.id];
    const to = this.entries[dst.id];
    if (from === undefined || to === undefined) throw missing(zone, src, dst, 'it is not a component of the zone');
    if (src === dst && from.loopback.length > 0) {
      addOnce(from.loopback, into, latency);
      return;
    }
    if (!from.upSet) throw missing(zone, src, dst, `"${src.name}" has no link up (no <host_link> or route from it)`);
    if (!to.downSet) throw missing(zone, src, dst, `"${dst.name}" has no link down (its route is not symmetrical)`);
    const start = into.links.length;
    addOnce(from.up, into, latency, start);
    addOnce(to.down, into, latency, start);
    into.gwSrc = from.gateway;
    into.gwDst = to.gateway;
  }

  private entry(point: NetPoint): StarEntry {
    let entry = this.entries[point.id];
    if (entry === undefined) {
      entry = { up: [], down: [], loopback: [], gateway: undefined, upSet: false, downSet: false };
      this.entries[point.id] = entry;
    }
    return entry;
  }
}

/** StarZone::check_add_route_param. */
function checkStarRoute(zone: Zone, { src, dst, gwSrc, gwDst, symmetrical }: RouteDefinition): void {
  if ((src === undefined && dst === undefined) || (src !== undefined && dst !== undefined && src !== dst)) {
    throw new RouteDefinitionError(
      'bad-star-route',
      `Cannot add a route from "${src?.name ?? 'everyone'}" to "${dst?.name ?? 'everyone'}" in cluster zone "${zone.id}".`,
      'In a cluster (star) zone a route goes from one point to everyone, from everyone to one point, or from a point to itself.',
    );
  }
  if (symmetrical && src === undefined) {
    throw new RouteDefinitionError(
      'bad-star-route',
      'In a cluster (star) zone, symmetrical routes must go from a point to everyone.',
    );
  }
  for (const [end, gateway, side] of [
    [src, gwSrc, 'source'],
    [dst, gwDst, 'destination'],
  ] as const) {
    if (end?.kind !== 'zone') continue;
    if (gateway === undefined || gateway.kind === 'zone' || zone.findZone(end)?.containsRecursively(gateway) !== true) {
      throw new RouteDefinitionError(
        'bad-gateway',
        `The ${side} "${end.name}" is a zone, so the route needs a gateway inside it (a host or router).`,
      );
    }
  }
}

/** Appends the links not already added since `start` (StarZone::add_links_to_route; routes are a few links long). */
function addOnce(links: readonly LinkDescription[], into: Route, latency: Latency, start = into.links.length): void {
  for (const link of links) {
    if (into.links.indexOf(link, start) >= 0) continue;
    into.links.push(link);
    latency.value += link.latencySec;
  }
}

function missing(zone: Zone, src: NetPoint, dst: NetPoint, why: string): LivemigError {
  return new LivemigError(
    'not-found',
    `No route from "${src.name}" to "${dst.name}" in cluster zone "${zone.id}": ${why}.`,
    {
      details: { src: src.name, dst: dst.name, zone: zone.id },
    },
  );
}
