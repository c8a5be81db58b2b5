// <cluster> (flat only) and the parts of a <zone routing="Cluster">: <backbone>, <host_link> and <cabinet>, built at
// the end of the zone as SimGrid's sg_platf_zone_cluster_populate does.

import type { PlatformBuilder } from '../build/builder.ts';
import { addFlatCluster, type ClusterArgs } from '../build/cluster.ts';
import { addDragonflyCluster, type DragonflyLinks } from '../build/dragonfly-cluster.ts';
import { addFatTreeCluster } from '../build/fat-tree-cluster.ts';
import { addTorusCluster } from '../build/torus-cluster.ts';
import type { LinkDescription } from '../description.ts';
import type { DragonflyShape } from '../routing/dragonfly-zone.ts';
import type { FatTreeShape } from '../routing/fat-tree-zone.ts';
import type { LinkInRoute } from '../routing/zone.ts';
import type { Element } from './element.ts';
import { readBandwidth, readInteger, readProperties, readRadicals, readSpeeds, readTime } from './values.ts';

export function readCluster(builder: PlatformBuilder, cluster: Element): void {
  const { issues } = builder;
  const id = cluster.get('id');
  const args = readClusterArgs(builder, cluster, id);
  const topology = cluster.get('topology');
  const dimensions = topology === 'TORUS' ? readDimensions(builder, cluster, id) : undefined;
  const dragonfly = topology === 'DRAGONFLY' ? readDragonfly(builder, cluster, id) : undefined;
  const fatTree = topology === 'FAT_TREE' ? readFatTree(builder, cluster, id) : undefined;
  if (topology !== 'FLAT' && topology !== 'TORUS' && topology !== 'DRAGONFLY' && topology !== 'FAT_TREE') {
    const hint =
      'Use topology="FLAT" (the default), "TORUS" or "DRAGONFLY", or describe the topology with zones and routes.';
    issues.error(
      'unsupported-value',
      `Cluster "${id}": topology ${cluster.get('topology')} is not supported by livemig.`,
      cluster.where('topology'),
      hint,
    );
    return;
  }
  if (args === undefined) return;
  if (topology === 'TORUS') {
    if (dimensions !== undefined) addTorusCluster(builder, args, dimensions, cluster.where());
    return;
  }
  if (topology === 'FAT_TREE') {
    if (fatTree !== undefined) addFatTreeCluster(builder, args, fatTree, cluster.where());
    return;
  }
  if (topology === 'DRAGONFLY') {
    if (dragonfly !== undefined) addDragonflyCluster(builder, args, dragonfly.shape, dragonfly.links, cluster.where());
    return;
  }
  addFlatCluster(builder, args, cluster.where());
}

/** The attributes every cluster shares (each issue reported), or undefined when one of them could not be read. */
function readClusterArgs(builder: PlatformBuilder, cluster: Element, id: string): ClusterArgs | undefined {
  const { issues } = builder;
  const what = (attribute: string): string => `${attribute} of cluster "${id}"`;
  const optional = (attribute: string, read: typeof readBandwidth): number | undefined =>
    cluster.get(attribute) === '' ? 0 : read(issues, cluster, attribute, what(attribute));
  const properties = readProperties(issues, cluster.children(issues));
  const radicals = readRadicals(issues, cluster, 'radical');
  const speedsFlops = readSpeeds(issues, cluster, 'speed', what('speed'));
  const cores = readInteger(issues, cluster, 'core');
  const bandwidthBytesPerSec = readBandwidth(issues, cluster, 'bw', what('bw'));
  const latencySec = readTime(issues, cluster, 'lat', what('lat'));
  const backboneBandwidthBytesPerSec = optional('bb_bw', readBandwidth);
  const backboneLatencySec = optional('bb_lat', readTime);
  const limiterBytesPerSec = optional('limiter_link', readBandwidth);
  const loopbackBytesPerSec = optional('loopback_bw', readBandwidth);
  const loopbackLatencySec = optional('loopback_lat', readTime);
  const policy = cluster.get('sharing_policy');
  if (policy === 'FULLDUPLEX') {
    issues.warn(
      'deprecated-value',
      'FULLDUPLEX is deprecated; it is read as SPLITDUPLEX.',
      cluster.where('sharing_policy'),
      'Write sharing_policy="SPLITDUPLEX".',
    );
  }
  if (
    radicals === undefined ||
    speedsFlops === undefined ||
    cores === undefined ||
    bandwidthBytesPerSec === undefined ||
    latencySec === undefined ||
    backboneBandwidthBytesPerSec === undefined ||
    backboneLatencySec === undefined ||
    limiterBytesPerSec === undefined ||
    loopbackBytesPerSec === undefined ||
    loopbackLatencySec === undefined
  )
    return undefined;
  const args: ClusterArgs = {
    id,
    prefix: cluster.get('prefix'),
    suffix: cluster.get('suffix'),
    radicals,
    speedsFlops,
    cores,
    bandwidthBytesPerSec,
    latencySec,
    sharing: policy === 'SHARED' ? 'shared' : policy === 'FATPIPE' ? 'fatpipe' : 'split-duplex',
    backboneBandwidthBytesPerSec,
    backboneLatencySec,
    backboneSharing: cluster.get('bb_sharing_policy') === 'FATPIPE' ? 'fatpipe' : 'shared',
    limiterBytesPerSec,
    loopbackBytesPerSec,
    loopbackLatencySec,
    properties,
  };
  if (cluster.get('router_id') !== '') args.routerId = cluster.get('router_id');
  return args;
}

