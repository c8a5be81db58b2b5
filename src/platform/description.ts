// The resolved, model-independent description of a platform: hosts, LMM-level links, zones and routes, as SimGrid 3.32
// would build them from the same XML. Loaders (xml/, spec.ts) produce it; the simulation builds resources from it.
import type { Issue, SourceLocation } from '../core/index.ts';

export interface HostDescription {
  name: string;
  /** Peak speed of each pstate, in flop/s. */
  speedsFlops: number[];
  /** Index of the initial pstate in `speedsFlops`. */
  pstate: number;
  cores: number;
  properties: Record<string, string>;
  /** Id of the zone the host belongs to. */
  zone: string;
  location?: SourceLocation;
}

/** A link as the sharing solver sees it: a split-duplex link appears twice, as `<id>_UP` and `<id>_DOWN`. */
export interface LinkDescription {
  name: string;
  bandwidthBytesPerSec: number;
  latencySec: number;
  sharing: 'shared' | 'fatpipe';
  properties: Record<string, string>;
  /** For the halves of a split-duplex link: the declared id and which half this is. */
  splitDuplex?: { id: string; direction: 'up' | 'down' };
  location?: SourceLocation;
}

export interface RouteResult {
  /** Link names in the order SimGrid lists them. */
  links: readonly string[];
  /** Sum of the latencies of the links, added in SimGrid's order (so the double is the same). */
  latencySec: number;
}

/** SimGrid's routing kinds (`<zone routing="…">`); `cluster` is the star zone of `<cluster>` and `routing="Cluster"`. */
export type ZoneRouting =
  | 'full'
  | 'floyd'
  | 'dijkstra'
  | 'dijkstra-cache'
  | 'cluster'
  | 'torus'
  | 'dragonfly'
  | 'fat-tree'
  | 'none';

export interface ZoneDescription {
  readonly id: string;
  readonly routing: ZoneRouting;
  readonly children: readonly ZoneDescription[];
  /** Hosts directly in this zone, in creation order. */
  readonly hosts: readonly string[];
  readonly routers: readonly string[];
  readonly properties: Record<string, string>;
  readonly location?: SourceLocation;
}

/** An `<actor>` of a deployment: parsed, never run. */
export interface ActorDescription {
  host: string;
  function: string;
  args: string[];
  /** `undefined` when not given (SimGrid's -1): the actor starts at once. */
  startTimeSec?: number;
  /** `undefined` when not given (SimGrid's -1): never killed. */
  killTimeSec?: number;
  onFailure: 'die' | 'restart';
  properties: Record<string, string>;
  location?: SourceLocation;
}

export interface PlatformDescription {
  /** File path, or `<inline>`. */
  readonly source: string;
  /** In declaration order (SimGrid's creation order). */
  readonly hosts: readonly HostDescription[];
  /** Every LMM-level link, in creation order; `__loopback__` first whenever a route can use it. */
  readonly links: readonly LinkDescription[];
  readonly routers: readonly string[];
  readonly zones: ZoneDescription;
  /** `<config><prop id value/>` entries; the first setting of a key wins, as in SimGrid. */
  readonly config: Record<string, string>;
  readonly actors: readonly ActorDescription[];
  readonly warnings: readonly Issue[];
  host(name: string): HostDescription | undefined;
  link(name: string): LinkDescription | undefined;
  /**
   * The route from `src` to `dst` (host or router names). Throws a LivemigError `not-found` when SimGrid has no
   * route there (an empty route, which SimGrid refuses to communicate over, or a routing failure).
   */
  route(src: string, dst: string): RouteResult;
  /**
   * Like `route`, but `undefined` where SimGrid's routing silently returns an empty route (e.g. a Full zone without
   * that `<route>`): SimGrid then uses no link, as for the reverse route of a one-way route under cross-traffic.
   * Still throws where SimGrid's routing itself fails (Floyd/Dijkstra without a path, missing zoneRoute…).
   */
  findRoute(src: string, dst: string): RouteResult | undefined;
}
