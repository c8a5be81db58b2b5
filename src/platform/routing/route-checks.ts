// The checks every routed zone (Full, Floyd, Dijkstra) makes on a new route (RoutedZone::add_route_check_params),
// and the resolution of split-duplex links into their UP/DOWN halves (NetZoneImpl::get_link_list_impl).
import type { LinkDescription } from '../description.ts';
import { type LinkInRoute, type NetPoint, type RouteDefinition, RouteDefinitionError, type Zone } from './zone.ts';

/** The links of a route; `backRoute` swaps the halves of split-duplex links (for the reverse of a symmetrical route). */
export function resolveLinks(links: readonly LinkInRoute[], backRoute: boolean): LinkDescription[] {
  return links.map(({ link, direction }) => {
    if (link.kind === 'single') return link.link;
    if (direction === 'none') {
      throw new RouteDefinitionError(
        'split-duplex-without-direction',
        `Link "${link.name}" is SPLITDUPLEX, so a route must say which half it uses.`,
        `Add direction="UP" or direction="DOWN" (or name "${link.up.name}" or "${link.down.name}").`,
      );
    }
    return (direction === 'up') !== backRoute ? link.up : link.down;
  });
}

export function describe(point: NetPoint): string {
  return `${point.kind} "${point.name}"`;
}

/** RoutedZone::add_route_check_params, with messages that say what to change. */
export function checkRoutedZoneRoute(zone: Zone, route: RouteDefinition): void {
  const { src, dst, gwSrc, gwDst, links } = route;
  if (src === undefined || dst === undefined)
    throw new RouteDefinitionError('bad-route', 'A route needs a source and a destination.');
  for (const point of [src, dst]) {
    if (point.zone !== zone) {
      throw new RouteDefinitionError(
        'route-outside-zone',
        `${describe(point)} is not a component of zone "${zone.id}", where this route is declared` +
          (point.zone === undefined ? '.' : ` (it is in zone "${point.zone.id}").`),
        'Declare a route in the zone that directly contains both of its ends; between zones, use a zoneRoute.',
      );
    }
  }
  if (gwSrc === undefined || gwDst === undefined) {
    checkPlainRoute(src, dst, links.length);
    return;
  }
  checkZoneRoute(zone, src, dst, gwSrc, gwDst, links.length);
}

function checkPlainRoute(src: NetPoint, dst: NetPoint, linkCount: number): void {
  if (linkCount === 0) {
    throw new RouteDefinitionError(
      'empty-route',
      `Empty route from "${src.name}" to "${dst.name}" is forbidden.`,
      'List at least one <link_ctn>.',
    );
  }
  for (const point of [src, dst]) {
    if (point.kind === 'zone') {
      throw new RouteDefinitionError(
        'zone-in-route',
        `A route cannot start or end at zone "${point.name}".`,
        'Between zones, use <zoneRoute src dst gw_src gw_dst>.',
      );
    }
  }
}

function checkZoneRoute(
  zone: Zone,
  src: NetPoint,
  dst: NetPoint,
  gwSrc: NetPoint,
  gwDst: NetPoint,
  count: number,
): void {
  for (const point of [src, dst]) {
    if (point.kind !== 'zone') {
      throw new RouteDefinitionError(
        'not-a-zone',
        `A zoneRoute goes from zone to zone, but ${describe(point)} is not a zone.`,
        'Between hosts or routers, use <route>.',
      );
    }
  }
  for (const gateway of [gwSrc, gwDst]) {
    if (gateway.kind === 'zone') {
      throw new RouteDefinitionError(
        'bad-gateway',
        `Gateway "${gateway.name}" is a zone; a gateway must be a host or a router.`,
      );
    }
  }
  if (gwSrc === gwDst)
    throw new RouteDefinitionError('bad-gateway', `A zoneRoute cannot go from gateway "${gwSrc.name}" to itself.`);
  if (count === 0) {
    throw new RouteDefinitionError(
      'empty-route',
      `Empty zoneRoute from "${src.name}" to "${dst.name}" is forbidden.`,
      'List at least one <link_ctn>.',
    );
  }
  checkGatewayInside(zone, src, gwSrc, 'gw_src');
  checkGatewayInside(zone, dst, gwDst, 'gw_dst');
}

function checkGatewayInside(zone: Zone, end: NetPoint, gateway: NetPoint, attribute: string): void {
  if (zone.findZone(end)?.containsRecursively(gateway) === true) return;
  throw new RouteDefinitionError(
    'bad-gateway',
    `${attribute} "${gateway.name}" belongs to zone "${gateway.zone?.id ?? '?'}", not to zone "${end.name}".`,
    `Pick a host or router of zone "${end.name}" (for a cluster, its router).`,
  );
}