/** topo_parameters of a fat tree: "levels;children per level;parents per level;links per level", all ≥ 1. */
function readFatTree(builder: PlatformBuilder, cluster: Element, id: string): FatTreeShape | undefined {
  const text = cluster.get('topo_parameters');
  const parts = text.split(';');
  const levels = Number(parts[0]?.trim());
  const vectors = parts.slice(1).map((part) => part.split(',').map((value) => Number(value.trim())));
  const valid =
    parts.length === 4 &&
    Number.isInteger(levels) &&
    levels >= 1 &&
    vectors.every((vector) => vector.length === levels && vector.every((n) => Number.isInteger(n) && n >= 1));
  if (valid) {
    const [children, parents, links] = vectors as [number[], number[], number[]];
    return { levels, children, parents, links };
  }
  builder.issues.error(
    'invalid-value',
    `Cluster "${id}": topo_parameters="${text}" does not describe a fat tree.`,
    cluster.where('topo_parameters'),
    'Write "levels;children,…;parents,…;links,…" with one whole number ≥ 1 per level, e.g. "2;4,4;1,2;1,2".',
  );
  return undefined;
}

/** topo_parameters of a dragonfly: "groups,blue links;chassis,black links;blades,green links;nodes", all ≥ 1. */
function readDragonfly(
  builder: PlatformBuilder,
  cluster: Element,
  id: string,
): { shape: DragonflyShape; links: DragonflyLinks } | undefined {
  const text = cluster.get('topo_parameters');
  const levels = text.split(';').map((level) => level.split(',').map((part) => Number(part.trim())));
  const whole = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 1;
  const [groups, chassis, blades, nodes] = levels;
  if (
    levels.length === 4 &&
    [groups, chassis, blades].every((level) => level?.length === 2 && level.every(whole)) &&
    nodes?.length === 1 &&
    whole(nodes[0])
  ) {
    const at = (level: number[] | undefined, i: number) => (level as number[])[i] as number;
    return {
      shape: {
        groups: at(groups, 0),
        chassisPerGroup: at(chassis, 0),
        bladesPerChassis: at(blades, 0),
        nodesPerBlade: at(nodes, 0),
      },
      links: { blue: at(groups, 1), black: at(chassis, 1), green: at(blades, 1) },
    };
  }
  builder.issues.error(
    'invalid-value',
    `Cluster "${id}": topo_parameters="${text}" does not describe a dragonfly.`,
    cluster.where('topo_parameters'),
    'Write "groups,links;chassis,links;blades,links;nodes" with whole numbers ≥ 1, e.g. "3,4;4,3;5,1;2".',
  );
  return undefined;
}

/** topo_parameters of a torus: its dimensions, "d1,d2,…", each a whole number ≥ 1. */
function readDimensions(builder: PlatformBuilder, cluster: Element, id: string): number[] | undefined {
  const text = cluster.get('topo_parameters');
  const dimensions = text.split(',').map((part) => Number(part.trim()));
  if (text.trim() !== '' && dimensions.every((size) => Number.isInteger(size) && size >= 1)) return dimensions;
  builder.issues.error(
    'invalid-value',
    `Cluster "${id}": topo_parameters="${text}" is not a list of torus dimensions.`,
    cluster.where('topo_parameters'),
    'Write the size of each dimension, e.g. topo_parameters="4,4,2".',
  );
  return undefined;
}

