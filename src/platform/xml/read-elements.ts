// The leaf elements of a zone (<host>, <link>, <router>, routes of <link_ctn>) turned into builder calls, with the
// checks SimGrid's surfxml_sax_cb.cpp makes.
import type { PlatformBuilder } from '../build/builder.ts';
import type { LinkSharing } from '../build/registry.ts';
import type { LinkInRoute } from '../routing/zone.ts';
import type { Element } from './element.ts';
import { readBandwidth, readInteger, readProperties, readSpeeds, readTime } from './values.ts';

export function readHost(builder: PlatformBuilder, host: Element): void {
  const { issues } = builder;
  const name = host.get('id');
  const children = host.children(issues);
  const speedsFlops = readSpeeds(issues, host, 'speed', `speed of host "${name}"`);
  const cores = readInteger(issues, host, 'core');
  const pstate = readInteger(issues, host, 'pstate');
  const properties = readProperties(issues, children);
  if (speedsFlops === undefined || cores === undefined || pstate === undefined) {
    builder.addHost({ name, speedsFlops: [0], pstate: 0, cores: 1, properties }, host.where()); // keep the name known
    return;
  }
  builder.addHost({ name, speedsFlops, pstate, cores, properties }, host.where());
}

const SHARING: Readonly<Record<string, LinkSharing>> = {
  SHARED: 'shared',
  FATPIPE: 'fatpipe',
  SPLITDUPLEX: 'split-duplex',
  FULLDUPLEX: 'split-duplex',
};

export function readLink(builder: PlatformBuilder, link: Element): void {
  const { issues } = builder;
  const name = link.get('id');
  const properties = readProperties(issues, link.children(issues));
  const policy = link.get('sharing_policy');
  if (policy === 'WIFI') {
    issues.error(
      'unsupported-value',
      `Link "${name}": WIFI links are not supported by livemig.`,
      link.where('sharing_policy'),
      'Use SHARED, SPLITDUPLEX or FATPIPE.',
    );
  }
  if (policy === 'FULLDUPLEX') {
    issues.warn(
      'deprecated-value',
      'FULLDUPLEX is deprecated; it is read as SPLITDUPLEX.',
      link.where('sharing_policy'),
      'Write sharing_policy="SPLITDUPLEX".',
    );
  }
  const several = /[,;]/.test(link.get('bandwidth'));
  if (several) {
    issues.error(
      'several-bandwidths',
      `Link "${name}" has several bandwidths; non-WIFI links must have exactly one.`,
      link.where('bandwidth'),
    );
  }
  if (!link.has('latency')) {
    const hint = 'Add latency="0s" (SimGrid 3.32\'s parser ignores the DTD\'s default of 0 and refuses the file).';
    issues.warn(
      'simgrid-incompatible',
      `Link "${name}" has no latency: livemig uses 0 s, SimGrid 3.32 refuses the file.`,
      link.where(),
      hint,
    );
  }
  const bandwidthBytesPerSec = several ? 0 : readBandwidth(issues, link, 'bandwidth', `bandwidth of link "${name}"`);
  const latencySec = readTime(issues, link, 'latency', `latency of link "${name}"`);
  // On a bad value the link is still declared (the file is refused anyway), so that routes naming it add no noise.
  const sharing = SHARING[policy] ?? 'shared';
  builder.addLink(
    { name, bandwidthBytesPerSec: bandwidthBytesPerSec ?? 0, latencySec: latencySec ?? 0, sharing, properties },
    link.where(),
  );
}

/** The <link_ctn> children of a route, resolved in order (`undefined` for those that do not resolve). */
export function readLinkList(builder: PlatformBuilder, route: Element): (LinkInRoute | undefined)[] {
  return route.children(builder.issues).map((ctn) => {
    const direction = ctn.get('direction') === 'UP' ? 'up' : ctn.get('direction') === 'DOWN' ? 'down' : 'none';
    return builder.registry.linkInRoute(ctn.get('id'), direction, ctn.where('id'));
  });
}

/** <route>, <zoneRoute>/<ASroute>, <bypassRoute>, <bypassZoneRoute>/<bypassASroute>. */
export function readRoute(builder: PlatformBuilder, route: Element): void {
  const withGateways = route.spec.attributes.gw_src !== undefined;
  const args = {
    src: route.get('src'),
    dst: route.get('dst'),
    ...(withGateways ? { gwSrc: route.get('gw_src'), gwDst: route.get('gw_dst') } : {}),
    symmetrical: ['YES', 'yes'].includes(route.get('symmetrical')),
  };
  const links = readLinkList(builder, route);
  if (route.name.startsWith('bypass')) builder.addBypassRoute({ ...args, symmetrical: false, links }, route.where());
  else builder.addRoute({ ...args, links }, route.where());
}
