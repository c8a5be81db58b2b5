// livemig as npm users get it: `npm pack`, the tarball installed into an empty folder, then the commands the README
// tells users to type (`npx livemig …`, through npm's .bin symlink), the README's tour in plain Node against the
// installed package, a strict NodeNext TypeScript consumer of its types, a global install, and `npx livemig` in the
// repository. Everything else tests the sources through tsx; only this sees what a user installs.
import assert from 'node:assert/strict';
import { type SpawnSyncOptions, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
const scratch = mkdtempSync(join(tmpdir(), 'livemig-installed-'));
const consumer = join(scratch, 'consumer');
const installed = join(consumer, 'node_modules', 'livemig');
let tarball = '';
let packedFiles: string[] = [];

/** The environment of a user's shell: none of the npm_* variables `npm test` sets (they would point npx here). */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { npm_config_yes: 'false', NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('npm_')) env[key] = value;
  return env;
}

function run(command: string, args: readonly string[], cwd: string, options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { cwd, env: userEnv(), encoding: 'utf8', timeout: 300_000, ...options });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, out: String(result.stdout), err: String(result.stderr) };
}

/** A command line as a user types it in a shell. */
function shell(line: string, cwd: string) {
  return run('sh', ['-c', line], cwd);
}

before(
  () => {
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], repo);
    assert.equal(pack.code, 0, pack.err);
    const [info] = JSON.parse(pack.out.slice(pack.out.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    assert.ok(info !== undefined);
    tarball = join(scratch, info.filename);
    packedFiles = info.files.map((f) => f.path);
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
    const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer);
    assert.equal(install.code, 0, install.err);
  },
  { timeout: 600_000 },
);

after(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball ships the compiled library with types, the CLI, examples, lab, docs, README and LICENSE, and no tests', () => {
  for (const path of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/index.js.map',
    'dist/cli/main.js',
    'bin/livemig.js',
    'examples/scenarios/datacenter/scenario.yaml',
    'lab/build-guest.sh',
    'docs/cli.md',
    'README.md',
    'LICENSE',
    'package.json',
  ]) {
    assert.ok(packedFiles.includes(path), `${path} is in the tarball`);
  }
  const unwanted = packedFiles.filter(
    (path) =>
      /\.test\.ts$|\.case\.ts$|(^|\/)testing\/|(^|\/)fixtures\/|\.tsbuildinfo$/.test(path) ||
      /^(src|test|bench|node_modules)\//.test(path),
  );
  assert.deepEqual(unwanted, []);
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.equal(pkg.dependencies.tsx, undefined, 'tsx is not needed at run time');
  assert.equal(existsSync(join(consumer, 'node_modules', 'tsx')), false);
  assert.equal(existsSync(join(consumer, 'node_modules', 'typescript')), false);
});

test('npx livemig and the .bin symlink answer --version and --help; no arguments is help on stderr and exit 2', () => {
  for (const line of ['npx livemig --version', 'npx livemig -V', 'node_modules/.bin/livemig --version']) {
    const result = shell(line, consumer);
    assert.equal(result.code, 0, `${line}: ${result.err}`);
    assert.equal(result.out, `${version}\n`, line);
  }
  const help = shell('npx livemig --help', consumer);
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: livemig <command> \[options\]/);
  assert.match(help.out, /^ {2}run +run a scenario file/m);
  const runHelp = shell('npx livemig help run', consumer);
  assert.match(runHelp.out, /-o, --out DIR/);
  const bare = shell('npx livemig', consumer);
  assert.equal(bare.code, 2);
  assert.equal(bare.out, '');
  assert.match(bare.err, /Usage: livemig <command>/);
  const unknown = shell('npx livemig run x.yaml --frobnicate', consumer);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown option --frobnicate for "livemig run"/);
});

test('npx livemig run plays a bundled example and writes its report; --json prints the summary', () => {
  const example = 'node_modules/livemig/examples/scenarios/datacenter/scenario.yaml';
  const result = shell(`npx livemig run ${example} --out out/dc --quiet --json`, consumer);
  assert.equal(result.code, 0, result.err);
  const summary = JSON.parse(result.out);
  assert.equal(summary.simulated, true);
  assert.ok(summary.migrations.length > 0);
  for (const name of ['report.json', 'report.html', 'migrations.csv', 'rounds.csv', 'trace.paje']) {
    assert.ok(summary.files.includes(name), name);
    assert.ok(existsSync(join(consumer, 'out/dc', name)), name);
  }
});

