// Dragonfly routing (SimGrid 3.32's DragonflyZone, behind <cluster topology="DRAGONFLY" topo_parameters=
// "groups,blue;chassis,black;blades,green;nodes">): a router per blade, linked to its nodes, all-to-all to the
// other blades of its chassis (green), to the same blade of the other chassis of its group (black), and router n of
// group i to group n (blue). Minimal routing as SimGrid does it, hop by hop, crossing router limiters when there are.
// Written from the behaviour of SimGrid's DragonflyZone.cpp and checked against it (examples/simgrid/peer/).
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

export interface DragonflyShape {
  groups: number;
  chassisPerGroup: number;
  bladesPerChassis: number;
  nodesPerBlade: number;
}

/** A blade's router: its place, its optional limiter, and its links by destination. */
export interface DragonflyRouter {
  group: number;
  chassis: number;
  blade: number;
  limiter: LinkDescription | undefined;
  /** Up (to the router) and down (to the node) link of each of its nodes. */
  nodeUp: LinkDescription[];
  nodeDown: LinkDescription[];
  /** By blade of the same chassis. */
  green: (LinkDescription | undefined)[];
  /** By chassis of the same group. */
  black: (LinkDescription | undefined)[];
  blue: LinkDescription | undefined;
}

export class DragonflyRouting implements RoutingStrategy {
  readonly kind = 'dragonfly';
  shape: DragonflyShape = { groups: 1, chassisPerGroup: 1, bladesPerChassis: 1, nodesPerBlade: 1 };
  readonly routers: DragonflyRouter[] = [];
  /** Per host (by rank): its loopback and limiter links, if any. */
  readonly loopbacks = new Map<number, LinkDescription>();
  readonly limiters = new Map<number, LinkDescription>();

  addRoute(zone: Zone): void {
    throw new RouteDefinitionError(
      'routes-not-accepted',
      `Zone "${zone.id}" is a dragonfly cluster: its routes follow from its topology and it accepts no route.`,
    );
  }

  seal(): void {}

  /** Index of the router of (group, chassis, blade). */
  routerIndex(group: number, chassis: number, blade: number): number {
    const { chassisPerGroup, bladesPerChassis } = this.shape;
    return group * chassisPerGroup * bladesPerChassis + chassis * bladesPerChassis + blade;
  }

  localRoute(zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency): void {
    if (src.kind === 'router' || dst.kind === 'router') return;
    const loopback = this.loopbacks.get(src.id);
    if (src.id === dst.id && loopback !== undefined) {
      add(zone, into, latency, loopback);
      return;
    }
    const mine = this.coordinates(src.id);
    const target = this.coordinates(dst.id);
    const router = (index: number) => this.routers[index] ?? fail(zone, `no router ${index}`);
    const myRouter = router(this.routerIndex(mine.group, mine.chassis, mine.blade));
    const targetRouter = router(this.routerIndex(target.group, target.chassis, target.blade));
    const limiter = (r: DragonflyRouter) => {
      if (r.limiter !== undefined) into.links.push(r.limiter);
    };
    let current = myRouter;
    const ownLimiter = this.limiters.get(src.id);
    if (ownLimiter !== undefined) into.links.push(ownLimiter);
    add(zone, into, latency, myRouter.nodeUp[mine.node]);
    if (targetRouter !== myRouter) {
      if (targetRouter.group !== current.group) {
        if (current.blade !== target.group) {
          limiter(current);
          add(zone, into, latency, current.green[target.group]);
          current = router(this.routerIndex(mine.group, mine.chassis, target.group));
        }
        if (current.chassis !== 0) {
          limiter(current);
          add(zone, into, latency, current.black[0]);
          current = router(this.routerIndex(mine.group, 0, target.group));
        }
        add(zone, into, latency, current.blue);
        limiter(current);
        current = router(this.routerIndex(target.group, 0, mine.group));
      }
      if (targetRouter.blade !== current.blade) {
        limiter(current);
        add(zone, into, latency, current.green[target.blade]);
        current = router(this.routerIndex(target.group, 0, target.blade));
      }
      if (targetRouter.chassis !== current.chassis) {
        limiter(current);
        add(zone, into, latency, current.black[target.chassis]);
      }
    }
    limiter(targetRouter);
    add(zone, into, latency, targetRouter.nodeDown[target.node]);
    const theirLimiter = this.limiters.get(dst.id);
    if (theirLimiter !== undefined) into.links.push(theirLimiter);
  }

  private coordinates(rank: number): { group: number; chassis: number; blade: number; node: number } {
    const { chassisPerGroup, bladesPerChassis, nodesPerBlade } = this.shape;
    const perGroup = chassisPerGroup * bladesPerChassis * nodesPerBlade;
    const perChassis = bladesPerChassis * nodesPerBlade;
    const inGroup = rank % perGroup;
    const inChassis = inGroup % perChassis;
    return {
      group: Math.trunc(rank / perGroup),
      chassis: Math.trunc(inGroup / perChassis),
      blade: Math.trunc(inChassis / nodesPerBlade),
      node: inChassis % nodesPerBlade,
    };
  }
}

function add(zone: Zone, into: Route, latency: Latency, link: LinkDescription | undefined): void {
  if (link === undefined) fail(zone, 'a route needs a link the topology does not have');
  into.links.push(link);
  latency.value += link.latencySec;
}

function fail(zone: Zone, why: string): never {
  throw new LivemigError(
    'not-found',
    `Dragonfly zone "${zone.id}": ${why} (SimGrid's minimal routing needs more blades per chassis than groups).`,
    { details: { zone: zone.id } },
  );
}
