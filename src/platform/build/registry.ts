// The names of a platform being built: points (hosts, routers, zones), LMM-level links and declared links, with
// SimGrid's uniqueness rules and lookups that answer "did you mean …?" when a name is unknown.
import { didYouMean } from '../../core/index.ts';
import type { HostDescription, LinkDescription } from '../description.ts';
import type { DeclaredLink, LinkInRoute, NetPoint, Zone } from '../routing/zone.ts';
import type { IssueList, Where } from './issues.ts';

export type LinkSharing = 'shared' | 'fatpipe' | 'split-duplex';

export interface LinkArgs {
  name: string;
  bandwidthBytesPerSec: number;
  latencySec: number;
  sharing: LinkSharing;
  properties: Record<string, string>;
}

const LOOPBACK = '__loopback__';
/** Suggestions cost a scan of every name: beyond this many unknown names, hints stop suggesting. */
const MAX_SUGGESTIONS = 50;

export class Registry {
  readonly points = new Map<string, NetPoint>();
  readonly hosts: HostDescription[] = [];
  readonly hostByName = new Map<string, HostDescription>();
  readonly links: LinkDescription[] = [];
  readonly linkByName = new Map<string, LinkDescription>();
  readonly routers: string[] = [];
  private readonly splitDuplex = new Map<string, DeclaredLink>();
  private readonly declaredAt = new Map<string, Where>();
  private loopbackLink: LinkDescription | undefined;
  private suggestions = 0;

  constructor(
    private readonly issues: IssueList,
    private readonly loopbackSettings: () => { bandwidthBytesPerSec: number; latencySec: number },
  ) {}

  /** SimGrid's `__loopback__` link, created (and listed) on first use. */
  loopback(): LinkDescription {
    if (this.loopbackLink === undefined) {
      const { bandwidthBytesPerSec, latencySec } = this.loopbackSettings();
      this.loopbackLink = { name: LOOPBACK, bandwidthBytesPerSec, latencySec, sharing: 'fatpipe', properties: {} };
    }
    return this.loopbackLink;
  }

  /** Every LMM-level link, `__loopback__` first when used. */
  allLinks(): LinkDescription[] {
    return this.loopbackLink === undefined ? this.links : [this.loopbackLink, ...this.links];
  }

  isFreePointName(name: string, what: string, where: Where): boolean {
    if (!this.points.has(name)) return true;
    this.issues.error(
      'duplicate-id',
      `Cannot create ${what} "${name}": this name is already used.`,
      where,
      this.previously(name),
    );
    return false;
  }

  addPoint(zone: Zone, name: string, kind: 'host' | 'router', where: Where): NetPoint {
    const point = zone.addPoint(name, kind);
    this.points.set(name, point);
    this.declaredAt.set(name, where);
    if (kind === 'router') this.routers.push(name);
    return point;
  }

  registerZone(zone: Zone, where: Where): void {
    this.points.set(zone.id, zone.netpoint);
    this.declaredAt.set(zone.id, where);
  }

  addLink(args: LinkArgs, where: Where): DeclaredLink | undefined {
    const { name, sharing } = args;
    if (name === LOOPBACK) {
      this.issues.error(
        'reserved-id',
        `"${LOOPBACK}" is the name of SimGrid's own loopback link.`,
        where,
        'Choose another link id.',
      );
      return undefined;
    }
    const names = sharing === 'split-duplex' ? [`${name}_UP`, `${name}_DOWN`] : [name];
    for (const lmmName of names) {
      if (this.linkByName.has(lmmName) || (sharing === 'split-duplex' && this.splitDuplex.has(name))) {
        const message = `Link "${lmmName}" is declared several times.`;
        this.issues.error('duplicate-id', message, where, this.previously(lmmName) ?? this.previously(name));
        return undefined;
      }
    }
    const made = names.map((lmmName, index) =>
      this.makeLink(args, lmmName, where, sharing === 'split-duplex' ? index : undefined),
    );
    const [up, down] = made;
    if (sharing !== 'split-duplex' || up === undefined || down === undefined) {
      return made[0] === undefined ? undefined : { kind: 'single', link: made[0] };
    }
    const declared: DeclaredLink = { kind: 'split-duplex', name, up, down };
    this.splitDuplex.set(name, declared);
    this.declaredAt.set(name, where);
    return declared;
  }

