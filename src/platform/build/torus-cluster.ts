// A <cluster topology="TORUS">, built as SimGrid 3.32's create_torus_zone: for each rank, its host (prefix + radical
// + suffix), its loopback and limiter links if asked for, then one link per dimension to its next neighbour there
// (`<id>_link_from_<rank>_to_<neighbour>`, split-duplex by default).
import { TorusRouting } from '../routing/torus-zone.ts';
import type { DeclaredLink } from '../routing/zone.ts';
import type { PlatformBuilder } from './builder.ts';
import type { ClusterArgs } from './cluster.ts';
import type { Where } from './issues.ts';
import { hasEnoughRadicals, type LinkPair, type LinkSharing, linkPair } from './topology-cluster.ts';

export function addTorusCluster(
  builder: PlatformBuilder,
  args: ClusterArgs,
  dimensions: readonly number[],
  where: Where,
): void {
  const count = dimensions.reduce((product, size) => product * size, 1);
  if (!hasEnoughRadicals(builder, args, count, `a ${dimensions.join('×')} torus`, where)) return;
  const zone = builder.beginZone(args.id, 'torus', where);
  const routing = zone.strategy;
  if (!(routing instanceof TorusRouting)) return;
  const hasLoopback = args.loopbackBytesPerSec > 0 || args.loopbackLatencySec > 0;
  const hasLimiter = args.limiterBytesPerSec > 0;
  routing.configure(dimensions, hasLoopback, hasLimiter);
  const properties = Object.freeze({ ...args.properties });
  const speedsFlops = Object.freeze([...args.speedsFlops]) as number[];
  for (let rank = 0; rank < count; rank++) {
    const radical = args.radicals[rank] as number;
    const name = `${args.prefix}${radical}${args.suffix}`;
    builder.addHost({ name, speedsFlops, pstate: 0, cores: args.cores, properties }, where);
    if (hasLoopback) {
      const loopback = link(builder, `${args.id}_link_${radical}_loopback`, args, 'fatpipe', where, true);
      if (loopback !== undefined) routing.setLoopback(rank, loopback.up);
    }
    if (hasLimiter) {
      const limiter = link(builder, `${args.id}_link_${rank}_limiter`, args, 'shared', where, false);
      if (limiter !== undefined) routing.setLimiter(rank, limiter.up);
    }
    for (let dimension = 0; dimension < dimensions.length; dimension++) {
      const name = `${args.id}_link_from_${rank}_to_${routing.neighbour(rank, dimension)}`;
      const sharing = args.sharing === 'split-duplex' ? 'split-duplex' : 'shared';
      const pair = link(builder, name, args, sharing, where, false);
      if (pair !== undefined) routing.setDimensionLink(rank, dimension, pair);
    }
  }
  builder.endZone(properties);
}

/** Declares a link of the cluster; loopbacks have their own bandwidth and latency, limiters no latency. */
function link(
  builder: PlatformBuilder,
  name: string,
  args: ClusterArgs,
  sharing: LinkSharing,
  where: Where,
  loopback: boolean,
): LinkPair | undefined {
  const limiter = name.endsWith('_limiter');
  const declared: DeclaredLink | undefined = builder.addLink(
    {
      name,
      bandwidthBytesPerSec: loopback
        ? args.loopbackBytesPerSec
        : limiter
          ? args.limiterBytesPerSec
          : args.bandwidthBytesPerSec,
      latencySec: loopback ? args.loopbackLatencySec : limiter ? 0 : args.latencySec,
      sharing,
      properties: {},
    },
    where,
  );
  return linkPair(declared);
}
