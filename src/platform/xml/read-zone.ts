// A <zone> (or <AS>) and its content, in document order, with the DTD's rule that definitions come before routes.
import type { PlatformBuilder } from '../build/builder.ts';
import type { ZoneRouting } from '../description.ts';
import type { Element } from './element.ts';
import { type ClusterZoneParts, populateClusterZone, readCluster } from './read-cluster.ts';
import { readHost, readLink, readRoute } from './read-elements.ts';
import { readProperties } from './values.ts';

const ROUTINGS: Readonly<Record<string, ZoneRouting>> = {
  full: 'full',
  floyd: 'floyd',
  dijkstra: 'dijkstra',
  dijkstracache: 'dijkstra-cache',
  cluster: 'cluster',
  none: 'none',
};
const ROUTE_TAGS = ['route', 'zoneRoute', 'ASroute', 'bypassRoute', 'bypassZoneRoute', 'bypassASroute'];

export function readZone(builder: PlatformBuilder, zone: Element): void {
  const { issues } = builder;
  const routing = routingOf(builder, zone);
  builder.beginZone(zone.get('id'), routing, zone.where());
  const children = zone.children(issues);
  const parts: ClusterZoneParts = { hostLinks: [], cabinets: [] };
  let firstRoute: Element | undefined;
  for (const child of children) {
    if (ROUTE_TAGS.includes(child.name)) firstRoute ??= child;
    else if (firstRoute !== undefined && child.name !== 'prop') {
      const at = firstRoute.where().location;
      const hint = `Move it above the first route${at === undefined ? '' : ` (line ${at.line})`}.`;
      issues.error(
        'misplaced-element',
        `<${child.name}> must come before the routes of zone "${zone.get('id')}".`,
        child.where(),
        hint,
      );
      continue;
    }
    readZoneChild(builder, child, routing, parts);
  }
  if (routing === 'cluster') populateClusterZone(builder, parts);
  builder.endZone(readProperties(issues, children));
}

function readZoneChild(builder: PlatformBuilder, child: Element, routing: ZoneRouting, parts: ClusterZoneParts): void {
  const clusterOnly = (list: Element[]): void => {
    if (routing === 'cluster') list.push(child);
    else
      builder.issues.error(
        'cluster-zone-only',
        `<${child.name}> is only valid in a zone with routing="Cluster".`,
        child.where(),
      );
  };
  switch (child.name) {
    case 'zone':
    case 'AS':
      readZone(builder, child);
      return;
    case 'cluster':
      readCluster(builder, child);
      return;
    case 'host':
      readHost(builder, child);
      return;
    case 'router':
      builder.addRouter(child.get('id'), child.where());
      return;
    case 'link':
      readLink(builder, child);
      return;
    case 'host_link':
      clusterOnly(parts.hostLinks);
      return;
    case 'cabinet':
      clusterOnly(parts.cabinets);
      return;
    case 'backbone':
      if (routing !== 'cluster') {
        builder.issues.warn(
          'ignored-element',
          '<backbone> is ignored outside a zone with routing="Cluster", as in SimGrid.',
          child.where(),
        );
      } else if (parts.backbone !== undefined) {
        builder.issues.warn(
          'ignored-element',
          'Only the last <backbone> of a zone is used, as in SimGrid.',
          parts.backbone.where(),
        );
        parts.backbone = child;
      } else parts.backbone = child;
      return;
    default:
      if (ROUTE_TAGS.includes(child.name)) readRoute(builder, child);
  }
}

function routingOf(builder: PlatformBuilder, zone: Element): ZoneRouting {
  const text = zone.get('routing');
  const routing = ROUTINGS[text.toLowerCase()];
  if (routing !== undefined) return routing;
  const known = 'Full, Floyd, Dijkstra, DijkstraCache, Cluster or None';
  const unsupported = ['vivaldi', 'wifi'].includes(text.toLowerCase());
  const message = unsupported
    ? `Zone "${zone.get('id')}": routing="${text}" is not supported by livemig.`
    : `Zone "${zone.get('id')}": routing="${text}" is not a valid routing model.`;
  builder.issues.error(
    unsupported ? 'unsupported-value' : 'invalid-value',
    message,
    zone.where('routing'),
    `Use ${known}.`,
  );
  return 'full';
}
