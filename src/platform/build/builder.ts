// Builds a platform one element at a time, as SimGrid's sg_platf.cpp does (same creation order, same checks),
// collecting every problem as an Issue; `finish()` seals the zones and returns the PlatformDescription.
import { InputError } from '../../core/index.ts';
import type { ActorDescription, PlatformDescription, ZoneRouting } from '../description.ts';
import { resolveLinks } from '../routing/route-checks.ts';
import { type LinkInRoute, type NetPoint, type RouteDefinition, RouteDefinitionError, Zone } from '../routing/zone.ts';
import { checkHostProperties } from './host-properties.ts';
import { IssueList, type Where } from './issues.ts';
import { BuiltPlatform } from './platform.ts';
import { type LinkArgs, Registry } from './registry.ts';
import { loopbackSettings, strategyFor } from './strategies.ts';

export interface HostArgs {
  name: string;
  speedsFlops: number[];
  pstate: number;
  cores: number;
  properties: Record<string, string>;
}

/** Route ends by name (`gwSrc`/`gwDst` only for zone routes); a link is `undefined` when it failed to resolve. */
export interface RouteArgs {
  src: string | undefined;
  dst: string | undefined;
  gwSrc?: string;
  gwDst?: string;
  links: readonly (LinkInRoute | undefined)[];
  symmetrical: boolean;
}

export class PlatformBuilder {
  readonly issues = new IssueList();
  readonly registry: Registry;
  readonly config: Record<string, string> = {};
  readonly actors: { actor: ActorDescription; where: Where }[] = [];
  /** Suffix of the next dragonfly link name: SimGrid numbers them across every dragonfly zone of a platform. */
  dragonflyLinkSerial = 0;
  /** Likewise for fat trees: the next link name suffix and the next host position. */
  fatTreeLinkSerial = 0;
  fatTreePositionSerial = 0;
  private readonly zones: Zone[] = [];
  private root: Zone | undefined;
  private current: Zone | undefined;

  constructor(readonly source: string) {
    this.registry = new Registry(this.issues, () => loopbackSettings(this.config));
  }

  get currentZone(): Zone | undefined {
    return this.current;
  }

  setConfig(key: string, value: string, where: Where): void {
    if (this.root !== undefined) {
      this.issues.error(
        'late-config',
        'All <config> tags must be given before any zone, host, cluster or link.',
        where,
      );
      return;
    }
    if (!(key in this.config)) this.config[key] = value;
  }

  /** Opens a zone inside the current one (or the root zone); elements added next belong to it. */
  beginZone(id: string, routing: ZoneRouting, where: Where): Zone {
    const parent = this.current;
    if (parent === undefined && this.root !== undefined) {
      const hint = `Put every zone and cluster inside the root zone "${this.root.id}".`;
      this.issues.error('second-root', `A platform has one root zone, but "${id}" is a second one.`, where, hint);
    }
    if (parent?.vertices.some((point) => point.kind !== 'zone')) {
      this.issues.error(
        'mixed-zone',
        `Zone "${parent.id}" holds hosts or routers, so it cannot also hold zone "${id}".`,
        where,
        mixedHint,
      );
    }
    const fresh = this.registry.isFreePointName(id, 'zone', where);
    const zone = new Zone(id, strategyFor(routing), parent, where.location);
    if (fresh) this.registry.registerZone(zone, where);
    this.root ??= zone;
    this.zones.push(zone);
    this.current = zone;
    return zone;
  }

  endZone(properties: Record<string, string>): void {
    if (this.current === undefined) return;
    this.current.properties = properties;
    this.current = this.current.parent;
  }

  addHost(args: HostArgs, where: Where): NetPoint | undefined {
    const zone = this.leafZone('host', args.name, where);
    if (zone === undefined) return undefined;
    if (this.registry.hostByName.has(args.name)) {
      const hint = this.registry.previously(args.name);
      this.issues.error('duplicate-id', `Refusing to create a second host named "${args.name}".`, where, hint);
      return undefined;
    }
    if (this.registry.points.has(args.name)) {
      this.issues.warn(
        'shadowed-name',
        `Host "${args.name}" has the name of a zone or router; routes naming it will mean the host.`,
        where,
      );
    }
    if (args.cores < 1)
      this.issues.error('bad-core-count', `Host "${args.name}" must have at least one core, not ${args.cores}.`, where);
    if (args.pstate < 0 || args.pstate >= args.speedsFlops.length) {
      const message = `Host "${args.name}" starts in pstate ${args.pstate}, but it has ${args.speedsFlops.length} pstate(s).`;
      this.issues.error(
        'bad-pstate',
        message,
        where,
        'pstate is an index into the comma-separated list of speeds, from 0.',
      );
    }
    checkHostProperties(args.name, args.properties, args.speedsFlops.length, where, this.issues);
    const point = this.registry.addPoint(zone, args.name, 'host', where);
    const host = { ...args, zone: zone.id, ...(where.location === undefined ? {} : { location: where.location }) };
    this.registry.hosts.push(host);
    this.registry.hostByName.set(args.name, host);
    return point;
  }

