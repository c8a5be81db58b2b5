// The plain-object form of a platform (in code or in a scenario file): hosts, links and routes of one Full zone, and
// clusters named with the attributes of SimGrid's <cluster>, joined by zone routes.

export type Quantity = string | number;
export type LinkRef = string | { name: string; direction: 'up' | 'down' };

export interface HostSpec {
  name: string;
  /** `'1Gf'`, a number of flop/s, or SimGrid's comma list of pstate speeds (`'100Mf,50Mf'`). */
  speed?: Quantity;
  /** Speeds of the pstates, instead of `speed`. */
  pstates?: Quantity[];
  /** Initial pstate (default 0). */
  pstate?: number;
  cores?: number;
  properties?: Record<string, string>;
}

export interface LinkSpec {
  name: string;
  bandwidth: Quantity;
  latency?: Quantity;
  /** Default `'shared'`; a `'split-duplex'` link is used as `{ name, direction }` in routes. */
  sharing?: 'shared' | 'split-duplex' | 'fatpipe';
  properties?: Record<string, string>;
}

export interface RouteSpec {
  src: string;
  dst: string;
  links: LinkRef[];
  /** Default true: the reverse route uses the links in reverse order (and the other halves of split-duplex links). */
  symmetrical?: boolean;
}

/** The attributes of SimGrid's `<cluster>`, under the same names. */
export interface ClusterSpec {
  id: string;
  prefix: string;
  suffix?: string;
  /** `'0-99'`, `'0,3,5-7'`, or the list of numbers. */
  radical: string | number[];
  speed: Quantity;
  core?: number;
  bw: Quantity;
  lat: Quantity;
  sharing_policy?: 'SHARED' | 'SPLITDUPLEX' | 'FATPIPE';
  bb_bw?: Quantity;
  bb_lat?: Quantity;
  bb_sharing_policy?: 'SHARED' | 'FATPIPE';
  router_id?: string;
  limiter_link?: Quantity;
  loopback_bw?: Quantity;
  loopback_lat?: Quantity;
  properties?: Record<string, string>;
}

/** A route between two zones (clusters, or the zone of the plain hosts); gateways default to the clusters' routers. */
export interface ZoneRouteSpec {
  src: string;
  dst: string;
  gwSrc?: string;
  gwDst?: string;
  links: LinkRef[];
  symmetrical?: boolean;
}

export interface PlatformSpec {
  /** Id of the root zone (default `'platform'`). */
  name?: string;
  config?: Record<string, string>;
  hosts?: HostSpec[];
  routers?: string[];
  links?: LinkSpec[];
  routes?: RouteSpec[];
  clusters?: ClusterSpec[];
  /** Id of the zone that holds `hosts` and `routers` when there are clusters too (default `'hosts'`). */
  hostsZone?: string;
  zoneRoutes?: ZoneRouteSpec[];
}
