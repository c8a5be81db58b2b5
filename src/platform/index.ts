// The platform layer: descriptions (SimGrid XML, plain-object specs) with SimGrid's routing, and the simulated
// hosts and links built from them.
export type {
  ActorDescription,
  HostDescription,
  LinkDescription,
  PlatformDescription,
  RouteResult,
  ZoneDescription,
  ZoneRouting,
} from './description.ts';
export { EnergyMeter, HostEnergy } from './energy.ts';
export { Host, type HostStateListener, type HostStatePhase } from './host.ts';
export { type NetworkModelName, Platform, type PlatformOptions } from './platform.ts';
export {
  type ClusterSpec,
  describePlatform,
  type HostSpec,
  type LinkRef,
  type LinkSpec,
  type PlatformSpec,
  type Quantity,
  type RouteSpec,
  type ZoneRouteSpec,
} from './spec.ts';
export { loadPlatformXml, parseDeploymentXml, parsePlatformXml } from './xml/load.ts';
