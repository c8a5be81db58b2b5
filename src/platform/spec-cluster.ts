// A cluster of a platform spec, under the attribute names of SimGrid's <cluster>, read into the builder's ClusterArgs.
import type { ClusterArgs } from './build/cluster.ts';
import type { LinkSharing } from './build/registry.ts';
import { type Fields, join, type SpecFields } from './spec-fields.ts';

const KEYS = [
  'id',
  'prefix',
  'suffix',
  'radical',
  'speed',
  'core',
  'bw',
  'lat',
  'sharing_policy',
  'bb_bw',
  'bb_lat',
  'bb_sharing_policy',
  'router_id',
  'limiter_link',
  'loopback_bw',
  'loopback_lat',
  'properties',
];
const SHARING: Readonly<Record<string, LinkSharing>> = {
  shared: 'shared',
  splitduplex: 'split-duplex',
  'split-duplex': 'split-duplex',
  fatpipe: 'fatpipe',
};
const BACKBONE_SHARING = { shared: 'shared', fatpipe: 'fatpipe' } as const;

export function readClusterSpec(fields: SpecFields, value: unknown, path: string): ClusterArgs | undefined {
  const cluster = fields.object(value, path, KEYS);
  if (cluster === undefined) return undefined;
  const id = fields.string(cluster, 'id', path);
  const prefix = fields.string(cluster, 'prefix', path);
  const suffix = fields.string(cluster, 'suffix', path, '');
  const radicals = readRadicals(fields, cluster, path);
  const speeds =
    typeof cluster.speed === 'string'
      ? cluster.speed.split(',').map((speed) => fields.speed(speed.trim(), join(path, 'speed')))
      : [fields.speed(cluster.speed, join(path, 'speed'))];
  const args = {
    cores: fields.integer(cluster, 'core', path, 1, 1),
    bandwidthBytesPerSec: fields.bandwidth(cluster, 'bw', path),
    latencySec: fields.time(cluster, 'lat', path),
    sharing: fields.choice(cluster, 'sharing_policy', path, SHARING, 'split-duplex'),
    backboneBandwidthBytesPerSec: fields.bandwidth(cluster, 'bb_bw', path, 0),
    backboneLatencySec: fields.time(cluster, 'bb_lat', path, 0),
    backboneSharing: fields.choice(cluster, 'bb_sharing_policy', path, BACKBONE_SHARING, 'shared'),
    limiterBytesPerSec: fields.bandwidth(cluster, 'limiter_link', path, 0),
    loopbackBytesPerSec: fields.bandwidth(cluster, 'loopback_bw', path, 0),
    loopbackLatencySec: fields.time(cluster, 'loopback_lat', path, 0),
  };
  const properties = fields.properties(cluster, path);
  const routerId = cluster.router_id === undefined ? undefined : fields.string(cluster, 'router_id', path);
  if (id === undefined || prefix === undefined || suffix === undefined || radicals === undefined) return undefined;
  if (speeds.some((speed) => speed === undefined) || Object.values(args).some((field) => field === undefined))
    return undefined;
  const complete = args as { [K in keyof typeof args]: NonNullable<(typeof args)[K]> };
  return {
    id,
    prefix,
    suffix,
    radicals,
    speedsFlops: speeds as number[],
    properties,
    ...complete,
    ...(routerId === undefined ? {} : { routerId }),
  };
}

function readRadicals(fields: SpecFields, cluster: Fields, path: string): number[] | undefined {
  const value = cluster.radical;
  const where = { path: join(path, 'radical') };
  if (Array.isArray(value) && value.every((radical) => Number.isInteger(radical) && radical >= 0))
    return value as number[];
  if (typeof value !== 'string') {
    fields.issues.error(
      'invalid-type',
      'radical must be a string like "0-99" or "0,3,5-7", or an array of numbers.',
      where,
    );
    return undefined;
  }
  const radicals: number[] = [];
  for (const group of value.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(group);
    if (match === null) {
      fields.issues.error(
        'invalid-radical',
        `Malformed radical "${group}" in "${value}".`,
        where,
        'Write numbers and ranges separated by commas, e.g. "0-99" or "0,3,5-7".',
      );
      return undefined;
    }
    const start = Number(match[1]);
    for (let i = start; i <= Number(match[2] ?? start); i++) radicals.push(i);
  }
  return radicals;
}
