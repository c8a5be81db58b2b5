// Dijkstra routing (SimGrid's DijkstraZone, with or without cache): a graph whose nodes are the points named in
// routes, in order of appearance; paths are computed per query, and memoised per source only for DijkstraCache.
import { LivemigError } from '../../core/index.ts';
import type { LinkDescription } from '../description.ts';
import { shortestPathTree } from './dijkstra-search.ts';
import { checkRoutedZoneRoute, resolveLinks } from './route-checks.ts';
import {
  type Latency,
  type NetPoint,
  type Route,
  type RouteDefinition,
  RouteDefinitionError,
  type RoutingStrategy,
  type Zone,
} from './zone.ts';

export interface GraphEdge {
  readonly target: number;
  readonly route: Route;
}

export class DijkstraRouting implements RoutingStrategy {
  readonly kind;
  /** Graph nodes by creation order (SimGrid's graph_id_); each holds its out-edges in insertion order. */
  private readonly nodes: { point: NetPoint; out: GraphEdge[] }[] = [];
  private readonly nodeOf = new Map<number, number>();
  private readonly cache = new Map<number, Int32Array>();

  constructor(private readonly cached: boolean) {
    this.kind = cached ? ('dijkstra-cache' as const) : ('dijkstra' as const);
  }

  addRoute(zone: Zone, definition: RouteDefinition): void {
    checkRoutedZoneRoute(zone, definition);
    const { src, dst, gwSrc, gwDst, links, symmetrical } = definition;
    if (src === undefined || dst === undefined) return;
    const recursive = zone.hierarchy === 'recursive';
    const forward: Route = {
      links: resolveLinks(links, false),
      gwSrc: recursive ? gwSrc : undefined,
      gwDst: recursive ? gwDst : undefined,
    };
    this.newEdge(src, dst, forward);
    if (symmetrical) {
      const backward = resolveLinks(links, true).reverse();
      this.newEdge(dst, src, {
        links: backward,
        gwSrc: recursive ? gwDst : undefined,
        gwDst: recursive ? gwSrc : undefined,
      });
    }
  }

  seal(zone: Zone, loopback: () => LinkDescription): void {
    if (zone.hierarchy !== 'base') return;
    this.nodes.forEach((node, index) => {
      if (!node.out.some((edge) => edge.target === index)) {
        node.out.push({ target: index, route: { links: [loopback()], gwSrc: undefined, gwDst: undefined } });
      }
    });
  }

  localRoute(zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency): void {
    const srcNode = this.nodeOf.get(src.id);
    const dstNode = this.nodeOf.get(dst.id);
    if (srcNode === undefined || dstNode === undefined) {
      const missing = srcNode === undefined ? src : dst;
      throw notFound(
        zone,
        src,
        dst,
        `"${missing.name}" appears in no <route> of the zone, so it has no node in the routing graph`,
      );
    }
    if (srcNode === dstNode) {
      const self = this.edge(srcNode, dstNode);
      if (self === undefined) throw notFound(zone, src, dst, 'it has no route to itself');
      insertLinks(into, self.route.links, latency);
    }
    const predecessor = this.predecessors(srcNode);
    const recursive = zone.hierarchy === 'recursive';
    let gwSrc: NetPoint | undefined;
    let firstGw: NetPoint | undefined;
    let steps = 0;
    for (let v = dstNode; v !== srcNode; v = predecessor[v] ?? 0) {
      const previous = predecessor[v] ?? 0;
      const edge = this.edge(previous, v);
      if (edge === undefined) throw notFound(zone, src, dst, 'no chain of <route>s connects them');
      if (++steps > this.nodes.length) {
        throw notFound(zone, src, dst, 'SimGrid 3.32 loops forever here (its costs overflow on one-way routes)');
      }
      const previousGwSrc = gwSrc;
      gwSrc = edge.route.gwSrc;
      if (v === dstNode) firstGw = edge.route.gwDst;
      if (recursive && v !== dstNode && edge.route.gwDst?.name !== previousGwSrc?.name) {
        throw new LivemigError(
          'not-found',
          `Cannot route from "${src.name}" to "${dst.name}" in zone "${zone.id}": SimGrid 3.32 crashes on Dijkstra zone routes whose gateways do not chain.`,
          { details: { src: src.name, dst: dst.name, zone: zone.id } },
        );
      }
      insertLinks(into, edge.route.links, latency);
    }
    if (recursive) {
      into.gwSrc = gwSrc;
      into.gwDst = firstGw;
    }
  }

  private predecessors(source: number): Int32Array {
    const known = this.cache.get(source);
    if (known !== undefined) return known;
    const tree = shortestPathTree(source, this.nodes);
    if (this.cached) this.cache.set(source, tree);
    return tree;
  }

  private edge(from: number, to: number): GraphEdge | undefined {
    return this.nodes[from]?.out.find((edge) => edge.target === to);
  }

  private node(point: NetPoint): number {
    const known = this.nodeOf.get(point.id);
    if (known !== undefined) return known;
    this.nodes.push({ point, out: [] });
    this.nodeOf.set(point.id, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  private newEdge(src: NetPoint, dst: NetPoint, route: Route): void {
    const from = this.node(src);
    const to = this.node(dst);
    if (this.edge(from, to) !== undefined) {
      throw new RouteDefinitionError(
        'duplicate-route',
        `The route from "${src.name}" to "${dst.name}" already exists.`,
        'Routes are symmetrical by default: remove the duplicate, or add symmetrical="NO".',
      );
    }
    this.nodes[from]?.out.push({ target: to, route });
  }
}

/** SimGrid's insert_link_latency: the links go to the front, reversed; latencies are added in their own order. */
function insertLinks(into: Route, links: readonly LinkDescription[], latency: Latency): void {
  into.links.unshift(...[...links].reverse());
  for (const link of links) latency.value += link.latencySec;
}

function notFound(zone: Zone, src: NetPoint, dst: NetPoint, why: string): LivemigError {
  return new LivemigError(
    'not-found',
    `No route from "${src.name}" to "${dst.name}" in zone "${zone.id}" (Dijkstra routing): ${why}.`,
    {
      details: { src: src.name, dst: dst.name, zone: zone.id },
    },
  );
}