  addRouter(name: string, where: Where): NetPoint | undefined {
    const zone = this.leafZone('router', name, where);
    if (zone === undefined || !this.registry.isFreePointName(name, 'router', where)) return undefined;
    return this.registry.addPoint(zone, name, 'router', where);
  }

  addLink(args: LinkArgs, where: Where): ReturnType<Registry['addLink']> {
    if (this.current === undefined) {
      this.issues.error('no-zone', `Link "${args.name}" must be declared inside a zone.`, where);
      return undefined;
    }
    return this.registry.addLink(args, where);
  }

  /** A route, zone route (with gateways) or, in a cluster zone, a one-sided route (`src` or `dst` undefined). */
  addRoute(args: RouteArgs, where: Where, zone = this.current): void {
    const definition = this.resolve(args, where);
    if (definition === undefined || zone === undefined) return;
    try {
      zone.strategy.addRoute(zone, definition);
    } catch (error) {
      if (!(error instanceof RouteDefinitionError)) throw error;
      this.issues.error(error.code, error.message, where, error.hint);
    }
  }

  /** NetZoneImpl::add_bypass_route: replaces whatever route joins `src` and `dst` through this zone. */
  addBypassRoute(args: RouteArgs, where: Where): void {
    const definition = this.resolve(args, where);
    const zone = this.current;
    if (definition === undefined || zone === undefined || definition.src === undefined || definition.dst === undefined)
      return;
    const { src, dst } = definition;
    if (definition.links.length === 0) {
      this.issues.error('empty-route', `Bypass route from "${src.name}" to "${dst.name}" cannot be empty.`, where);
      return;
    }
    const row = zone.bypassRoutes.get(src) ?? new Map();
    if (row.has(dst)) {
      this.issues.error(
        'duplicate-route',
        `The bypass route from "${src.name}" to "${dst.name}" already exists.`,
        where,
      );
      return;
    }
    try {
      row.set(dst, { gwSrc: definition.gwSrc, gwDst: definition.gwDst, links: resolveLinks(definition.links, false) });
      zone.bypassRoutes.set(src, row);
    } catch (error) {
      if (!(error instanceof RouteDefinitionError)) throw error;
      this.issues.error(error.code, error.message, where, error.hint);
    }
  }

  addActor(actor: ActorDescription, where: Where): void {
    this.actors.push({ actor, where });
  }

  /** Seals the zones and returns the platform, or throws an InputError listing every problem found. */
  finish(where: Where): PlatformDescription {
    const root = this.root;
    if (root === undefined)
      this.issues.error(
        'no-zone',
        'The platform has no zone.',
        where,
        'Wrap hosts and links in <zone id="…" routing="Full">.',
      );
    for (const { actor, where: at } of this.actors) {
      if (this.registry.hostByName.has(actor.host)) continue;
      const hint = this.registry.suggest(
        actor.host,
        this.registry.hostByName.keys(),
        'Name one of the hosts of the platform',
      );
      this.issues.error(
        'unknown-host',
        `Cannot create actor "${actor.function}": host "${actor.host}" does not exist.`,
        at,
        hint,
      );
    }
    if (this.issues.errors.length > 0 || root === undefined) {
      const count = this.issues.errors.length;
      throw new InputError(
        `Invalid platform ${this.source}: ${count} problem${count === 1 ? '' : 's'}.`,
        this.issues.sortedErrors(),
      );
    }
    for (const zone of this.zones) zone.strategy.seal(zone, () => this.registry.loopback());
    return new BuiltPlatform(
      this.source,
      root,
      this.registry,
      this.config,
      this.actors.map(({ actor }) => actor),
      this.issues.sortedWarnings(),
    );
  }

  private leafZone(what: string, name: string, where: Where): Zone | undefined {
    const zone = this.current;
    if (zone === undefined) {
      this.issues.error('no-zone', `The ${what} "${name}" must be declared inside a zone.`, where);
      return undefined;
    }
    if (zone.children.length > 0) {
      this.issues.error(
        'mixed-zone',
        `Zone "${zone.id}" holds zones, so it cannot also hold the ${what} "${name}".`,
        where,
        mixedHint,
      );
      return undefined;
    }
    return zone;
  }

  private resolve(args: RouteArgs, where: Where): RouteDefinition | undefined {
    const find = (name: string | undefined, role: string): NetPoint | undefined | null =>
      name === undefined ? undefined : (this.registry.findPoint(name, role, where) ?? null);
    const src = find(args.src, 'Route source');
    const dst = find(args.dst, 'Route destination');
    const gwSrc = find(args.gwSrc, 'gw_src');
    const gwDst = find(args.gwDst, 'gw_dst');
    const links = args.links.filter((link): link is LinkInRoute => link !== undefined);
    if (src === null || dst === null || gwSrc === null || gwDst === null || links.length !== args.links.length)
      return undefined;
    return { src, dst, gwSrc, gwDst, links, symmetrical: args.symmetrical };
  }
}

const mixedHint =
  'A zone holds either hosts, routers and their routes, or sub-zones and zoneRoutes between them (as in SimGrid).';
