// Fat-tree routing (SimGrid 3.32's FatTreeZone, behind <cluster topology="FAT_TREE" topo_parameters=
// "levels;children per level;parents per level;links per pair">): hosts at level 0, switches above, labelled as
// SimGrid labels them; a route climbs (d-mod-k on the destination's position) until it reaches a switch whose
// subtree holds the destination, then descends. Written from the behaviour of SimGrid's FatTreeZone.cpp and checked
// against it (examples/simgrid/peer/).
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

export interface FatTreeShape {
  levels: number;
  children: number[];
  parents: number[];
  /** Links between a switch and each of its children (per level). */
  links: number[];
}

export interface FatTreeNode {
  id: number;
  level: number;
  position: number;
  limiter: LinkDescription | undefined;
  loopback: LinkDescription | undefined;
  label: number[];
  children: (FatTreeLink | undefined)[];
  parents: (FatTreeLink | undefined)[];
}

export interface FatTreeLink {
  upNode: FatTreeNode;
  downNode: FatTreeNode;
  up: LinkDescription;
  down: LinkDescription;
}

export class FatTreeRouting implements RoutingStrategy {
  readonly kind = 'fat-tree';
  shape: FatTreeShape = { levels: 1, children: [1], parents: [1], links: [1] };
  /** Hosts first (by rank), then switches level by level. */
  readonly nodes: FatTreeNode[] = [];
  readonly nodesByLevel: number[] = [];

  addRoute(zone: Zone): void {
    throw new RouteDefinitionError(
      'routes-not-accepted',
      `Zone "${zone.id}" is a fat-tree cluster: its routes follow from its topology and it accepts no route.`,
    );
  }

  seal(): void {}

  localRoute(zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency): void {
    if (src.kind === 'router' || dst.kind === 'router') return;
    const source = this.nodes[src.id];
    const destination = this.nodes[dst.id];
    if (source === undefined || destination === undefined)
      throw fail(zone, `"${src.name}" or "${dst.name}" is not in it`);
    if (source.id === destination.id && source.loopback !== undefined) {
      add(into, latency, source.loopback);
      return;
    }
    const { parents, links, children } = this.shape;
    let current = source;
    let guard = 0;
    while (!this.inSubTree(current, destination)) {
      let d = destination.position;
      for (let i = 0; i < current.level; i++) d = Math.trunc(d / (parents[i] as number));
      d %= (parents[current.level] as number) * (links[current.level] as number);
      if (current.limiter !== undefined) into.links.push(current.limiter);
      const link = current.parents[d];
      if (link === undefined) throw fail(zone, `switch ${current.id} has no parent port ${d}`);
      add(into, latency, link.up);
      current = link.upNode;
      if (++guard > this.nodes.length) throw fail(zone, 'the route does not reach the destination');
    }
    while (current !== destination) {
      const d = source.position % (links[current.level - 1] as number);
      // As in SimGrid, the scan goes on over the next node's ports once it has moved down.
      for (let i = d * (children[current.level - 1] as number); i < current.children.length; i++) {
        if (i % (children[current.level - 1] as number) === destination.label[current.level - 1]) {
          const link = current.children[i];
          if (link === undefined) throw fail(zone, `switch ${current.id} has no child port ${i}`);
          add(into, latency, link.down);
          if (current.limiter !== undefined) into.links.push(current.limiter);
          current = link.downNode;
        }
      }
      if (++guard > 2 * this.nodes.length) throw fail(zone, 'the route does not reach the destination');
    }
    if (current.limiter !== undefined) into.links.push(current.limiter);
  }

  private inSubTree(root: FatTreeNode, node: FatTreeNode): boolean {
    if (root.level <= node.level) return false;
    for (let i = 0; i < node.level; i++) if (root.label[i] !== node.label[i]) return false;
    for (let i = root.level; i < this.shape.levels; i++) if (root.label[i] !== node.label[i]) return false;
    return true;
  }
}

function add(into: Route, latency: Latency, link: LinkDescription): void {
  into.links.push(link);
  latency.value += link.latencySec;
}

function fail(zone: Zone, why: string): LivemigError {
  return new LivemigError('not-found', `Fat-tree zone "${zone.id}": ${why}.`, { details: { zone: zone.id } });
}
