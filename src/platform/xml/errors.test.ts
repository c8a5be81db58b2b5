import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError, type Issue } from '../../core/index.ts';
import { loadPlatformXml, parsePlatformXml } from './load.ts';

const bad = (name: string): string =>
  fileURLToPath(new URL(`../../../test/fixtures/platforms/bad/${name}`, import.meta.url));

function issuesOfFile(name: string): Issue[] {
  try {
    loadPlatformXml(bad(name));
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return [...error.issues];
  }
  assert.fail(`${name} should be refused`);
}

function issuesOfText(text: string): Issue[] {
  try {
    parsePlatformXml(text, 'inline.xml');
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return [...error.issues];
  }
  assert.fail('the text should be refused');
}

/** [code, line, col, hint pattern] of each expected issue, in file order. */
type Expected = [code: string, line: number, col: number, hint?: RegExp];

function check(issues: readonly Issue[], expected: readonly Expected[]): void {
  assert.deepEqual(
    issues.map((issue) => [issue.code, issue.location?.line, issue.location?.col]),
    expected.map(([code, line, col]) => [code, line, col]),
  );
  expected.forEach(([, , , hint], i) => {
    if (hint !== undefined) assert.match(issues[i]?.hint ?? '', hint);
  });
}

test('an unknown link in a route is located at its link_ctn and the hint names the closest link', () => {
  check(issuesOfFile('unknown-link.xml'), [['unknown-link', 8, 17, /Did you mean "link_ab"\?/]]);
});

