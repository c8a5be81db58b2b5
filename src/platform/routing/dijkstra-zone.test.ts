import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlatformXml } from '../xml/load.ts';

const zone = (routes: string): string => `<platform version="4.1"><zone id="d" routing="Dijkstra">
  <host id="A" speed="1f"/><host id="B" speed="1f"/><host id="C" speed="1f"/><host id="D" speed="1f"/>
  <link id="l1" bandwidth="1Bps" latency="0"/><link id="l2" bandwidth="1Bps" latency="0"/><link id="l3" bandwidth="1Bps" latency="0"/>
  ${routes}</zone></platform>`;

test('Dijkstra edges of several links are listed reversed, as SimGrid 3.32 inserts them', () => {
  const platform = parsePlatformXml(zone('<route src="A" dst="B"><link_ctn id="l1"/><link_ctn id="l2"/></route>'));
  // SimGrid's insert_link_latency puts each edge's links at the front of the route, in reverse order.
  assert.deepEqual(platform.route('A', 'B').links, ['l2', 'l1']);
  assert.deepEqual(platform.route('B', 'A').links, ['l1', 'l2']);
});

test("one-way routes that make SimGrid's unsigned costs wrap around are refused where SimGrid loops forever", () => {
  // An unreachable node (cost ULONG_MAX) relaxes its out-edges with ULONG_MAX + 1 = 0 and becomes its own predecessor
  // through its loopback. Checked with SimGrid 3.32: every pair below but C->D hangs (killed after 5 s).
  const routes = ['B C l1', 'A C l2', 'C D l3'].map((route) => {
    const [src, dst, link] = route.split(' ');
    return `<route src="${src}" dst="${dst}" symmetrical="NO"><link_ctn id="${link}"/></route>`;
  });
  const platform = parsePlatformXml(zone(routes.join('')));
  assert.deepEqual(platform.route('C', 'D').links, ['l3']);
  for (const [src, dst] of [
    ['A', 'C'],
    ['B', 'C'],
    ['A', 'D'],
    ['B', 'D'],
    ['D', 'A'],
  ] as const) {
    assert.throws(() => platform.route(src, dst), /SimGrid 3.32 loops forever/, `${src} -> ${dst}`);
  }
});

test('a host that no route names has no node in the routing graph', () => {
  const platform = parsePlatformXml(zone('<route src="A" dst="B"><link_ctn id="l1"/></route>'));
  assert.throws(() => platform.route('A', 'D'), /"D" appears in no <route>/);
});
