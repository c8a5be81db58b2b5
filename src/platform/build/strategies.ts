// What a new zone and the loopback link are made of: the routing strategy of each routing kind, and the
// `__loopback__` settings read from <config> (SimGrid's network/loopback-bw and network/loopback-lat).
import type { ZoneRouting } from '../description.ts';
import { DijkstraRouting } from '../routing/dijkstra-zone.ts';
import { DragonflyRouting } from '../routing/dragonfly-zone.ts';
import { EmptyRouting } from '../routing/empty-zone.ts';
import { FatTreeRouting } from '../routing/fat-tree-zone.ts';
import { FloydRouting } from '../routing/floyd-zone.ts';
import { FullRouting } from '../routing/full-zone.ts';
import { StarRouting } from '../routing/star-zone.ts';
import { TorusRouting } from '../routing/torus-zone.ts';
import type { RoutingStrategy } from '../routing/zone.ts';

export function strategyFor(routing: ZoneRouting): RoutingStrategy {
  switch (routing) {
    case 'full':
      return new FullRouting();
    case 'floyd':
      return new FloydRouting();
    case 'dijkstra':
      return new DijkstraRouting(false);
    case 'dijkstra-cache':
      return new DijkstraRouting(true);
    case 'cluster':
      return new StarRouting();
    case 'torus':
      return new TorusRouting();
    case 'dragonfly':
      return new DragonflyRouting();
    case 'fat-tree':
      return new FatTreeRouting();
    case 'none':
      return new EmptyRouting();
  }
}

/** `network/loopback-bw` and `network/loopback-lat` from <config>, else SimGrid's defaults (10GBps, 0 s). */
export function loopbackSettings(config: Record<string, string>): { bandwidthBytesPerSec: number; latencySec: number } {
  const read = (key: string, fallback: number): number => {
    const value = config[key] === undefined ? Number.NaN : Number(config[key]);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return { bandwidthBytesPerSec: read('network/loopback-bw', 1e10), latencySec: read('network/loopback-lat', 0) };
}
