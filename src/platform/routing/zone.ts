// The routing tree as SimGrid 3.32 keeps it (NetZoneImpl, NetPoint): zones with their components, ranks and parents,
// and the interface every routing kind implements (add_route, seal, get_local_route).
import type { SourceLocation } from '../../core/index.ts';
import type { LinkDescription, ZoneDescription, ZoneRouting } from '../description.ts';

export type NetPointKind = 'host' | 'router' | 'zone';

export interface NetPoint {
  readonly name: string;
  readonly kind: NetPointKind;
  /** The englobing zone (for a zone's own point, its parent zone; undefined for the root zone). */
  readonly zone: Zone | undefined;
  /** Rank among the components of `zone`, as SimGrid's NetPoint::id(). */
  readonly id: number;
}

/** A local route: links plus, between zones, the gateways. `links` may be shared with the caller, as in SimGrid. */
export interface Route {
  links: LinkDescription[];
  gwSrc: NetPoint | undefined;
  gwDst: NetPoint | undefined;
}

/** A link as named in a route, before the direction of a split-duplex link is resolved. */
export type DeclaredLink =
  | { readonly kind: 'single'; readonly link: LinkDescription }
  | {
      readonly kind: 'split-duplex';
      readonly name: string;
      readonly up: LinkDescription;
      readonly down: LinkDescription;
    };

export interface LinkInRoute {
  readonly link: DeclaredLink;
  readonly direction: 'up' | 'down' | 'none';
}

/** A route definition, as given to NetZoneImpl::add_route (`undefined` is SimGrid's nullptr). */
export interface RouteDefinition {
  src: NetPoint | undefined;
  dst: NetPoint | undefined;
  gwSrc: NetPoint | undefined;
  gwDst: NetPoint | undefined;
  links: readonly LinkInRoute[];
  symmetrical: boolean;
}

/** The running latency sum, added link by link in SimGrid's order. */
export interface Latency {
  value: number;
}

export type GlobalRouteFn = (src: NetPoint, dst: NetPoint, links: LinkDescription[], latency: Latency) => void;

/** One routing kind (Full, Floyd, Dijkstra, Star, Empty). */
export interface RoutingStrategy {
  readonly kind: ZoneRouting;
  /** Throws a RouteDefinitionError when SimGrid would refuse the route. */
  addRoute(zone: Zone, route: RouteDefinition): void;
  /** Called once, after the zone is complete, as NetZoneImpl::do_seal (`loopback` gives SimGrid's `__loopback__`). */
  seal(zone: Zone, loopback: () => LinkDescription): void;
  /** Appends the local route from `src` to `dst` (both components of `zone`) into `into`; throws when none. */
  localRoute(zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency, global: GlobalRouteFn): void;
}

export interface BypassRoute {
  gwSrc: NetPoint | undefined;
  gwDst: NetPoint | undefined;
  links: LinkDescription[];
}

export class Zone implements ZoneDescription {
  readonly children: Zone[] = [];
  readonly hosts: string[] = [];
  readonly routers: string[] = [];
  properties: Record<string, string> = {};
  /** Components (hosts, routers, child zones' points) by rank. */
  readonly vertices: NetPoint[] = [];
  /** `recursive` once the zone has a child, as SimGrid's RoutingMode. */
  hierarchy: 'base' | 'recursive' = 'base';
  readonly bypassRoutes = new Map<NetPoint, Map<NetPoint, BypassRoute>>();
  readonly netpoint: NetPoint;
  readonly location?: SourceLocation;

  constructor(
    readonly id: string,
    readonly strategy: RoutingStrategy,
    readonly parent: Zone | undefined,
    location: SourceLocation | undefined,
  ) {
    this.netpoint =
      parent === undefined ? { name: id, kind: 'zone', zone: undefined, id: 0 } : parent.addPoint(id, 'zone');
    if (parent !== undefined) {
      parent.hierarchy = 'recursive';
      parent.children.push(this);
    }
    if (location !== undefined) this.location = location;
  }

  get routing(): ZoneRouting {
    return this.strategy.kind;
  }

  /** Creates a component of this zone with the next rank (SimGrid's NetPoint::set_englobing_zone). */
  addPoint(name: string, kind: NetPointKind): NetPoint {
    const point: NetPoint = { name, kind, zone: this, id: this.vertices.length };
    this.vertices.push(point);
    if (kind === 'host') this.hosts.push(name);
    if (kind === 'router') this.routers.push(name);
    return point;
  }

  /** True when `point` is a component of this zone or of one of its descendants. */
  containsRecursively(point: NetPoint): boolean {
    for (let zone = point.zone; zone !== undefined; zone = zone.parent) if (zone === this) return true;
    return false;
  }

  /** The descendant zone (or this one) whose own point is `point`. */
  findZone(point: NetPoint): Zone | undefined {
    if (point === this.netpoint) return this;
    for (const child of this.children) {
      const found = child.findZone(point);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

/** A route SimGrid refuses at definition time (message and hint for an Issue). */
export class RouteDefinitionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'RouteDefinitionError';
  }
}
