import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isLivemigError } from '../../core/index.ts';
import type { PlatformDescription } from '../description.ts';
import { loadPlatformXml } from './load.ts';

// Golden data printed by real SimGrid 3.32 (Debian's libsimgrid-dev) loading the same files: every LMM-level link
// (bandwidth, latency, sharing), every host (zone, cores, pstate, speeds, properties) and the route of each pair of
// hosts and routers (all pairs, or every 9th/7th for the 100-host clusters), numbers with %.17g. See
// test/fixtures/routes/*.tsv; a throwaway C++ probe calling NetZoneImpl::get_global_route produced them.

const root = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
// SimGrid's own platform files (LGPL-2.1), copied under examples/simgrid/platforms and test/fixtures/bench.
const platforms = root('examples/simgrid/platforms');
const bench = root('test/fixtures/bench');

const CASES: readonly [fixture: string, platform: string][] = [
  ['small_platform', `${platforms}/small_platform.xml`],
  ['cluster_backbone', `${platforms}/cluster_backbone.xml`],
  ['cluster_multi', `${platforms}/cluster_multi.xml`],
  ['energy_platform', `${platforms}/energy_platform.xml`],
  ['three_multicore_hosts', `${platforms}/three_multicore_hosts.xml`],
  ['vm-live-migration-platform', `${platforms}/vm-live-migration-platform.xml`],
  ['bench-small-platform', `${bench}/small-platform.xml`],
  ['bench-medium-platform', `${bench}/medium-platform.xml`],
  ['routing-mix', root('test/fixtures/platforms/routing-mix.xml')],
  ['cluster-variants', root('test/fixtures/platforms/cluster-variants.xml')],
  ['bypass-and-one-way', root('test/fixtures/platforms/bypass-and-one-way.xml')],
  ['dijkstra-root', root('test/fixtures/platforms/dijkstra-root.xml')],
];

function rows(fixture: string): string[][] {
  const text = readFileSync(root(`test/fixtures/routes/${fixture}.tsv`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

function checkLinks(platform: PlatformDescription, table: string[][]): void {
  const expected = table.filter(([kind]) => kind === 'link');
  for (const [, name = '', bandwidth, latency, sharing] of expected) {
    const link = platform.link(name);
    if (name === '__loopback__' && link === undefined) continue; // listed only when some route can use it
    assert.ok(link !== undefined, `link ${name} is missing`);
    assert.equal(link.bandwidthBytesPerSec, Number(bandwidth), `bandwidth of ${name}`);
    assert.equal(link.latencySec, Number(latency), `latency of ${name}`);
    assert.equal(link.sharing, sharing, `sharing of ${name}`);
  }
  const names = new Set(expected.map(([, name]) => name));
  for (const link of platform.links) assert.ok(names.has(link.name), `SimGrid has no link ${link.name}`);
}

function checkHosts(platform: PlatformDescription, table: string[][]): void {
  const expected = table.filter(([kind]) => kind === 'host');
  assert.equal(platform.hosts.length, expected.length, 'host count');
  for (const [, name = '', zone, cores, pstate, speeds = '', properties = ''] of expected) {
    const host = platform.host(name);
    assert.ok(host !== undefined, `host ${name} is missing`);
    assert.equal(host.zone, zone);
    assert.equal(host.cores, Number(cores));
    assert.equal(host.pstate, Number(pstate));
    assert.deepEqual(host.speedsFlops, speeds.split(',').map(Number));
    const props = Object.entries(host.properties).sort(([a], [b]) => (a < b ? -1 : 1));
    assert.equal(props.map(([key, value]) => `${key}=${value}`).join(';'), properties, `properties of ${name}`);
  }
}

function checkRoutes(platform: PlatformDescription, table: string[][]): number {
  let count = 0;
  for (const [kind, src = '', dst = '', latency, links = ''] of table) {
    if (kind === 'error') {
      assert.throws(
        () => platform.findRoute(src, dst),
        (error) => isLivemigError(error, 'not-found'),
        `${src} -> ${dst}`,
      );
      count++;
    }
    if (kind !== 'route') continue;
    count++;
    const route = platform.findRoute(src, dst);
    if (links === '') {
      assert.equal(route, undefined, `SimGrid's route ${src} -> ${dst} is empty`);
      continue;
    }
    assert.ok(route !== undefined, `no route ${src} -> ${dst}`);
    assert.deepEqual(route.links, links.split(','), `links ${src} -> ${dst}`);
    assert.equal(route.latencySec, Number(latency), `latency ${src} -> ${dst}`);
  }
  return count;
}

for (const [fixture, path] of CASES) {
  test(`${fixture}: links, hosts and routes are exactly SimGrid 3.32's`, () => {
    const platform = loadPlatformXml(path);
    const table = rows(fixture);
    checkLinks(platform, table);
    checkHosts(platform, table);
    assert.ok(checkRoutes(platform, table) > 0);
  });
}

test('small_platform Fafard→Tremblay is the 6-link route of the VM tests, bottleneck link 8 at 8.158 MBps', {}, () => {
  const platform = loadPlatformXml(`${platforms}/small_platform.xml`);
  const route = platform.route('Fafard', 'Tremblay');
  assert.deepEqual(route.links, ['8', '1', '0', '2', '3', '4']);
  assert.equal(route.latencySec, 0.001976025);
  const slowest = Math.min(...route.links.map((name) => platform.link(name)?.bandwidthBytesPerSec ?? Number.NaN));
  assert.equal(slowest, 8.158 * 1e6);
});

test('cluster_backbone node-1→node-10 goes up its private link, through the backbone, down the other', () => {
  const platform = loadPlatformXml(`${platforms}/cluster_backbone.xml`);
  const route = platform.route('node-1.simgrid.org', 'node-10.simgrid.org');
  assert.deepEqual(route.links, ['cluster0_link_1_UP', 'cluster0_backbone', 'cluster0_link_10_DOWN']);
  assert.equal(route.latencySec, 50e-6 + 500e-6 + 50e-6);
  const self = platform.route('node-1.simgrid.org', 'node-1.simgrid.org');
  assert.deepEqual(self.links, ['cluster0_link_1_UP', 'cluster0_backbone', 'cluster0_link_1_DOWN']);
});
