// No routing (SimGrid's EmptyZone, routing="None"): the zone accepts no route and no route can be computed in it.
import { LivemigError } from '../../core/index.ts';
import { type NetPoint, RouteDefinitionError, type RoutingStrategy, type Zone } from './zone.ts';

export class EmptyRouting implements RoutingStrategy {
  readonly kind = 'none';

  addRoute(zone: Zone): void {
    throw new RouteDefinitionError(
      'routes-not-accepted',
      `Zone "${zone.id}" has routing="None": it accepts no route.`,
      'Use routing="Full", "Floyd" or "Dijkstra" for a zone with routes.',
    );
  }

  seal(): void {}

  localRoute(zone: Zone, src: NetPoint, dst: NetPoint): void {
    throw new LivemigError(
      'not-found',
      `No route from "${src.name}" to "${dst.name}": zone "${zone.id}" has routing="None", so no route can cross it.`,
      { details: { src: src.name, dst: dst.name, zone: zone.id } },
    );
  }
}
