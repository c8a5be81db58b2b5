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
import { type FlagSpec, parseArgs, usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';
import { table } from '../table.ts';

const FLAGS: Record<string, FlagSpec> = {
  route: { value: true, description: 'SRC,DST: show the route between two hosts' },
  all: { value: false, description: 'list every host and link (default: the first 20)' },
};

const LIMIT = 20;

export const platformCommand: Command = {
  name: 'platform',
  summary: 'show the hosts, links and routes of a SimGrid platform file',
  usage: [
    'Usage: livemig platform <platform.xml> [--route SRC,DST] [--all]',
    '',
    '  --route SRC,DST  the route from SRC to DST: its links, latency and bottleneck',
    '  --all            list every host and link (default: the first 20 of each)',
  ].join('\n'),
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, FLAGS, 'platform');
    const [file, ...extra] = args.positionals;
    if (file === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig platform":', [
        usageIssue('give exactly one platform file', 'livemig platform examples/simgrid/platforms/small_platform.xml'),
      ]);
    }
    const platform = loadPlatformXml(resolve(io.cwd, file));
    const all = args.flags.has('all');
    io.out(describe(platform, all));
    const route = args.flags.get('route');
    if (typeof route === 'string') io.out(`\n${describeRoute(platform, route)}`);
    for (const warning of platform.warnings) io.err(`warning: ${warning.message}`);
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

function describeRoute(platform: PlatformDescription, spec: string): string {
  const [src, dst, ...rest] = spec.split(',');
  if (src === undefined || dst === undefined || rest.length > 0) {
    throw new InputError('Bad arguments for "livemig platform":', [
      usageIssue(`--route needs SRC,DST, not "${spec}"`, '--route Fafard,Tremblay'),
    ]);
  }
  const route = platform.route(src.trim(), dst.trim());
  const links = route.links.map((name) => platform.link(name));
  let bottleneck = links[0];
  for (const link of links)
    if (link !== undefined && bottleneck !== undefined && link.bandwidthBytesPerSec < bottleneck.bandwidthBytesPerSec)
      bottleneck = link;
  return [
    `Route ${src.trim()} → ${dst.trim()}: ${route.links.length} link(s), latency ${readableSeconds(route.latencySec)}`,
    `  links: ${route.links.join(', ') || '(none)'}`,
    `  bottleneck: ${bottleneck === undefined ? '(none)' : `${bottleneck.name} at ${readableByteRate(bottleneck.bandwidthBytesPerSec)}`}`,
  ].join('\n');
}
