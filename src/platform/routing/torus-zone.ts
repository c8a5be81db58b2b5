// Torus routing (SimGrid 3.32's TorusZone, behind <cluster topology="TORUS" topo_parameters="d1,d2,…">): node i has
// one link per dimension to its next neighbour there (wrapping around); a route moves dimension by dimension, in
// the direction that reaches the target's coordinate in at most half the ring, crossing a host's limiter link at each
// hop. Written from the behaviour of SimGrid's TorusZone.cpp and checked against it (examples/simgrid/peer/).
import { LivemigError } from '../../core/index.ts';
import type { LinkDescription } from '../description.ts';
import {
  type Latency,
  type NetPoint,
  type Route,
  RouteDefinitionError,
  type RoutingStrategy,
  type Zone,
} from './zone.ts';

/** The two directions of a private link (the same link twice when it is not split-duplex). */
export interface LinkPair {
  up: LinkDescription;
  down: LinkDescription;
}

export class TorusRouting implements RoutingStrategy {
  readonly kind = 'torus';
  private dimensions: number[] = [];
  private hasLoopback = false;
  private hasLimiter = false;
  /** Private links by position: node i holds loopback, limiter, then one link per dimension. */
  private readonly links = new Map<number, LinkPair>();

  configure(dimensions: readonly number[], hasLoopback: boolean, hasLimiter: boolean): void {
    this.dimensions = [...dimensions];
    this.hasLoopback = hasLoopback;
    this.hasLimiter = hasLimiter;
  }

  /** Node `rank`'s neighbour in dimension `dimension` (the next one along it, wrapping around). */
  neighbour(rank: number, dimension: number): number {
    let product = 1;
    for (let j = 0; j < dimension; j++) product *= this.dimensions[j] as number;
    const size = this.dimensions[dimension] as number;
    return Math.trunc(rank / product) % size === size - 1 ? rank - (size - 1) * product : rank + product;
  }

  setLoopback(rank: number, link: LinkDescription): void {
    this.links.set(this.position(rank), { up: link, down: link });
  }

  setLimiter(rank: number, link: LinkDescription): void {
    this.links.set(this.position(rank) + (this.hasLoopback ? 1 : 0), { up: link, down: link });
  }

  setDimensionLink(rank: number, dimension: number, pair: LinkPair): void {
    this.links.set(this.firstDimensionPosition(rank) + dimension, pair);
  }

  addRoute(zone: Zone): void {
    throw new RouteDefinitionError(
      'routes-not-accepted',
      `Zone "${zone.id}" is a torus cluster: its routes follow from its topology and it accepts no route.`,
    );
  }

  seal(): void {}

  localRoute(zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency): void {
    if (src.kind === 'router' || dst.kind === 'router') return;
    if (src.id === dst.id && this.hasLoopback) {
      add(into, latency, this.pair(zone, this.position(src.id)).up);
      return;
    }
    const dims = this.dimensions;
    const from = this.coordinates(src.id);
    const target = this.coordinates(dst.id);
    let current = src.id;
    while (current !== dst.id) {
      let next = current;
      let position = 0;
      let up = false;
      let product = 1;
      for (let j = 0; j < dims.length; j++) {
        const size = dims[j] as number;
        const here = Math.trunc(current / product) % size;
        if (here !== Math.trunc(dst.id / product) % size) {
          const mine = from[j] as number;
          const theirs = target[j] as number;
          const half = Math.trunc(size / 2);
          // Rightwards when the target is at most half a ring ahead, measured from the source's coordinate.
          if ((theirs > mine && theirs <= mine + half) || (mine > half && (mine + half) % size >= theirs)) {
            next = here === size - 1 ? current + product - product * size : current + product;
            position = this.firstDimensionPosition(current) + j;
            up = true;
          } else {
            next = here === 0 ? current - product + product * size : current - product;
            position = this.firstDimensionPosition(next) + j;
            up = false;
          }
          break;
        }
        product *= size;
      }
      if (next === current) throw unreachable(zone, src, dst);
      if (this.hasLimiter) into.links.push(this.pair(zone, this.limiterPosition(current)).up);
      const pair = this.pair(zone, position);
      add(into, latency, up ? pair.up : pair.down);
      current = next;
    }
    if (this.hasLimiter) into.links.push(this.pair(zone, this.limiterPosition(dst.id)).down);
  }

  private get linksPerNode(): number {
    return this.dimensions.length + (this.hasLoopback ? 1 : 0) + (this.hasLimiter ? 1 : 0);
  }

  private position(rank: number): number {
    return rank * this.linksPerNode;
  }

  private limiterPosition(rank: number): number {
    return this.position(rank) + (this.hasLoopback ? 1 : 0);
  }

  private firstDimensionPosition(rank: number): number {
    return this.limiterPosition(rank) + (this.hasLimiter ? 1 : 0);
  }

  private coordinates(rank: number): number[] {
    let product = 1;
    return this.dimensions.map((size) => {
      const coordinate = Math.trunc(rank / product) % size;
      product *= size;
      return coordinate;
    });
  }

  private pair(zone: Zone, position: number): LinkPair {
    const pair = this.links.get(position);
    if (pair === undefined) {
      throw new LivemigError('internal', `Torus zone "${zone.id}" has no link at position ${position}.`);
    }
    return pair;
  }
}

function add(into: Route, latency: Latency, link: LinkDescription): void {
  into.links.push(link);
  latency.value += link.latencySec;
}

function unreachable(zone: Zone, src: NetPoint, dst: NetPoint): LivemigError {
  return new LivemigError('not-found', `No route from "${src.name}" to "${dst.name}" in torus zone "${zone.id}".`, {
    details: { src: src.name, dst: dst.name, zone: zone.id },
  });
}
