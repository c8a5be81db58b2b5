// Floyd routing (SimGrid's FloydZone): direct routes cost their number of links; all-pairs shortest paths are
// precomputed at seal time with Floyd-Warshall in SimGrid's loop order, so that ties resolve the same way.
import { LivemigError } from '../../core/index.ts';
import type { LinkDescription } from '../description.ts';
import { checkRoutedZoneRoute, resolveLinks } from './route-checks.ts';
import {
  type GlobalRouteFn,
  type Latency,
  type NetPoint,
  type Route,
  type RouteDefinition,
  RouteDefinitionError,
  type RoutingStrategy,
  type Zone,
} from './zone.ts';

export class FloydRouting implements RoutingStrategy {
  readonly kind = 'floyd';
  private size = 0;
  /** Direct routes, by `src * size + dst` once sealed (keyed by "src,dst" before). */
  private readonly direct = new Map<string, Route>();
  private links: (Route | undefined)[] = [];
  private predecessor = new Int32Array(0);

  addRoute(zone: Zone, definition: RouteDefinition): void {
    checkRoutedZoneRoute(zone, definition);
    const { src, dst, gwSrc, gwDst, links, symmetrical } = definition;
    if (src === undefined || dst === undefined) return;
    const recursive = zone.hierarchy === 'recursive';
    this.checkFree(src, dst, 'Routes are symmetrical by default: did you declare this one twice?');
    this.direct.set(`${src.id},${dst.id}`, {
      links: resolveLinks(links, false),
      gwSrc: recursive ? gwSrc : undefined,
      gwDst: recursive ? gwDst : undefined,
    });
    if (!symmetrical) return;
    // Unlike Full, Floyd checks the reverse route even for a self-route, which is thus refused when symmetrical.
    this.checkFree(dst, src, 'The reverse route is declared too (or this is a self-route): add symmetrical="NO".');
    const [backSrc, backDst] = gwSrc !== undefined && gwDst !== undefined ? [gwDst, gwSrc] : [gwSrc, gwDst];
    this.direct.set(`${dst.id},${src.id}`, {
      links: resolveLinks(links, true).reverse(),
      gwSrc: recursive ? backSrc : undefined,
      gwDst: recursive ? backDst : undefined,
    });
  }

  seal(zone: Zone, loopback: () => LinkDescription): void {
    const n = zone.vertices.length;
    this.size = n;
    this.links = new Array<Route | undefined>(n * n).fill(undefined);
    this.predecessor = new Int32Array(n * n).fill(-1);
    const cost = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
    for (const [key, route] of this.direct) {
      const [src = 0, dst = 0] = key.split(',').map(Number);
      this.links[src * n + dst] = route;
      this.predecessor[src * n + dst] = src;
      cost[src * n + dst] = route.links.length;
    }
    if (zone.hierarchy === 'base') {
      for (let i = 0; i < n; i++) {
        if (this.links[i * n + i] !== undefined) continue;
        this.links[i * n + i] = { links: [loopback()], gwSrc: undefined, gwDst: undefined };
        this.predecessor[i * n + i] = i;
        cost[i * n + i] = 1;
      }
    }
    floydWarshall(n, cost, this.predecessor);
  }

  localRoute(zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency, global: GlobalRouteFn): void {
    const n = this.size;
    const stack: Route[] = [];
    let current = dst.id;
    do {
      const pred = this.predecessor[src.id * n + current] ?? -1;
      const hop = pred < 0 ? undefined : this.links[pred * n + current];
      if (hop === undefined) throw noRoute(zone, src, dst);
      stack.push(hop);
      current = pred;
    } while (current !== src.id);
    const recursive = zone.hierarchy === 'recursive';
    if (recursive) {
      into.gwSrc = stack[stack.length - 1]?.gwSrc;
      into.gwDst = stack[0]?.gwDst;
    }
    let previousGwDst: NetPoint | undefined;
    for (let hop = stack.pop(); hop !== undefined; hop = stack.pop()) {
      if (recursive && previousGwDst !== undefined && hop.gwSrc !== undefined && previousGwDst !== hop.gwSrc) {
        global(previousGwDst, hop.gwSrc, into.links, latency);
      }
      for (const link of hop.links) {
        into.links.push(link);
        latency.value += link.latencySec;
      }
      previousGwDst = hop.gwDst;
    }
  }

  private checkFree(src: NetPoint, dst: NetPoint, hint: string): void {
    if (!this.direct.has(`${src.id},${dst.id}`)) return;
    throw new RouteDefinitionError(
      'duplicate-route',
      `The route from "${src.name}" to "${dst.name}" already exists.`,
      hint,
    );
  }
}

/** SimGrid's triple loop (c, a, b), improving only on a strictly smaller cost. */
function floydWarshall(n: number, cost: Float64Array, predecessor: Int32Array): void {
  for (let c = 0; c < n; c++) {
    for (let a = 0; a < n; a++) {
      const ac = cost[a * n + c] ?? Number.POSITIVE_INFINITY;
      if (ac === Number.POSITIVE_INFINITY) continue;
      for (let b = 0; b < n; b++) {
        const cb = cost[c * n + b] ?? Number.POSITIVE_INFINITY;
        const ab = cost[a * n + b] ?? Number.POSITIVE_INFINITY;
        if (cb !== Number.POSITIVE_INFINITY && (ab === Number.POSITIVE_INFINITY || ac + cb < ab)) {
          cost[a * n + b] = ac + cb;
          predecessor[a * n + b] = predecessor[c * n + b] ?? -1;
        }
      }
    }
  }
}

function noRoute(zone: Zone, src: NetPoint, dst: NetPoint): LivemigError {
  return new LivemigError(
    'not-found',
    `No route from "${src.name}" to "${dst.name}" in zone "${zone.id}" (Floyd routing): no chain of <route>s connects them.`,
    { details: { src: src.name, dst: dst.name, zone: zone.id } },
  );
}
