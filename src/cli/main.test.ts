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

test('help and version: -h/--help and -V/--version everywhere, livemig help <command>, no arguments → help on stderr, exit 2', async () => {
  for (const flag of ['--help', '-h']) {
    const help = await cli([flag]);
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: livemig <command>/);
    assert.match(help.out, /^ {2}run +run a scenario file/m);
    assert.match(help.out, /^ {2}-V, --version +print livemig's version/m);
  }
  const bare = await cli([]);
  assert.equal(bare.code, 2);
  assert.equal(bare.out, '');
  assert.match(bare.err, /Usage: livemig <command>/);
  for (const args of [['--version'], ['-V'], ['run', '-V'], ['lab', 'migrate', '--version']]) {
    assert.equal((await cli(args)).out, '0.0.0-test', args.join(' '));
  }
  const runHelp = await cli(['run', '--help']);
  assert.equal(runHelp.code, 0);
  assert.match(runHelp.out, /^Usage: livemig run <scenario\.yaml\|json> \[options\]/);
  assert.match(runHelp.out, /-o, --out DIR +where to write the outputs/);
  assert.match(runHelp.out, /-u, --until T/);
  assert.equal((await cli(['run', '-h'])).out, runHelp.out);
  assert.equal((await cli(['help', 'run'])).out, runHelp.out);
  assert.equal((await cli(['help'])).out, (await cli(['--help'])).out);
});

test('every command and subcommand has help made from its flags, and every flag in it is accepted', async () => {
  const { COMMANDS } = await import('./registry.ts');
  const { isGroup } = await import('./command.ts');
  for (const entry of COMMANDS) {
    const loaded = await entry.load();
    const paths = isGroup(loaded) ? Object.keys(loaded.subcommands).map((sub) => [entry.name, sub]) : [[entry.name]];
    for (const path of paths) {
      const help = await cli(['help', ...path]);
      assert.equal(help.code, 0, path.join(' '));
      assert.match(help.out, new RegExp(`^Usage: livemig ${path.join(' ')}`));
      const command = isGroup(loaded) ? loaded.subcommands[path[1] as string] : loaded;
      for (const [name, spec] of Object.entries(command?.flags ?? {})) {
        assert.match(help.out, new RegExp(`--${name}${spec.value ? ' [A-Z]' : ' '}`), `${path.join(' ')} --${name}`);
        if (spec.short !== undefined) assert.match(help.out, new RegExp(`-${spec.short}, --${name}`));
      }
    }
  }
});

