import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError, type Issue } from '../core/index.ts';
import { describePlatform, type PlatformSpec } from './spec.ts';
import { loadPlatformXml } from './xml/load.ts';

// SimGrid's own platform files (LGPL-2.1), copied under examples/simgrid/platforms.
const reference = fileURLToPath(new URL('../../examples/simgrid/platforms', import.meta.url));

function issuesOf(spec: unknown): Issue[] {
  try {
    describePlatform(spec, 'spec.json');
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return [...error.issues];
  }
  assert.fail('expected an InputError');
}

test('a spec of hosts, links and routes gives the same platform as the equivalent XML (three_multicore_hosts)', () => {
  const spec: PlatformSpec = {
    name: 'siteA',
    hosts: [
      { name: 'PM0', speed: '8.095Gf', cores: 4 },
      { name: 'PM1', speed: '8.095Gf', cores: 4 },
      { name: 'PM2', pstates: ['8.095Gf'], cores: 2 },
    ],
    links: [{ name: 'link1', bandwidth: '125MBps', latency: '100us' }],
    routes: [
      { src: 'PM0', dst: 'PM1', links: ['link1'] },
      { src: 'PM0', dst: 'PM2', links: ['link1'] },
      { src: 'PM1', dst: 'PM2', links: ['link1'] },
    ],
  };
  const fromSpec = describePlatform(spec);
  const fromXml = loadPlatformXml(`${reference}/three_multicore_hosts.xml`);
  assert.deepEqual(
    fromSpec.hosts.map(({ location: _, ...host }) => host),
    fromXml.hosts.map(({ location: _, ...host }) => host),
  );
  for (const src of ['PM0', 'PM1', 'PM2']) {
    for (const dst of ['PM0', 'PM1', 'PM2'])
      assert.deepEqual(fromSpec.findRoute(src, dst), fromXml.findRoute(src, dst));
  }
  assert.deepEqual(fromSpec.route('PM2', 'PM2').links, ['__loopback__']);
});

/** cluster_multi.xml written as a spec: three clusters joined through their routers by one backbone. */
const wattage = (cores: number) => ({
  wattage_per_state: `0.0:${cores === 1 ? '1.0' : '0.0'}:${cores}.0`,
  wattage_off: '0.0',
});
const CLUSTER_MULTI: PlatformSpec = {
  name: 'world',
  clusters: [
    {
      id: 'simple',
      prefix: 'node-',
      suffix: '.1core.org',
      radical: '0-7',
      speed: '1Gf',
      bw: '125MBps',
      lat: '50us',
      properties: wattage(1),
    },
    {
      id: 'backboned',
      prefix: 'node-',
      suffix: '.2cores.org',
      radical: '0-7',
      speed: '1Gf',
      core: 2,
      bw: '125MBps',
      lat: '50us',
      bb_bw: '2.25GBps',
      bb_lat: '500us',
      properties: wattage(2),
    },
    {
      id: 'halfduplex',
      prefix: 'node-',
      suffix: '.4cores.org',
      radical: '0-7',
      speed: '1Gf',
      core: 4,
      bw: '125MBps',
      lat: '50us',
      sharing_policy: 'SHARED',
      bb_bw: '2.25GBps',
      bb_lat: '500us',
      bb_sharing_policy: 'SHARED',
      properties: wattage(4),
    },
  ],
  links: [{ name: 'backbone', bandwidth: '1.25GBps', latency: '500us', sharing: 'fatpipe' }],
  zoneRoutes: [
    { src: 'simple', dst: 'backboned', links: ['backbone'] },
    { src: 'simple', dst: 'halfduplex', links: ['backbone'] },
    { src: 'backboned', dst: 'halfduplex', links: ['backbone'] },
  ],
};
test("clusters and zone routes through the clusters' routers reproduce cluster_multi.xml", () => {
  const spec = CLUSTER_MULTI;
  const fromSpec = describePlatform(spec);
  const fromXml = loadPlatformXml(`${reference}/cluster_multi.xml`);
  assert.deepEqual(
    fromSpec.hosts.map((host) => [host.name, host.zone, host.cores, host.properties]),
    fromXml.hosts.map((host) => [host.name, host.zone, host.cores, host.properties]),
  );
  assert.deepEqual(new Set(fromSpec.links.map((link) => link.name)), new Set(fromXml.links.map((link) => link.name)));
  const names = [...fromXml.hosts.map((host) => host.name), ...fromXml.routers];
  for (const src of names)
    for (const dst of names)
      assert.deepEqual(fromSpec.findRoute(src, dst), fromXml.findRoute(src, dst), `${src} -> ${dst}`);
});

