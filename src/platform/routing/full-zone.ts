// Full routing (SimGrid's FullZone): an explicit route for each ordered pair, kept sparse here; a missing self-route
// of a leaf zone gets the `__loopback__` link at seal time; a missing route is an empty one, without complaint.
import type { LinkDescription } from '../description.ts';
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

export class FullRouting implements RoutingStrategy {
  readonly kind = 'full';
  /** table.get(src rank).get(dst rank) */
  private readonly table = new Map<number, Map<number, Route>>();

  addRoute(zone: Zone, definition: RouteDefinition): void {
    checkRoutedZoneRoute(zone, definition);
    const { src, dst, gwSrc, gwDst, links, symmetrical } = definition;
    if (src === undefined || dst === undefined) return;
    this.checkFree(src, dst, 'Routes are symmetrical by default: did you declare this one twice?');
    const recursive = zone.hierarchy === 'recursive';
    const forward = resolveLinks(links, false);
    if (symmetrical && src !== dst) {
      this.checkFree(
        dst,
        src,
        `The reverse route from "${dst.name}" to "${src.name}" is declared too: add symmetrical="NO" to one of them.`,
      );
    }
    this.set(src, dst, { links: forward, gwSrc: recursive ? gwSrc : undefined, gwDst: recursive ? gwDst : undefined });
    if (symmetrical && src !== dst) {
      const backward = resolveLinks(links, true).reverse();
      const [backSrc, backDst] = gwSrc !== undefined && gwDst !== undefined ? [gwDst, gwSrc] : [gwSrc, gwDst];
      this.set(dst, src, {
        links: backward,
        gwSrc: recursive ? backSrc : undefined,
        gwDst: recursive ? backDst : undefined,
      });
    }
  }

  seal(zone: Zone, loopback: () => LinkDescription): void {
    if (zone.hierarchy !== 'base') return;
    for (const point of zone.vertices) {
      if (this.get(point, point) === undefined)
        this.set(point, point, { links: [loopback()], gwSrc: undefined, gwDst: undefined });
    }
  }

  localRoute(_zone: Zone, src: NetPoint, dst: NetPoint, into: Route, latency: Latency): void {
    const route = this.get(src, dst);
    if (route === undefined) return;
    into.gwSrc = route.gwSrc;
    into.gwDst = route.gwDst;
    for (const link of route.links) {
      into.links.push(link);
      latency.value += link.latencySec;
    }
  }

  private get(src: NetPoint, dst: NetPoint): Route | undefined {
    return this.table.get(src.id)?.get(dst.id);
  }

  private set(src: NetPoint, dst: NetPoint, route: Route): void {
    let row = this.table.get(src.id);
    if (row === undefined) {
      row = new Map();
      this.table.set(src.id, row);
    }
    row.set(dst.id, route);
  }

  private checkFree(src: NetPoint, dst: NetPoint, hint: string): void {
    if (this.get(src, dst) === undefined) return;
    throw new RouteDefinitionError(
      'duplicate-route',
      `The route from "${src.name}" to "${dst.name}" already exists.`,
      hint,
    );
  }
}