/** The `npx livemig …` lines of README's shell blocks. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx livemig'));
}

test("README's npx livemig commands work as written in a folder where livemig is installed", () => {
  const commands = readmeCommands();
  assert.ok(commands.length >= 4, commands.join('\n'));
  symlinkSync(join(installed, 'examples'), join(consumer, 'examples'));
  writeFileSync(
    join(consumer, 'my-scenario.yaml'),
    [
      'version: 1',
      'platform: examples/simgrid/platforms/small_platform.xml',
      'vms: [ { name: VM0, host: Fafard, ram: 1GiB } ]',
      'actors: [ { name: operator, host: Fafard, steps: [ { migrate: { vm: VM0, to: Tremblay } } ] } ]',
      '',
    ].join('\n'),
  );
  for (const line of commands) {
    // Real QEMU: src/cli/commands/lab.test.ts and validate-real.test.ts run these where QEMU is installed.
    if (/livemig (lab|validate-real)\b/.test(line)) continue;
    const result = shell(line, consumer);
    assert.equal(result.code, 0, `${line}\n${result.err}`);
    assert.doesNotMatch(result.err, /error/i, line);
  }
  assert.ok(existsSync(join(consumer, 'out/evacuation/report.html')));
  assert.equal(JSON.parse(readFileSync(join(consumer, 'scenario.schema.json'), 'utf8')).type, 'object');
});

/** The README's tour, a TypeScript block that is also plain JavaScript. */
function readmeTour(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const tour = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.ok(tour.includes("from 'livemig'"), 'README has a tour that imports livemig');
  return tour;
}

test("the README's tour runs in plain Node against the installed package, printing what it prints from the sources", () => {
  writeFileSync(join(consumer, 'tour.mjs'), readmeTour());
  if (!existsSync(join(consumer, 'examples'))) symlinkSync(join(installed, 'examples'), join(consumer, 'examples'));
  const installedRun = run(process.execPath, ['tour.mjs'], consumer);
  assert.equal(installedRun.code, 0, installedRun.err);
  const fromSources = run(process.execPath, ['--import', 'tsx', 'examples/tour.ts'], repo);
  assert.equal(fromSources.code, 0, fromSources.err);
  assert.match(installedRun.out, /\(\d+:operator@Tremblay\) done in [\d.]+ s, downtime [\d.]+ s, \d+ rounds/);
  assert.equal(installedRun.out, fromSources.out);
});

test('a strict NodeNext TypeScript consumer type-checks against the installed types', () => {
  const dir = join(consumer, 'ts');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(repo, 'node_modules/@types')],
      },
      files: ['consumer.ts'],
    }),
  );
  const wrongUse = [
    '',
    '// @ts-expect-error: the types are real (not any): a platform is a file or a description, not a number',
    'new Simulation({ platform: 42 });',
    'const problem: LivemigError | undefined = undefined;',
    'export { problem };',
  ].join('\n');
  writeFileSync(
    join(dir, 'consumer.ts'),
    readmeTour().replace("from 'livemig';", "from 'livemig';\nimport type { LivemigError } from 'livemig';") + wrongUse,
  );
  const tsc = run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', dir], dir);
  assert.equal(tsc.code, 0, tsc.out + tsc.err);
});

test('a global install puts a working livemig on the PATH', { timeout: 300_000 }, () => {
  const prefix = join(scratch, 'global');
  const install = run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball],
    scratch,
  );
  assert.equal(install.code, 0, install.err);
  const result = run(join(prefix, 'bin', 'livemig'), ['--version'], scratch);
  assert.equal(result.code, 0, result.err);
  assert.equal(result.out, `${version}\n`);
});

test('npx livemig works inside the repository, and npm start runs the demo', () => {
  const result = shell('npx livemig --version', repo);
  assert.equal(result.code, 0, result.err);
  assert.equal(result.out, `${version}\n`);
  const out = join(scratch, 'start');
  const start = run('npm', ['start', '--', '--out', out, '--quiet'], repo);
  assert.equal(start.code, 0, start.err);
  assert.match(start.out, /Simulated [\d.]+ s: \d+ migration\(s\)/);
  assert.ok(existsSync(join(out, 'report.html')));
});

test('the installed command exits quietly when its reader stops early (livemig schema | head)', async () => {
  const child = spawn(join(consumer, 'node_modules/.bin/livemig'), ['schema'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: userEnv(),
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

test('the command says how to build when dist/ is missing (a clone installed with --ignore-scripts)', () => {
  const clone = join(scratch, 'unbuilt');
  mkdirSync(join(clone, 'bin'), { recursive: true });
  writeFileSync(join(clone, 'bin/livemig.js'), readFileSync(join(repo, 'bin/livemig.js')));
  const result = run(process.execPath, [join(clone, 'bin/livemig.js'), '--version'], clone);
  assert.equal(result.code, 2);
  assert.equal(result.out, '');
  assert.match(result.err, /livemig is not built: dist\/ is missing\.\n {2}hint: run "npm run build"/);
});