/** What a <zone routing="Cluster"> collects while it is read, built when it ends. */
export interface ClusterZoneParts {
  backbone?: Element;
  hostLinks: Element[];
  cabinets: Element[];
}

export function populateClusterZone(builder: PlatformBuilder, parts: ClusterZoneParts): void {
  const backbone = parts.backbone === undefined ? undefined : readBackbone(builder, parts.backbone);
  for (const hostLink of parts.hostLinks) {
    const host = hostLink.get('id');
    const [up, down] = (['up', 'down'] as const).map((side) => {
      const name = hostLink.get(side);
      const link = name === '__loopback__' ? builder.registry.loopback() : builder.registry.linkByName.get(name);
      if (link === undefined) {
        const hint = builder.registry.suggest(
          name,
          builder.registry.linkByName.keys(),
          'Name a declared link (a split-duplex link by its _UP or _DOWN half)',
        );
        builder.issues.error(
          'unknown-link',
          `<host_link> of "${host}": no such link "${name}".`,
          hostLink.where(side),
          hint,
        );
      }
      return link;
    });
    const point = builder.registry.points.get(host);
    if (point !== undefined && point.zone !== builder.currentZone) {
      builder.issues.error(
        'host-link-outside-zone',
        `<host_link>: host "${host}" is not in this cluster zone.`,
        hostLink.where('id'),
      );
      continue;
    }
    if (up !== undefined && down !== undefined) connect(builder, host, up, down, backbone, hostLink);
  }
  for (const cabinet of parts.cabinets) readCabinet(builder, cabinet, backbone);
}

function readBackbone(builder: PlatformBuilder, element: Element): LinkDescription | undefined {
  const { issues } = builder;
  const name = element.get('id');
  const bandwidthBytesPerSec = readBandwidth(issues, element, 'bandwidth', `bandwidth of backbone "${name}"`);
  const latencySec = readTime(issues, element, 'latency', `latency of backbone "${name}"`);
  if (bandwidthBytesPerSec === undefined || latencySec === undefined) return undefined;
  const declared = builder.addLink(
    { name, bandwidthBytesPerSec, latencySec, sharing: 'shared', properties: {} },
    element.where(),
  );
  return declared?.kind === 'single' ? declared.link : undefined;
}

function readCabinet(builder: PlatformBuilder, cabinet: Element, backbone: LinkDescription | undefined): void {
  const { issues } = builder;
  const id = cabinet.get('id');
  const radicals = readRadicals(issues, cabinet, 'radical');
  const speeds = readSpeeds(issues, cabinet, 'speed', `speed of cabinet "${id}"`);
  const bandwidthBytesPerSec = readBandwidth(issues, cabinet, 'bw', `bw of cabinet "${id}"`);
  const latencySec = readTime(issues, cabinet, 'lat', `lat of cabinet "${id}"`);
  if (radicals === undefined || speeds === undefined || bandwidthBytesPerSec === undefined || latencySec === undefined)
    return;
  if (speeds.length !== 1)
    issues.error('several-speeds', `Cabinet "${id}" takes a single speed.`, cabinet.where('speed'));
  for (const radical of radicals) {
    const host = `${cabinet.get('prefix')}${radical}${cabinet.get('suffix')}`;
    builder.addHost(
      { name: host, speedsFlops: speeds.slice(0, 1), pstate: 0, cores: 1, properties: {} },
      cabinet.where(),
    );
    const [up, down] = ['UP', 'DOWN'].map((half) => {
      const declared = builder.addLink(
        { name: `link_${host}_${half}`, bandwidthBytesPerSec, latencySec, sharing: 'shared', properties: {} },
        cabinet.where(),
      );
      return declared?.kind === 'single' ? declared.link : undefined;
    });
    if (up !== undefined && down !== undefined) connect(builder, host, up, down, backbone, cabinet);
  }
}

/** sg_platf_cluster_set_hostlink: up = [link_up, backbone], down = [backbone, link_down], not symmetrical. */
function connect(
  builder: PlatformBuilder,
  host: string,
  up: LinkDescription,
  down: LinkDescription,
  backbone: LinkDescription | undefined,
  element: Element,
): void {
  const plain = (link: LinkDescription): LinkInRoute => ({ link: { kind: 'single', link }, direction: 'none' });
  const bb = backbone === undefined ? [] : [plain(backbone)];
  builder.addRoute({ src: host, dst: undefined, links: [plain(up), ...bb], symmetrical: false }, element.where());
  builder.addRoute({ src: undefined, dst: host, links: [...bb, plain(down)], symmetrical: false }, element.where());
}
