// The PlatformDescription a builder returns: the lists, name lookups, and routes computed on demand through the
// zone tree (cost O(route length) for clusters and Full zones; Floyd tables were filled when sealing).
import { type Issue, LivemigError } from '../../core/index.ts';
import type {
  ActorDescription,
  HostDescription,
  LinkDescription,
  PlatformDescription,
  RouteResult,
  ZoneDescription,
} from '../description.ts';
import { globalRoute } from '../routing/global-route.ts';
import type { NetPoint, Zone } from '../routing/zone.ts';
import type { Registry } from './registry.ts';

export class BuiltPlatform implements PlatformDescription {
  readonly hosts: readonly HostDescription[];
  readonly links: readonly LinkDescription[];
  readonly routers: readonly string[];
  readonly zones: ZoneDescription;
  private readonly points: ReadonlyMap<string, NetPoint>;
  private readonly hostByName: ReadonlyMap<string, HostDescription>;
  private readonly linkByName: ReadonlyMap<string, LinkDescription>;

  constructor(
    readonly source: string,
    root: Zone,
    registry: Registry,
    readonly config: Record<string, string>,
    readonly actors: readonly ActorDescription[],
    readonly warnings: readonly Issue[],
  ) {
    this.hosts = registry.hosts;
    this.links = registry.allLinks();
    this.routers = registry.routers;
    this.zones = root;
    this.points = registry.points;
    this.hostByName = registry.hostByName;
    this.linkByName = new Map(this.links.map((link) => [link.name, link]));
  }

  host(name: string): HostDescription | undefined {
    return this.hostByName.get(name);
  }

  link(name: string): LinkDescription | undefined {
    return this.linkByName.get(name);
  }

  route(src: string, dst: string): RouteResult {
    const route = this.findRoute(src, dst);
    if (route !== undefined) return route;
    throw new LivemigError(
      'not-found',
      `No route from "${src}" to "${dst}" in ${this.source}: SimGrid finds no link between them (a Full zone needs a <route src="${src}" dst="${dst}">, or the reverse one if symmetrical).`,
      { details: { src, dst } },
    );
  }

  findRoute(src: string, dst: string): RouteResult | undefined {
    const from = this.point(src, 'source');
    const to = this.point(dst, 'destination');
    const links: LinkDescription[] = [];
    const latency = { value: 0 };
    globalRoute(from, to, links, latency);
    if (links.length === 0) return undefined;
    return { links: links.map((link) => link.name), latencySec: latency.value };
  }

  private point(name: string, role: string): NetPoint {
    const point = this.points.get(name);
    if (point !== undefined && point.kind !== 'zone') return point;
    const problem = point === undefined ? 'there is no such host or router' : 'it is a zone, not a host or router';
    throw new LivemigError('not-found', `Cannot route from/to the ${role} "${name}" in ${this.source}: ${problem}.`, {
      details: { name },
    });
  }
}
