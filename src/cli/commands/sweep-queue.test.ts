// A sweep on a real Redis (Debian's redis-server, started on a free port of 127.0.0.1 and stopped after) with two
// `livemig worker` processes, one killed with SIGKILL mid-run: runs.csv is byte-identical to the one-thread sweep.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../io.ts';
import { main } from '../main.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const sweepFile = join(repo, 'test/fixtures/sweeps/sweep.yaml');
const bin = join(repo, 'bin/livemig.js');
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const children: ChildProcess[] = [];
const dirs: string[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const io = memoryIo(repo);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Starts a process and collects its output lines; `waitFor` resolves on the first line matching. */
function start(command: string, args: string[]) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) resolve(seen);
      else waiters.push({ pattern, resolve });
    });
  return { child, lines, waitFor, exited };
}

test('a sweep on a Redis queue with two workers, one killed mid-run, gives the same runs.csv as one thread', {
  skip: hasRedis ? false : 'redis-server is not installed (apt-get install redis-server)',
  timeout: 120_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-queue-'));
  dirs.push(dir);
  const port = await freePort();
  const redis = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir]);
  await redis.waitFor(/Ready to accept connections/);
  const url = `redis://127.0.0.1:${port}`;
  const worker = () => start(process.execPath, [bin, 'worker', url, '--concurrency', '1', '--lock-duration', '2']);
  const doomed = worker();
  const survivor = worker();
  await Promise.all([doomed.waitFor(/taking runs/), survivor.waitFor(/taking runs/)]);
  const sweepDone = cli(['sweep', sweepFile, '--out', join(dir, 'queue'), '--queue', url, '--quiet']);
  const killedRun = (await doomed.waitFor(/^run /)).slice(4);
  doomed.child.kill('SIGKILL');
  await doomed.exited;
  const { code, err, out } = await sweepDone;
  assert.equal(code, 0, err);
  assert.match(out, /ran 12, 0 already done, 0 failed/);
  if (!doomed.lines.includes(`done ${killedRun}`)) {
    assert.ok(survivor.lines.includes(`done ${killedRun}`), `the killed run ${killedRun} was run again`);
  }
  const status = await cli(['sweep', sweepFile, '--out', join(dir, 'queue'), '--queue', url, '--status']);
  assert.match(status.out, /12 runs: 12 done \(0 failed\), 0 to go\./);
  assert.match(status.out, /0 waiting, 0 active, 12 done, 0 failed/);
  const local = await cli(['sweep', sweepFile, '--out', join(dir, 'local'), '--workers', '1', '--quiet']);
  assert.equal(local.code, 0, local.err);
  assert.equal(
    readFileSync(join(dir, 'queue', 'runs.csv'), 'utf8'),
    readFileSync(join(dir, 'local', 'runs.csv'), 'utf8'),
  );
  survivor.child.kill('SIGTERM');
  await survivor.exited;
  redis.child.kill('SIGTERM');
  await redis.exited;
});
