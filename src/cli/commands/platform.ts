// `livemig platform <file>`: what a platform holds (hosts, links) and, with --route, a route with its latency and
// bottleneck link.
import { resolve } from 'node:path';
import {
  InputError,
  loadPlatformXml,
  type PlatformDescription,
  readableByteRate,
  readableFlopRate,
  readableSeconds,
} from '../../index.ts';
import { type FlagSpecs, type ParsedArgs, stringFlag, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';
import { table } from '../table.ts';

const FLAGS: FlagSpecs = {
  route: {
    value: true,
    short: 'r',
    valueName: 'SRC,DST',
    description: 'the route from SRC to DST: its links, latency and bottleneck',
  },
  all: { value: false, short: 'a', description: 'list every host and link (default: the first 20 of each)' },
  json: { value: false, description: 'print every host, link and the route as JSON (docs/cli.md)' },
};

const LIMIT = 20;

export const platformCommand: Command = {
  arguments: '<platform.xml>',
  flags: FLAGS,
  examples: ['npx livemig platform examples/scenarios/platforms/datacenter.xml --route r1-0,r2-0'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    const [file, ...extra] = args.positionals;
    if (file === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig platform":', [
        usageIssue('give exactly one platform file', 'livemig platform examples/simgrid/platforms/small_platform.xml'),
      ]);
    }
    const platform = loadPlatformXml(resolve(io.cwd, file));
    const routeSpec = stringFlag(args, 'route');
    const route = routeSpec === undefined ? undefined : findRoute(platform, routeSpec);
    for (const warning of platform.warnings) io.err(`warning: ${warning.message}`);
    if (args.flags.has('json')) {
      io.out(JSON.stringify(platformJson(platform, route), null, 2));
      return 0;
    }
    io.out(describe(platform, args.flags.has('all')));
    if (route !== undefined) io.out(`\n${describeRoute(route)}`);
    return 0;
  },
};

function describe(platform: PlatformDescription, all: boolean): string {
  const hosts = all ? platform.hosts : platform.hosts.slice(0, LIMIT);
  const links = all ? platform.links : platform.links.slice(0, LIMIT);
  const more = (shown: number, total: number) =>
    shown < total ? [`  … and ${total - shown} more (--all to list them)`] : [];
  return [
    `Platform ${platform.source}: ${platform.hosts.length} hosts, ${platform.links.length} links, ${platform.routers.length} routers`,
    '',
    table(
      ['host', 'speed', 'cores', 'pstates', 'zone'],
      hosts.map((h) => [
        h.name,
        readableFlopRate(h.speedsFlops[h.pstate] ?? 0),
        String(h.cores),
        String(h.speedsFlops.length),
        h.zone,
      ]),
    ),
    ...more(hosts.length, platform.hosts.length),
    '',
    table(
      ['link', 'bandwidth', 'latency', 'sharing'],
      links.map((l) => [l.name, readableByteRate(l.bandwidthBytesPerSec), readableSeconds(l.latencySec), l.sharing]),
    ),
    ...more(links.length, platform.links.length),
  ].join('\n');
}

interface FoundRoute {
  src: string;
  dst: string;
  links: readonly string[];
  latencySec: number;
  bottleneck: { name: string; bandwidthBytesPerSec: number } | undefined;
}

function findRoute(platform: PlatformDescription, spec: string): FoundRoute {
  const [src, dst, ...rest] = spec.split(',');
  if (src === undefined || dst === undefined || rest.length > 0) {
    throw new InputError('Bad arguments for "livemig platform":', [
      usageIssue(`--route needs SRC,DST, not "${spec}"`, '--route Fafard,Tremblay'),
    ]);
  }
  const route = platform.route(src.trim(), dst.trim());
  let bottleneck: FoundRoute['bottleneck'];
  for (const name of route.links) {
    const link = platform.link(name);
    if (link !== undefined && (bottleneck === undefined || link.bandwidthBytesPerSec < bottleneck.bandwidthBytesPerSec))
      bottleneck = link;
  }
  return { src: src.trim(), dst: dst.trim(), links: route.links, latencySec: route.latencySec, bottleneck };
}

function describeRoute(route: FoundRoute): string {
  const { bottleneck } = route;
  return [
    `Route ${route.src} → ${route.dst}: ${route.links.length} link(s), latency ${readableSeconds(route.latencySec)}`,
    `  links: ${route.links.join(', ') || '(none)'}`,
    `  bottleneck: ${bottleneck === undefined ? '(none)' : `${bottleneck.name} at ${readableByteRate(bottleneck.bandwidthBytesPerSec)}`}`,
  ].join('\n');
}

/** `livemig platform --json`: everything, in SI units with the unit in each key. */
function platformJson(platform: PlatformDescription, route: FoundRoute | undefined) {
  return {
    source: platform.source,
    hosts: platform.hosts.map((h) => ({
      name: h.name,
      speedFlops: h.speedsFlops[h.pstate] ?? 0,
      speedsFlops: h.speedsFlops,
      pstate: h.pstate,
      cores: h.cores,
      zone: h.zone,
    })),
    links: platform.links.map((l) => ({
      name: l.name,
      bandwidthBytesPerSec: l.bandwidthBytesPerSec,
      latencySec: l.latencySec,
      sharing: l.sharing,
    })),
    routers: platform.routers,
    ...(route === undefined
      ? {}
      : {
          route: {
            src: route.src,
            dst: route.dst,
            links: route.links,
            latencySec: route.latencySec,
            bottleneck:
              route.bottleneck === undefined
                ? null
                : { name: route.bottleneck.name, bandwidthBytesPerSec: route.bottleneck.bandwidthBytesPerSec },
          },
        }),
  };
}