test('every problem of a file is reported at once, in file order, each at its attribute or element', () => {
  const issues = issuesOfFile('many-problems.xml');
  check(issues, [
    ['missing-attribute', 5, 5, /Add speed=/],
    ['unknown-attribute', 5, 18, /Did you mean "speed"\?/],
    ['invalid-integer', 6, 30],
    ['duplicate-id', 7, 5, /First declared at .*many-problems.xml:6:5/],
    ['unknown-unit', 8, 19, /for example "125MBps"/],
    ['invalid-value', 9, 50, /SHARED, SPLITDUPLEX/],
    ['unknown-netpoint', 10, 5],
  ]);
  assert.match(issues[4]?.message ?? '', /SimGrid's platform files do not accept the unit "GB\/s"/);
  assert.ok(issues.every((issue) => issue.location?.file.endsWith('many-problems.xml')));
});

test('malformed XML is reported where it breaks, naming the element left open', () => {
  const issues = issuesOfFile('malformed.xml');
  check(issues, [['malformed-xml', 5, 3, /Close <host> first/]]);
  assert.match(issues[0]?.message ?? '', /<\/zone> does not match <host> opened at 4:5/);
  check(issuesOfText('<platform version="4.1">\n  <zone id="z routing="Full"/>\n</platform>'), [
    ['malformed-xml', 2, 24],
  ]);
  check(issuesOfText('<platform version="4.1"><zone id="a&b" routing="Full"/></platform>'), [
    ['malformed-xml', 1, 36, /&amp;/],
  ]);
  check(issuesOfText(''), [['malformed-xml', 1, 1]]);
});

test('split-duplex links need a direction, and only they accept one', () => {
  check(issuesOfFile('split-duplex.xml'), [
    ['split-duplex-without-direction', 9, 17, /direction="UP".*"sd_UP"/],
    ['not-split-duplex', 10, 17, /remove the direction/],
  ]);
});

test('Vivaldi zones, unknown routing models and a cluster topology with malformed parameters are refused clearly', () => {
  check(issuesOfFile('routing-models.xml'), [
    ['unsupported-value', 4, 18, /Full, Floyd, Dijkstra/],
    ['invalid-value', 7, 21, /Full, Floyd, Dijkstra/],
    ['invalid-value', 10, 114, /levels;children/],
  ]);
});

test("duplicate links and routes are refused like SimGrid does, including Floyd's symmetrical self-route", () => {
  check(issuesOfFile('duplicate-routes.xml'), [
    ['duplicate-id', 8, 7, /First declared at .*:7:7/],
    ['duplicate-route', 10, 7, /symmetrical by default/],
    ['duplicate-route', 15, 7, /symmetrical="NO"/],
  ]);
});

test('misplaced, unknown, removed and unsupported elements, stray text and unknown actor hosts are all reported', () => {
  check(issuesOfFile('structure.xml'), [
    ['misplaced-element', 3, 3, /<platform> may contain/],
    ['misplaced-element', 9, 5, /above the first route \(line 8\)/],
    ['unsupported-element', 10, 5],
    ['removed-element', 11, 5],
    ['unexpected-text', 12, 5],
    ['unknown-element', 13, 5, /Did you mean "host"\?/],
    ['unknown-host', 15, 10],
  ]);
});

test('files older than version 4 are refused with the tool that updates them', () => {
  check(issuesOfFile('old-version.xml'), [['unsupported-version', 2, 11, /simgrid_update_xml/]]);
});

test('zone routes need gateways inside their zones, and routes between zones need zoneRoutes', () => {
  check(issuesOfFile('gateways.xml'), [
    ['bad-gateway', 11, 5, /host or router of zone "A"/],
    ['route-outside-zone', 12, 5, /use a zoneRoute/],
  ]);
});

test('a second root zone, routes in a None zone and hosts beside zones are refused', () => {
  const platform = '<platform version="4.1">\n%\n</platform>';
  check(issuesOfText(platform.replace('%', '<zone id="a" routing="Full"/>\n<zone id="b" routing="Full"/>')), [
    ['second-root', 3, 1],
  ]);
  const none =
    '<zone id="n" routing="None"><host id="h" speed="1f"/><link id="l" bandwidth="1Bps"/><route src="h" dst="h"><link_ctn id="l"/></route></zone>';
  check(issuesOfText(platform.replace('%', none)), [['routes-not-accepted', 2, 85]]);
  const mixed = '<zone id="w" routing="Full"><zone id="c" routing="Full"/><host id="h" speed="1f"/></zone>';
  check(issuesOfText(platform.replace('%', mixed)), [['mixed-zone', 2, 58]]);
  check(issuesOfText('<platform version="4.1"/>'), [['no-zone', 1, 1]]);
});

test('warnings report what SimGrid warns about, without refusing the file', () => {
  const platform = parsePlatformXml(
    `<platform version="4.0">
  <AS id="z" routing="full">
    <host id="a" speed="1000"><disk id="d" read_bw="1MBps" write_bw="1MBps"/></host>
    <link id="l" bandwidth="1000" sharing_policy="FULLDUPLEX"/>
  </AS>
</platform>`,
    'warn.xml',
  );
  assert.deepEqual(
    platform.warnings.map((issue) => [issue.code, issue.location?.line, issue.location?.col]),
    [
      ['simgrid-incompatible', 1, 1],
      ['old-version', 1, 11],
      ['deprecated-element', 2, 3],
      ['unitless-value', 3, 18],
      ['ignored-element', 3, 31],
      ['simgrid-incompatible', 4, 5],
      ['unitless-value', 4, 18],
      ['deprecated-value', 4, 35],
    ],
  );
  assert.equal(platform.host('a')?.speedsFlops[0], 1000);
  assert.equal(platform.link('l_UP')?.bandwidthBytesPerSec, 1000);
});

test('routes are only asked for between hosts and routers that exist', () => {
  const platform = parsePlatformXml(
    '<platform version="4.1"><zone id="z" routing="Full"><host id="a" speed="1f"/></zone></platform>',
  );
  assert.throws(() => platform.route('a', 'b'), /no such host or router/);
  assert.throws(() => platform.route('a', 'z'), /it is a zone/);
});

test('an unreadable file is an input error that names the path', () => {
  assert.throws(
    () => loadPlatformXml(bad('missing.xml')),
    (error: unknown) => error instanceof InputError && /missing\.xml/.test(error.message),
  );
});

test('a topology cluster whose radical names fewer hosts than the topology has is refused, for each topology', () => {
  const cluster = (topology: string, parameters: string) =>
    `<?xml version='1.0'?>\n<platform version="4.1">\n  <cluster id="c" prefix="n-" suffix="" radical="0-2" speed="1Gf" bw="1GBps" lat="1us" topology="${topology}" topo_parameters="${parameters}"/>\n</platform>\n`;
  for (const [topology, parameters, hosts] of [
    ['TORUS', '2,2', 4],
    ['FAT_TREE', '2;2,2;1,2;1,1', 4],
    ['DRAGONFLY', '2,1;2,1;2,1;1', 8],
  ] as const) {
    // The cluster is then not built, so the file has no zone either, which is reported too.
    const issues = issuesOfText(cluster(topology, parameters));
    assert.deepEqual(issues.map((issue) => issue.code).sort(), ['no-zone', 'too-few-radicals'], topology);
    const short = issues.find((issue) => issue.code === 'too-few-radicals');
    assert.match(short?.message ?? '', new RegExp(`has ${hosts} hosts, but radical gives 3`));
    assert.match(short?.hint ?? '', new RegExp(`radical="0-${hosts - 1}"`));
  }
});
