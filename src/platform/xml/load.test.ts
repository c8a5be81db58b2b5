import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../core/index.ts';
import { parseDeploymentXml, parsePlatformXml } from './load.ts';

const HEAD = `<?xml version='1.0'?>
<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">`;

test('config, properties, pstates and actors of a platform file are read', () => {
  const platform = parsePlatformXml(
    `${HEAD}
<platform version="4.1">
  <config><prop id="network/model" value="CM02"/><prop id="network/model" value="LV08"/></config>
  <zone id="z" routing="Full">
    <prop id="kind" value="lab"/>
    <host id="a" speed="100Mf, 50Mf,20Mf" pstate="2" core="4"><prop id="ram" value="4GiB"/></host>
    <link id="l" bandwidth="1GBps" latency="1ms"><prop id="wattage_range" value="1:3"/></link>
  </zone>
  <actor host="a" function="master" start_time="2.5"><argument value="x"/><argument value="y"/><prop id="p" value="q"/></actor>
  <process host="a" function="worker" on_failure="RESTART" kill_time="10"/>
</platform>`,
    'p.xml',
  );
  assert.deepEqual(platform.config, { 'network/model': 'CM02' }, 'the first setting wins, as in SimGrid');
  assert.deepEqual(platform.zones.properties, { kind: 'lab' });
  assert.deepEqual(platform.host('a'), {
    name: 'a',
    speedsFlops: [100e6, 50e6, 20e6],
    pstate: 2,
    cores: 4,
    properties: { ram: '4GiB' },
    zone: 'z',
    location: { file: 'p.xml', line: 7, col: 5 },
  });
  assert.deepEqual(platform.link('l')?.properties, { wattage_range: '1:3' });
  assert.deepEqual(
    platform.actors.map(({ location: _, ...actor }) => actor),
    [
      { host: 'a', function: 'master', args: ['x', 'y'], onFailure: 'die', properties: { p: 'q' }, startTimeSec: 2.5 },
      { host: 'a', function: 'worker', args: [], onFailure: 'restart', properties: {}, killTimeSec: 10 },
    ],
  );
  assert.equal(platform.source, 'p.xml');
});

test('a deployment file gives its actors, checked against a platform when one is given', () => {
  const platform = parsePlatformXml(
    `${HEAD}<platform version="4.1"><zone id="z" routing="Full"><host id="Tremblay" speed="1Gf"/></zone></platform>`,
  );
  const deployment = `${HEAD}
<platform version="4.1">
  <actor host="Tremblay" function="master"><argument value="20"/></actor>
  <actor host="Tremblai" function="worker"/>
</platform>`;
  assert.equal(parseDeploymentXml(deployment, 'd.xml').length, 2);
  assert.throws(
    () => parseDeploymentXml(deployment, 'd.xml', platform),
    (error: unknown) =>
      error instanceof InputError &&
      error.issues[0]?.location?.line === 5 &&
      /Did you mean "Tremblay"/.test(error.issues[0]?.hint ?? ''),
  );
});

test('pstate must name one of the speeds, and cores must be at least one', () => {
  assert.throws(
    () =>
      parsePlatformXml(
        `${HEAD}<platform version="4.1"><zone id="z" routing="Full"><host id="a" speed="1Gf" pstate="1" core="0"/></zone></platform>`,
      ),
    (error: unknown) =>
      error instanceof InputError && error.issues.map((issue) => issue.code).join() === 'bad-core-count,bad-pstate',
  );
});