  private makeLink(args: LinkArgs, name: string, where: Where, half: number | undefined): LinkDescription {
    const link: LinkDescription = {
      name,
      bandwidthBytesPerSec: args.bandwidthBytesPerSec,
      latencySec: args.latencySec,
      sharing: args.sharing === 'fatpipe' ? 'fatpipe' : 'shared',
      properties: args.properties,
    };
    if (half !== undefined) link.splitDuplex = { id: args.name, direction: half === 0 ? 'up' : 'down' };
    if (where.location !== undefined) link.location = where.location;
    this.links.push(link);
    this.linkByName.set(name, link);
    this.declaredAt.set(name, where);
    return link;
  }

  /** A `<link_ctn id direction>`, resolved as SimGrid does (LMM-level name, or split-duplex id with a direction). */
  linkInRoute(id: string, direction: 'up' | 'down' | 'none', where: Where): LinkInRoute | undefined {
    if (direction === 'none') {
      const link = id === LOOPBACK ? this.loopback() : this.linkByName.get(id);
      if (link !== undefined) return { link: { kind: 'single', link }, direction };
      const split = this.splitDuplex.get(id);
      if (split?.kind === 'split-duplex') {
        const hint = `Link "${id}" is SPLITDUPLEX: add direction="UP" or direction="DOWN", or name "${split.up.name}" or "${split.down.name}".`;
        this.issues.error(
          'split-duplex-without-direction',
          `No such link: "${id}" (a split-duplex link needs a direction).`,
          where,
          hint,
        );
        return undefined;
      }
    } else {
      const split = this.splitDuplex.get(id);
      if (split !== undefined) return { link: split, direction };
      if (this.linkByName.has(id)) {
        const hint = `Link "${id}" is not SPLITDUPLEX: remove the direction attribute.`;
        this.issues.error(
          'not-split-duplex',
          `No split-duplex link "${id}" (direction ${direction.toUpperCase()}).`,
          where,
          hint,
        );
        return undefined;
      }
    }
    const candidates = [...this.linkByName.keys(), ...this.splitDuplex.keys()];
    this.issues.error(
      'unknown-link',
      `No such link: "${id}".`,
      where,
      this.suggest(id, candidates, 'Declare the link before the routes that use it'),
    );
    return undefined;
  }

  /** A host, router or zone named in a route. */
  findPoint(name: string, role: string, where: Where): NetPoint | undefined {
    const point = this.points.get(name);
    if (point !== undefined) return point;
    const hint = this.suggest(name, this.points.keys(), 'Declare it before the routes that name it');
    this.issues.error('unknown-netpoint', `${role} "${name}" does not name a host, router or zone.`, where, hint);
    return undefined;
  }

  /** `Did you mean "x"? Otherwise, <advice>.` (or just the advice when nothing is close). */
  suggest(name: string, candidates: Iterable<string>, advice: string): string {
    this.suggestions++;
    const guess = this.suggestions <= MAX_SUGGESTIONS ? didYouMean(name, candidates) : undefined;
    if (guess === undefined) return `${advice}.`;
    return `D${guess.slice(1)} Otherwise, ${advice.charAt(0).toLowerCase()}${advice.slice(1)}.`;
  }

  previously(name: string): string | undefined {
    const where = this.declaredAt.get(name);
    if (where === undefined) return undefined;
    const at =
      where.location === undefined ? where.path : `${where.location.file}:${where.location.line}:${where.location.col}`;
    return `First declared at ${at}; ids must be unique.`;
  }
}
