// A platform described as a plain object (in code or in a scenario file): one Full zone of hosts, links and routes,
// clusters as star sub-zones joined by zone routes through their routers, as SimGrid builds cluster_multi.xml.
import { PlatformBuilder } from './build/builder.ts';
import { addFlatCluster } from './build/cluster.ts';
import type { LinkSharing } from './build/registry.ts';
import type { PlatformDescription } from './description.ts';
import { readClusterSpec } from './spec-cluster.ts';
import { type Fields, join, SpecFields } from './spec-fields.ts';
import { readRoute, readZoneRoute } from './spec-routes.ts';
import type { PlatformSpec } from './spec-types.ts';

export type {
  ClusterSpec,
  HostSpec,
  LinkRef,
  LinkSpec,
  PlatformSpec,
  Quantity,
  RouteSpec,
  ZoneRouteSpec,
} from './spec-types.ts';

const TOP = ['name', 'config', 'hosts', 'routers', 'links', 'routes', 'clusters', 'hostsZone', 'zoneRoutes'];
const SHARING: Readonly<Record<string, LinkSharing>> = {
  shared: 'shared',
  'split-duplex': 'split-duplex',
  splitduplex: 'split-duplex',
  fatpipe: 'fatpipe',
};

/** Validates `spec` (every problem reported at once, with paths) and builds its PlatformDescription. */
export function describePlatform(spec: PlatformSpec, sourceName?: string): PlatformDescription;
/** Same, for data not yet known to be a spec (parsed JSON): it is checked field by field. */
export function describePlatform(spec: unknown, sourceName?: string): PlatformDescription;
export function describePlatform(spec: unknown, sourceName = '<inline>'): PlatformDescription {
  const builder = new PlatformBuilder(sourceName);
  const fields = new SpecFields(builder.issues);
  const top = fields.object(spec, '', TOP) ?? {};
  for (const [key, value] of Object.entries(
    fields.object(top.config ?? {}, 'config', Object.keys(top.config ?? {})) ?? {},
  )) {
    builder.setConfig(key, String(value), { path: join('config', key) });
  }
  const rootName = fields.string(top, 'name', '', 'platform') ?? 'platform';
  const clusters = fields.array(top, 'clusters', '');
  builder.beginZone(rootName, 'full', { path: '' });
  fields.array(top, 'links', '').forEach((link, i) => {
    readLink(builder, fields, link, join('links', i));
  });
  const hostsZone = readHostsZone(builder, fields, top, clusters.length > 0);
  clusters.forEach((cluster, i) => {
    const args = readClusterSpec(fields, cluster, join('clusters', i));
    if (args !== undefined) addFlatCluster(builder, args, { path: join('clusters', i) });
  });
  fields.array(top, 'zoneRoutes', '').forEach((route, i) => {
    readZoneRoute(builder, fields, route, join('zoneRoutes', i), hostsZone);
  });
  builder.endZone({});
  return builder.finish({ path: '' });
}

/** Hosts, routers and routes: in the root zone, or in their own Full zone when there are clusters too. */
function readHostsZone(
  builder: PlatformBuilder,
  fields: SpecFields,
  top: Fields,
  withClusters: boolean,
): string | undefined {
  const hosts = fields.array(top, 'hosts', '');
  const routers = fields.array(top, 'routers', '');
  const routes = fields.array(top, 'routes', '');
  const ownZone = withClusters && hosts.length + routers.length > 0;
  const zoneId = ownZone ? (fields.string(top, 'hostsZone', '', 'hosts') ?? 'hosts') : undefined;
  if (zoneId !== undefined) builder.beginZone(zoneId, 'full', { path: 'hostsZone' });
  hosts.forEach((host, i) => {
    readHost(builder, fields, host, join('hosts', i));
  });
  routers.forEach((router, i) => {
    if (typeof router === 'string' && router !== '') builder.addRouter(router, { path: join('routers', i) });
    else
      builder.issues.error('invalid-type', 'A router is given by its name, a non-empty string.', {
        path: join('routers', i),
      });
  });
  routes.forEach((route, i) => {
    readRoute(builder, fields, route, join('routes', i));
  });
  if (zoneId !== undefined) builder.endZone({});
  return zoneId;
}

function readHost(builder: PlatformBuilder, fields: SpecFields, value: unknown, path: string): void {
  const host = fields.object(value, path, ['name', 'speed', 'pstates', 'pstate', 'cores', 'properties']);
  if (host === undefined) return;
  const name = fields.string(host, 'name', path);
  const speeds = readSpeeds(fields, host, path);
  const pstate = fields.integer(host, 'pstate', path, 0, 0);
  const cores = fields.integer(host, 'cores', path, 1, 1);
  const properties = fields.properties(host, path);
  if (name === undefined) return;
  builder.addHost({ name, speedsFlops: speeds ?? [0], pstate: pstate ?? 0, cores: cores ?? 1, properties }, { path });
}

function readSpeeds(fields: SpecFields, host: Fields, path: string): number[] | undefined {
  if ((host.speed === undefined) === (host.pstates === undefined)) {
    fields.issues.error('invalid-value', 'Give either speed or pstates (the speed of each pstate).', {
      path: join(path, 'speed'),
    });
    return undefined;
  }
  const list =
    host.pstates ??
    (typeof host.speed === 'string' ? host.speed.split(',').map((speed) => speed.trim()) : [host.speed]);
  const key = host.pstates === undefined ? 'speed' : 'pstates';
  if (!Array.isArray(list) || list.length === 0) {
    fields.issues.error('invalid-type', 'pstates must be a non-empty array of speeds.', { path: join(path, key) });
    return undefined;
  }
  const speeds = list.map((speed, i) =>
    fields.speed(speed, key === 'pstates' ? join(join(path, key), i) : join(path, key)),
  );
  return speeds.every((speed) => speed !== undefined) ? (speeds as number[]) : undefined;
}

function readLink(builder: PlatformBuilder, fields: SpecFields, value: unknown, path: string): void {
  const link = fields.object(value, path, ['name', 'bandwidth', 'latency', 'sharing', 'properties']);
  if (link === undefined) return;
  const name = fields.string(link, 'name', path);
  const bandwidthBytesPerSec = fields.bandwidth(link, 'bandwidth', path);
  const latencySec = fields.time(link, 'latency', path, 0);
  const sharing = fields.choice(link, 'sharing', path, SHARING, 'shared');
  const properties = fields.properties(link, path);
  if (name === undefined || bandwidthBytesPerSec === undefined || latencySec === undefined || sharing === undefined)
    return;
  builder.addLink({ name, bandwidthBytesPerSec, latencySec, sharing, properties }, { path });
}
