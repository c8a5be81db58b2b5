// A flat <cluster>, built exactly as sg_platf_new_cluster_flat (SimGrid 3.32): a star zone with, per host, a private
// link (split-duplex by default), optional loopback and limiter links, an optional backbone, and a router.
import type { LinkDescription } from '../description.ts';
import type { LinkInRoute } from '../routing/zone.ts';
import type { PlatformBuilder } from './builder.ts';
import type { Where } from './issues.ts';
import type { LinkSharing } from './registry.ts';

export interface ClusterArgs {
  id: string;
  prefix: string;
  suffix: string;
  /** Host numbers, in order: "0-3,7" is [0, 1, 2, 3, 7]. */
  radicals: readonly number[];
  speedsFlops: number[];
  cores: number;
  bandwidthBytesPerSec: number;
  latencySec: number;
  sharing: LinkSharing;
  /** A backbone exists when its bandwidth or its latency is positive (SimGrid's rule). */
  backboneBandwidthBytesPerSec: number;
  backboneLatencySec: number;
  backboneSharing: 'shared' | 'fatpipe';
  /** Default `<prefix><id>_router<suffix>`. */
  routerId?: string;
  /** 0 = no limiter link. */
  limiterBytesPerSec: number;
  /** A loopback link per host exists when its bandwidth or latency is positive. */
  loopbackBytesPerSec: number;
  loopbackLatencySec: number;
  properties: Record<string, string>;
}

export function addFlatCluster(builder: PlatformBuilder, args: ClusterArgs, where: Where): void {
  const zone = builder.beginZone(args.id, 'cluster', where);
  const properties = Object.freeze({ ...args.properties });
  const speedsFlops = Object.freeze([...args.speedsFlops]) as number[]; // shared by every host of the cluster
  const backbone =
    args.backboneBandwidthBytesPerSec > 0 || args.backboneLatencySec > 0
      ? single(
          builder.addLink(
            {
              name: `${args.id}_backbone`,
              bandwidthBytesPerSec: args.backboneBandwidthBytesPerSec,
              latencySec: args.backboneLatencySec,
              sharing: args.backboneSharing,
              properties: {},
            },
            where,
          ),
        )
      : undefined;
  if (args.sharing === 'fatpipe') {
    builder.issues.warn(
      'fatpipe-cluster-links',
      `Cluster "${args.id}": SimGrid 3.32 ignores sharing_policy="FATPIPE" for the private links of a cluster; they are SHARED.`,
      where,
    );
  }
  const perHost = { ...args, speedsFlops };
  for (const radical of args.radicals) addClusterHost(builder, perHost, radical, properties, backbone, where);
  const router = builder.addRouter(args.routerId ?? `${args.prefix}${args.id}_router${args.suffix}`, where);
  if (router !== undefined)
    builder.addRoute({ src: router.name, dst: undefined, links: [], symmetrical: true }, where, zone);
  builder.endZone(properties);
}

function addClusterHost(
  builder: PlatformBuilder,
  args: ClusterArgs,
  radical: number,
  properties: Record<string, string>,
  backbone: LinkDescription | undefined,
  where: Where,
): void {
  const name = `${args.prefix}${radical}${args.suffix}`;
  const host = builder.addHost(
    { name, speedsFlops: args.speedsFlops, pstate: 0, cores: args.cores, properties },
    where,
  );
  const linkId = `${args.id}_link_${radical}`;
  if (host !== undefined && (args.loopbackBytesPerSec > 0 || args.loopbackLatencySec > 0)) {
    addLoopback(builder, args, name, linkId, where);
  }
  const limiter = args.limiterBytesPerSec > 0 ? addLimiter(builder, args, linkId, where) : undefined;
  // SimGrid sets no sharing policy on non-split private links: a FATPIPE cluster still gets SHARED links.
  const sharing = args.sharing === 'split-duplex' ? 'split-duplex' : 'shared';
  const link = builder.addLink(
    {
      name: linkId,
      bandwidthBytesPerSec: args.bandwidthBytesPerSec,
      latencySec: args.latencySec,
      sharing,
      properties: {},
    },
    where,
  );
  if (host === undefined || link === undefined) return;
  const links: LinkInRoute[] = [];
  if (limiter !== undefined) links.push(plain(limiter));
  links.push({ link, direction: 'up' });
  if (backbone !== undefined) links.push(plain(backbone));
  builder.addRoute({ src: name, dst: undefined, links, symmetrical: true }, where);
}

/** A host's own loopback link (FATPIPE), routed from the host to itself. */
function addLoopback(builder: PlatformBuilder, args: ClusterArgs, host: string, linkId: string, where: Where): void {
  const loopback = single(
    builder.addLink(
      {
        name: `${linkId}_loopback`,
        bandwidthBytesPerSec: args.loopbackBytesPerSec,
        latencySec: args.loopbackLatencySec,
        sharing: 'fatpipe',
        properties: {},
      },
      where,
    ),
  );
  if (loopback !== undefined)
    builder.addRoute({ src: host, dst: host, links: [plain(loopback)], symmetrical: true }, where);
}

/** A host's limiter link, in front of its private link. */
function addLimiter(builder: PlatformBuilder, args: ClusterArgs, linkId: string, where: Where) {
  return single(
    builder.addLink(
      {
        name: `${linkId}_limiter`,
        bandwidthBytesPerSec: args.limiterBytesPerSec,
        latencySec: 0,
        sharing: 'shared',
        properties: {},
      },
      where,
    ),
  );
}

function single(declared: ReturnType<PlatformBuilder['addLink']>): LinkDescription | undefined {
  return declared?.kind === 'single' ? declared.link : undefined;
}

function plain(link: LinkDescription): LinkInRoute {
  return { link: { kind: 'single', link }, direction: 'none' };
}
