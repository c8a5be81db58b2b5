// A <cluster topology="TORUS">, built as SimGrid 3.32's create_torus_zone: for each rank, its host (prefix + radical
// + suffix), its loopback and limiter links if asked for, then one link per dimension to its next neighbour there
// (`<id>_link_from_<rank>_to_<neighbour>`, split-duplex by default).
import type { LinkDescription } from '../description.ts';
import { TorusRouting } from '../routing/torus-zone.ts';
import type { DeclaredLink } from '../routing/zone.ts';
import type { PlatformBuilder } from './builder.ts';
import type { ClusterArgs } from './cluster.ts';
import type { Where } from './issues.ts';

export function addTorusCluster(
  builder: PlatformBuilder,
  args: ClusterArgs,
  dimensions: readonly number[],
  where: Where,
): void {
  const count = dimensions.reduce((product, size) => product * size, 1);
  if (args.radicals.length < count) {
    builder.issues.error(
      'too-few-radicals',
      `Cluster "${args.id}": a ${dimensions.join('×')} torus has ${count} hosts, but radical gives ${args.radicals.length}.`,
      where,
      `Give ${count} radicals, e.g. radical="0-${count - 1}".`,
    );
    return;
  }
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
  sharing: 'shared' | 'fatpipe' | 'split-duplex',
  where: Where,
  loopback: boolean,
): { up: LinkDescription; down: LinkDescription } | undefined {
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
  if (declared === undefined) return undefined;
  return declared.kind === 'single'
    ? { up: declared.link, down: declared.link }
    : { up: declared.up, down: declared.down };
}
