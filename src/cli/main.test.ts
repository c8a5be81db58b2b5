import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { type Io, memoryIo } from './io.ts';
import { main } from './main.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const scratchDirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-cli-'));
  scratchDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], io = memoryIo(repo)) {
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const GOOD = `version: 1
platform: examples/simgrid/platforms/small_platform.xml
vms: [ { name: VM0, host: Fafard, ram: 1e9B } ]
actors:
  - name: master
    host: Fafard
    steps: [ { migrate: { vm: VM0, to: Tremblay } }, { log: done } ]
`;

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text.replaceAll('examples/', `${repo}examples/`));
  return path;
}

test('help, version and unknown commands', async () => {
  assert.equal((await cli(['--help'])).code, 0);
  assert.match((await cli(['--help'])).out, /Usage: livemig <command>/);
  assert.equal((await cli([])).code, 2);
  assert.equal((await cli(['--version'])).out, '0.0.0-test');
  const unknown = await cli(['rnu']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown command "rnu"/);
  assert.match((await cli(['run', '--help'])).out, /--until T/);
});

test('run writes every output, prints a summary and the log in SimGrid-like format, and exits 0', async () => {
  const dir = scratch();
  const out = join(dir, 'out');
  const result = await cli(['run', file(dir, 'good.yaml', GOOD), '--out', out, '--log']);
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /\[132\.765801\] \(master@Fafard\) done/);
  // 132.765801 s, 1e9 B = 954 MiB: the summary writes numbers by the one rule (docs/reports.md).
  assert.match(result.out, /VM0 +Fafard +Tremblay +simgrid-precopy +completed +133 s +25\.7 ms +2 +954 MiB/);
  for (const name of ['report.json', 'migrations.csv', 'rounds.csv', 'trace.paje', 'report.html']) {
    assert.ok(existsSync(join(out, name)), name);
  }
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  assert.ok(Math.abs(report.migrations[0].durationSec - 132.765801) < 1e-6);
});

test('bad input exits 2, lists every problem with file:line:col and a hint, and writes nothing', async () => {
  const dir = scratch();
  const out = join(dir, 'out');
  const bad = file(
    dir,
    'bad.yaml',
    `version: 1
platform: examples/simgrid/platforms/small_platform.xml
vms:
  - { name: VM0, host: Nowhere, ram: 1024 }
  - { name: VM1, host: VM0, ram: 1GiB }
actors:
  - { name: a, host: Fafard, steps: [ { migrat: { vm: VM0, to: Tremblay } } ] }
`,
  );
  const result = await cli(['run', bad, '--out', out]);
  assert.equal(result.code, 2);
  assert.match(result.err, /bad\.yaml:4:\d+: .*Nowhere/);
  assert.match(result.err, /bad\.yaml:4:\d+: .*unit/i);
  assert.match(result.err, /bad\.yaml:5:\d+: .*VM0/);
  assert.match(result.err, /bad\.yaml:7:\d+: .*migrat.*\n.*hint: .*migrate/);
  assert.ok(!/\n\s+at /.test(result.err), 'no stack trace');
  assert.equal(existsSync(out), false, 'nothing written to --out');
});

test('a simulation error (a deadlock) exits 1 and says who is stuck, without a stack trace', async () => {
  const dir = scratch();
  const stuck = file(
    dir,
    'stuck.yaml',
    `version: 1
platform: examples/simgrid/platforms/small_platform.xml
actors: [ { name: lonely, host: Fafard, steps: [ { receive: nobody } ] } ]
`,
  );
  const result = await cli(['run', stuck, '--out', join(dir, 'out')]);
  assert.equal(result.code, 1);
  assert.match(result.err, /Deadlock.*\n.*"lonely" on Fafard: waiting for communication .*nobody/);
  assert.ok(!/\n\s+at /.test(result.err));
  const debug = await cli(['run', stuck, '--out', join(dir, 'out'), '--debug']);
  assert.match(debug.err, /\n\s+at /, '--debug shows the stack');
});

