// Routes between any two points of the zone tree (SimGrid's NetZoneImpl::get_global_route): find the common
// ancestor, try its bypass routes, else its local route between the two branches, recursing through the gateways.
import { LivemigError } from '../../core/index.ts';
import type { LinkDescription } from '../description.ts';
import type { BypassRoute, Latency, NetPoint, Route, Zone } from './zone.ts';

/** Appends the route from `src` to `dst` to `links`, adding each link's latency to `latency` in SimGrid's order. */
export function globalRoute(src: NetPoint, dst: NetPoint, links: LinkDescription[], latency: Latency): void {
  const [common, srcAncestor, dstAncestor] = commonAncestors(src, dst);
  if (bypassRoute(common, src, dst, links, latency)) return;
  if (srcAncestor === dstAncestor) {
    common.strategy.localRoute(common, src, dst, { links, gwSrc: undefined, gwDst: undefined }, latency, globalRoute);
    return;
  }
  const route: Route = { links: [], gwSrc: undefined, gwDst: undefined };
  common.strategy.localRoute(common, srcAncestor.netpoint, dstAncestor.netpoint, route, latency, globalRoute);
  if (route.gwSrc === undefined || route.gwDst === undefined) {
    throw new LivemigError(
      'not-found',
      `No route from "${src.name}" to "${dst.name}": zone "${common.id}" has no zoneRoute from "${srcAncestor.id}" to "${dstAncestor.id}".`,
      { details: { src: src.name, dst: dst.name, zone: common.id } },
    );
  }
  if (src !== route.gwSrc) globalRoute(src, route.gwSrc, links, latency);
  links.push(...route.links);
  if (route.gwDst !== dst) globalRoute(route.gwDst, dst, links, latency);
}

/** The zones from the point's englobing zone up to the root. */
function pathToRoot(point: NetPoint): Zone[] {
  const path: Zone[] = [];
  for (let zone = point.zone; zone !== undefined; zone = zone.parent) path.push(zone);
  return path;
}

/** find_common_ancestors: [common ancestor, first zone below it towards src, same towards dst]. */
function commonAncestors(src: NetPoint, dst: NetPoint): [Zone, Zone, Zone] {
  const srcPath = pathToRoot(src);
  const dstPath = pathToRoot(dst);
  let parent: Zone | undefined;
  while (srcPath.length > 1 && dstPath.length > 1 && srcPath[srcPath.length - 1] === dstPath[dstPath.length - 1]) {
    parent = srcPath.pop();
    dstPath.pop();
  }
  const srcAncestor = srcPath[srcPath.length - 1];
  const dstAncestor = dstPath[dstPath.length - 1];
  if (srcAncestor === undefined || dstAncestor === undefined) {
    throw new LivemigError('not-found', `No route from "${src.name}" to "${dst.name}": one of them is in no zone.`);
  }
  if (srcAncestor === dstAncestor) return [srcAncestor, srcAncestor, dstAncestor];
  if (parent === undefined) {
    throw new LivemigError(
      'not-found',
      `No route from "${src.name}" to "${dst.name}": they are not in the same zone tree.`,
    );
  }
  return [parent, srcAncestor, dstAncestor];
}

/** NetZoneImpl::get_bypass_route, called on the common ancestor. */
function bypassRoute(zone: Zone, src: NetPoint, dst: NetPoint, links: LinkDescription[], latency: Latency): boolean {
  if (zone.bypassRoutes.size === 0) return false;
  if (src.zone === zone && dst.zone === zone) {
    const direct = zone.bypassRoutes.get(src)?.get(dst);
    if (direct === undefined) return false;
    append(links, direct.links, latency);
    return true;
  }
  const srcPath = pathToRoot(src);
  const dstPath = pathToRoot(dst);
  while (srcPath.length > 1 && dstPath.length > 1 && srcPath[srcPath.length - 1] === dstPath[dstPath.length - 1]) {
    srcPath.pop();
    dstPath.pop();
  }
  let found: { route: BypassRoute; from: NetPoint; to: NetPoint } | undefined;
  const lookup = (i: number, j: number): boolean => {
    const from = srcPath[i]?.netpoint;
    const to = dstPath[j]?.netpoint;
    const route = from === undefined || to === undefined ? undefined : zone.bypassRoutes.get(from)?.get(to);
    if (route === undefined || from === undefined || to === undefined) return false;
    found = { route, from, to };
    return true;
  };
  const maxIndex = Math.max(srcPath.length, dstPath.length);
  for (let max = 0; max < maxIndex; max++) {
    for (let i = 0; i < max; i++) if (lookup(i, max) || lookup(max, i)) break;
    if (found !== undefined || lookup(max, max)) break;
  }
  if (found === undefined) return false;
  const { route, from, to } = found;
  if (src !== from && route.gwSrc !== undefined) globalRoute(src, route.gwSrc, links, latency);
  append(links, route.links, latency);
  if (dst !== to && route.gwDst !== undefined) globalRoute(route.gwDst, dst, links, latency);
  return true;
}

function append(links: LinkDescription[], added: readonly LinkDescription[], latency: Latency): void {
  for (const link of added) {
    links.push(link);
    latency.value += link.latencySec;
  }
}