test('plain hosts next to clusters get their own zone, joined by zone routes with explicit gateways', () => {
  const platform = describePlatform({
    hosts: [
      { name: 'gw', speed: '1Gf' },
      { name: 'h', speed: '1Gf' },
    ],
    links: [
      { name: 'lan', bandwidth: '1GB/s', latency: '10us' },
      { name: 'wan', bandwidth: '10Gbit/s', latency: '1ms', sharing: 'split-duplex' },
    ],
    routes: [{ src: 'h', dst: 'gw', links: ['lan'] }],
    clusters: [{ id: 'c', prefix: 'c-', radical: [0, 1], speed: '1Gf', bw: '125MBps', lat: '50us' }],
    zoneRoutes: [{ src: 'hosts', dst: 'c', gwSrc: 'gw', links: [{ name: 'wan', direction: 'up' }] }],
  });
  assert.deepEqual(
    platform.zones.children.map((zone) => zone.id),
    ['hosts', 'c'],
  );
  assert.deepEqual(platform.route('h', 'c-1').links, ['lan', 'wan_UP', 'c_link_1_DOWN']);
  assert.deepEqual(platform.route('c-1', 'h').links, ['c_link_1_UP', 'wan_DOWN', 'lan']);
  assert.equal(platform.link('wan_UP')?.bandwidthBytesPerSec, 1.25e9);
});

test('every problem of a spec is reported at once, with the path of the value', () => {
  const issues = issuesOf({
    hosts: [
      { name: 'a', speed: '1GHz' },
      { name: 'b', speed: 1e9, core: 2 },
      { name: 'a', speed: '1Gf' },
    ],
    links: [
      { name: 'bad', bandwidth: '100', latency: '-1ms' },
      { name: 'm', bandwidth: '1GBps', sharing: 'full' },
      { name: 'l', bandwidth: 125e6 },
    ],
    routes: [{ src: 'a', dst: 'c', links: ['l1'] }],
  });
  const byPath = new Map(issues.map((issue) => [issue.path, issue]));
  assert.equal(byPath.get('hosts[0].speed')?.code, 'unknown-unit');
  assert.equal(byPath.get('hosts[1].core')?.code, 'unknown-field');
  assert.match(byPath.get('hosts[1].core')?.hint ?? '', /Did you mean "cores"\?/);
  assert.equal(byPath.get('hosts[2]')?.code, 'duplicate-id');
  assert.equal(byPath.get('links[0].bandwidth')?.code, 'missing-unit');
  assert.equal(byPath.get('links[0].latency')?.code, 'negative-value');
  assert.equal(byPath.get('links[1].sharing')?.code, 'invalid-value');
  assert.equal(byPath.get('routes[0].links[0]')?.code, 'unknown-link');
  assert.match(byPath.get('routes[0].links[0]')?.hint ?? '', /Did you mean "l"\?/);
  assert.equal(byPath.get('routes[0]')?.code, 'unknown-netpoint');
});

test('a zone route to something that is not a cluster needs explicit gateways', () => {
  const issues = issuesOf({
    hosts: [{ name: 'h', speed: '1Gf' }],
    clusters: [{ id: 'c', prefix: 'c-', radical: '0-1', speed: '1Gf', bw: '1GBps', lat: '0s' }],
    links: [{ name: 'l', bandwidth: '1GBps' }],
    zoneRoutes: [{ src: 'hosts', dst: 'c', links: ['l'] }],
  });
  assert.equal(issues[0]?.path, 'zoneRoutes[0].gwSrc');
  assert.match(issues[0]?.hint ?? '', /Name a host or router of zone "hosts"/);
});

test('a spec that is not an object is refused clearly', () => {
  assert.equal(issuesOf(42)[0]?.message, 'The platform spec must be an object.');
  assert.equal(issuesOf({ hosts: {} })[0]?.path, 'hosts');
});