test('validate, platform --route and schema', async () => {
  const dir = scratch();
  const ok = await cli(['validate', file(dir, 'good.yaml', GOOD)]);
  assert.equal(ok.code, 0);
  assert.match(ok.out, /valid scenario \(1 VMs, 1 actors/);
  const xml = await cli(['validate', 'examples/simgrid/platforms/small_platform.xml']);
  assert.match(xml.out, /valid platform \(7 hosts/);
  const brokenXml = await cli([
    'validate',
    file(dir, 'broken.xml', '<platform version="4.1"><zone id="z" routing="Full"><host id="h"/></zone></platform>'),
  ]);
  assert.equal(brokenXml.code, 2);
  assert.match(brokenXml.err, /broken\.xml:1:\d+/);
  const route = await cli(['platform', 'examples/simgrid/platforms/small_platform.xml', '--route', 'Fafard,Tremblay']);
  assert.match(route.out, /Route Fafard → Tremblay: 6 link\(s\), latency 1\.98 ms/);
  assert.match(route.out, /bottleneck: 8 at 7\.78 MiB\/s/);
  const schema = JSON.parse((await cli(['schema'])).out);
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
});

test('an unknown option is refused with a suggestion', async () => {
  const result = await cli(['run', 'x.yaml', '--quite']);
  assert.equal(result.code, 2);
  assert.match(result.err, /unknown option --quite.*\n.*did you mean "--quiet"/);
});

test('the progress line is drawn on a terminal only, and erased at the end', async () => {
  const dir = scratch();
  const path = file(dir, 'good.yaml', GOOD);
  const drawn: string[] = [];
  const tty: Io = { ...memoryIo(repo), tty: { columns: 100, write: (text) => drawn.push(text) } };
  assert.equal(await main(['run', path, '--out', join(dir, 'a')], tty), 0);
  assert.ok(
    drawn.some((t) => /simulated .* events\/s .* migration\(s\) done/.test(t)),
    drawn.join('|'),
  );
  const quiet: string[] = [];
  const silent: Io = { ...memoryIo(repo), tty: { columns: 100, write: (text) => quiet.push(text) } };
  assert.equal(await main(['run', path, '--out', join(dir, 'b'), '--quiet'], silent), 0);
  assert.deepEqual(quiet, []);
});

test('fuzz: mutated scenario files never crash the CLI, never hang, never show a stack trace', async () => {
  const dir = scratch();
  const lines = GOOD.replaceAll('examples/', `${repo}examples/`).split('\n');
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.tuple(fc.nat(lines.length - 1), fc.constantFrom('drop', 'dup', 'swap', 'garble', 'indent', 'number')),
        { minLength: 1, maxLength: 4 },
      ),
      fc.string({ maxLength: 8 }),
      async (mutations, garbage) => {
        const text = [...lines];
        for (const [at, how] of mutations) {
          const line = text[at] ?? '';
          if (how === 'drop') text.splice(at, 1);
          else if (how === 'dup') text.splice(at, 0, line);
          else if (how === 'swap') text.splice(at, 2, text[at + 1] ?? '', line);
          else if (how === 'garble') text[at] = line.slice(0, line.length / 2) + garbage;
          else if (how === 'indent') text[at] = ` ${line}`;
          else text[at] = line.replace(/\d+/, '-7');
        }
        const path = join(dir, 'fuzz.yaml');
        writeFileSync(path, text.join('\n'));
        const result = await cli(['run', path, '--out', join(dir, 'fuzz-out'), '--until', '500', '--quiet']);
        assert.ok([0, 1, 2].includes(result.code), `exit ${result.code}`);
        assert.ok(!/\n\s+at /.test(result.err), result.err);
        assert.ok(!result.err.startsWith('internal error'), result.err);
      },
    ),
    { numRuns: 300, seed: 42 },
  );
});

test('the livemig command exits quietly when its reader stops early (livemig schema | head)', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(repo, 'bin/livemig.js'), 'schema'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdout.destroy(); // the reader is gone before the first line
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