test('unknown commands and options exit 2 with a suggestion', async () => {
  const unknown = await cli(['rnu']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command "rnu".*\n.*did you mean "run"/);
  const option = await cli(['--verison']);
  assert.equal(option.code, 2);
  assert.match(option.err, /unknown option --verison/);
  const short = await cli(['platform', 'x.xml', '-z']);
  assert.equal(short.code, 2);
  assert.match(short.err, /unknown option -z for "livemig platform"/);
  const noValue = await cli(['run', 'x.yaml', '--out']);
  assert.equal(noValue.code, 2);
  assert.match(noValue.err, /option --out needs a value.*\n.*hint: write --out DIR/);
  const lab = await cli(['lab', 'nope']);
  assert.equal(lab.code, 2);
  assert.match(lab.err, /unknown lab command "nope"/);
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

test('run --json prints the summary as JSON on stdout (SI units, the unit in each key), log lines on stderr', async () => {
  const dir = scratch();
  const out = join(dir, 'out');
  const result = await cli(['run', file(dir, 'good.yaml', GOOD), '-o', out, '--json', '--log', '-q']);
  assert.equal(result.code, 0, result.err);
  const summary = JSON.parse(result.out);
  assert.equal(summary.simulated, true);
  assert.equal(summary.outDir, out);
  assert.ok(Math.abs(summary.endTimeSec - 132.765801) < 1e-6);
  assert.deepEqual(summary.files.slice(0, 3), ['report.json', 'migrations.csv', 'rounds.csv']);
  assert.equal(summary.vmCount, 1);
  const [migration] = summary.migrations;
  assert.deepEqual(Object.keys(migration), [
    'vm',
    'from',
    'to',
    'algorithm',
    'outcome',
    'durationSec',
    'downtimeSec',
    'rounds',
    'bytesSent',
  ]);
  assert.equal(migration.outcome, 'completed');
  assert.ok(Math.abs(migration.durationSec - 132.765801) < 1e-6);
  assert.ok(migration.bytesSent >= 1e9);
  assert.deepEqual(summary.stepErrors, []);
  assert.match(result.err, /\[132\.765801\] \(master@Fafard\) done/, 'the log goes to stderr');
});

test('validate --json lists every issue with code, path, message, hint, file, line and column; exit 2', async () => {
  const dir = scratch();
  const good = await cli(['validate', file(dir, 'good.yaml', GOOD), '--json']);
  assert.equal(good.code, 0);
  const verdict = JSON.parse(good.out);
  assert.equal(verdict.valid, true);
  assert.equal(verdict.kind, 'scenario');
  assert.deepEqual(verdict.issues, []);
  const bad = file(
    dir,
    'bad.yaml',
    `version: 1
platform: examples/simgrid/platforms/small_platform.xml
vms:
  - { name: VM0, host: Nowhere, ram: 1GiB }
actors:
  - { name: a, host: Fafard, steps: [ { migrat: { vm: VM0, to: Tremblay } } ] }
`,
  );
  const result = await cli(['validate', bad, '--json']);
  assert.equal(result.code, 2);
  assert.equal(result.err, '');
  const report = JSON.parse(result.out);
  assert.equal(report.valid, false);
  assert.ok(report.issues.length >= 2);
  for (const issue of report.issues) {
    assert.deepEqual(Object.keys(issue), ['code', 'path', 'message', 'hint', 'file', 'line', 'column']);
    assert.equal(issue.file, bad);
  }
  const host = report.issues.find((i: { message: string }) => /Nowhere/.test(i.message));
  assert.equal(host.line, 4);
  assert.ok(host.column > 0);
  const step = report.issues.find((i: { message: string }) => /migrat\b/.test(i.message));
  assert.equal(step.line, 6);
  assert.match(step.hint, /migrate/);
  const xml = JSON.parse((await cli(['validate', 'examples/simgrid/platforms/small_platform.xml', '--json'])).out);
  assert.equal(xml.kind, 'platform');
  assert.equal(xml.valid, true);
  const missing = await cli(['validate', join(dir, 'nothing.yaml'), '--json']);
  assert.equal(missing.code, 2);
  assert.equal(JSON.parse(missing.out).valid, false);
});

test('platform --json gives every host, link and the asked route in SI units', async () => {
  const result = await cli([
    'platform',
    'examples/simgrid/platforms/small_platform.xml',
    '-r',
    'Fafard,Tremblay',
    '--json',
  ]);
  assert.equal(result.code, 0, result.err);
  const platform = JSON.parse(result.out);
  assert.equal(platform.hosts.length, 7);
  const fafard = platform.hosts.find((h: { name: string }) => h.name === 'Fafard');
  assert.equal(fafard.speedFlops, 76296000);
  assert.equal(platform.links.length > 0, true);
  assert.deepEqual(Object.keys(platform.links[0]), ['name', 'bandwidthBytesPerSec', 'latencySec', 'sharing']);
  assert.equal(platform.route.links.length, 6);
  // small_platform.xml: the six links' latencies add up to 1.976025 ms; link 8 (8.158 MBps) is the narrowest.
  assert.ok(Math.abs(platform.route.latencySec - 1.976025e-3) < 1e-12);
  assert.equal(platform.route.bottleneck.name, '8');
  assert.ok(Math.abs(platform.route.bottleneck.bandwidthBytesPerSec - 8.158e6) < 1e-6);
});

test('the progress line does not crash on a terminal that reports 0 columns, and fits a narrow one', async () => {
  const dir = scratch();
  const path = file(dir, 'good.yaml', GOOD);
  for (const columns of [0, 1, 12]) {
    const drawn: string[] = [];
    const io: Io = { ...memoryIo(repo), tty: { columns, write: (text) => drawn.push(text) } };
    assert.equal(await main(['run', path, '--out', join(dir, `c${columns}`)], io), 0, `${columns} columns`);
    assert.ok(drawn.length > 0);
    const width = columns > 1 ? columns - 1 : 79;
    for (const text of drawn) assert.ok(text.replace(/\r/g, '').length <= width, `${columns}: ${JSON.stringify(text)}`);
  }
});

test('bench refuses an unknown benchmark and lists the ones it runs', async () => {
  const result = await cli(['bench', 'everything']);
  assert.equal(result.code, 2);
  assert.match(
    result.err,
    /unknown benchmark "everything".*\n.*hint: one of: kernel, vm, vs-simgrid, algorithms, startup, all/,
  );
  assert.match((await cli(['help', 'bench'])).out, /--repeat N +vs-simgrid: keep the best of N runs/);
});

test('--help and --version load none of the library: main.ts reaches only the CLI core without import()', () => {
  const cli = fileURLToPath(new URL('./', import.meta.url));
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    const text = readFileSync(join(cli, name), 'utf8');
    // Static imports of values (not `import type`); import() is lazy and so not followed.
    for (const [, spec = ''] of text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gm)) {
      if (spec.startsWith('node:')) continue;
      assert.ok(spec.startsWith('./') && !spec.includes('/commands/'), `${name} imports ${spec} at load time`);
      visit(spec.slice(2));
    }
  };
  visit('main.ts');
  visit('io.ts');
  assert.deepEqual([...reached].sort(), ['args.ts', 'command.ts', 'help.ts', 'io.ts', 'main.ts', 'registry.ts']);
});
