// Inputs that once crashed or hung livemig: a device as a file, a file too large, elements nested thousands deep,
// host properties that failed only when the run started. Each is bad input now: exit 2, what and where, nothing
// written.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { memoryIo } from './io.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'livemig-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = memoryIo(dir);
  const code = await main(args, io);
  return { code, err: io.stderr.join('\n') };
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const PLATFORM_HEAD = `<?xml version='1.0'?>\n<platform version="4.1">\n`;

test('a platform that is a device (/dev/zero) fails at once: not a regular file, with its location', async () => {
  const scenario = write('devzero.yaml', 'version: 1\nplatform: /dev/zero\n');
  const { code, err } = await cli(['validate', scenario]);
  assert.equal(code, 2);
  assert.match(err, /devzero\.yaml:2:11: Cannot read platform file \/dev\/zero: it is not a regular file/);
  const direct = await cli(['run', '/dev/zero', '--out', join(dir, 'out-zero')]);
  assert.equal(direct.code, 2);
  assert.match(direct.err, /not a regular file/);
  assert.equal(existsSync(join(dir, 'out-zero')), false, 'nothing written');
});

test('a scenario larger than the limit (a sparse 50 MB file) is refused as too large, before it is parsed', async () => {
  const big = write('big.yaml', 'version: 1\n');
  truncateSync(big, 50 * 2 ** 20);
  const { code, err } = await cli(['run', big, '--out', join(dir, 'out-big')]);
  assert.equal(code, 2);
  assert.match(err, /it is too large \(50MiB; the limit is 16MiB\)/);
  assert.equal(existsSync(join(dir, 'out-big')), false);
});

test('5,000 nested XML elements: a located error, not a stack overflow', async () => {
  const xml = `${PLATFORM_HEAD}${'<zone id="z" routing="Full">'.repeat(5000)}${'</zone>'.repeat(5000)}</platform>\n`;
  write('deep.xml', xml);
  const scenario = write('deep.yaml', 'version: 1\nplatform: deep.xml\n');
  const { code, err } = await cli(['validate', scenario]);
  assert.equal(code, 2);
  assert.match(err, /deep\.xml:3:\d+: Elements are nested more than 256 deep here\. \[malformed-xml\]/);
});

test('host properties livemig reads are checked by validate, with the host file:line:col', async () => {
  write(
    'props.xml',
    `${PLATFORM_HEAD}  <zone id="z" routing="Full">
    <host id="h0" speed="1Gf"><prop id="ram" value="256XiB"/></host>
    <host id="h1" speed="1Gf"><prop id="wattage_per_state" value="0"/><prop id="wattage_off" value="x"/></host>
    <host id="h2" speed="1Gf"><prop id="ram_overcommit" value="no"/></host>
  </zone>
</platform>
`,
  );
  const scenario = write('props.yaml', 'version: 1\nplatform: props.xml\n');
  const { code, err } = await cli(['validate', scenario]);
  assert.equal(code, 2);
  assert.match(err, /props\.xml:4:5: Host "h0": its ram is not a size: Invalid size "256XiB"/);
  assert.match(err, /props\.xml:5:5: Host "h1": "x" is not a number of watts/);
  assert.match(err, /props\.xml:5:5: Host "h1": "0" in wattage_per_state should be/);
  assert.match(err, /props\.xml:6:5: Host "h2": ram_overcommit is "no"/);
});

test('lists nested 20,000 deep in a scenario: a located too-deep error, not a stack trace', async () => {
  const scenario = write('deep-lists.yaml', `version: 1\nname: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
  const { code, err } = await cli(['validate', scenario]);
  assert.equal(code, 2);
  assert.match(err, /deep-lists\.yaml:2:\d+: Lists or maps are nested too deeply here for the parser/);
  assert.match(err, /\[too-deep\]/);
});
