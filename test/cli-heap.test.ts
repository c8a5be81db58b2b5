// The `livemig` command sizes V8's old space for large simulations (bin/heap.js): the decision, and a run started
// again with a given heap that gives the same results as a run in the default heap.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin/livemig.js');
const scenario = join(repo, 'examples/scenarios/evacuation/scenario.yaml');

/** heapToAsk(args, env, execArgv) evaluated in a fresh Node (bin/heap.js is plain JavaScript). */
function ask(args: string[], env: Record<string, string>, execArgv: string[] = []): number | null {
  const script = `import('${join(repo, 'bin/heap.js')}').then(({ heapToAsk }) =>
    console.log(JSON.stringify(heapToAsk(${JSON.stringify(args)}, ${JSON.stringify(env)}, ${JSON.stringify(execArgv)}) ?? null)))`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as number | null;
}

test('only run and sweep are sized, and only when their input is large or when asked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-heap-'));
  try {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 40 * 2 ** 20); // 40 MiB of scenario: a quarter of a million VMs
    assert.equal(ask(['--version'], {}), null);
    assert.equal(ask(['validate', big], {}), null);
    assert.equal(ask(['run', scenario], {}), null, 'a small scenario runs in the default heap');
    const sized = ask(['run', big, '--out', dir], {});
    // Three quarters of the machine's memory, unless that is no more than V8's default limit (then nothing to gain).
    const roomy = 0.75 * totalmem() > getHeapStatistics().heap_size_limit;
    if (roomy)
      assert.ok(sized !== null && sized > 4096, `a large scenario gets three quarters of the memory (${sized})`);
    else assert.equal(sized, null, 'this machine has no more memory than the default heap');
    assert.equal(ask(['run', big], { LIVEMIG_HEAP: 'default' }), null);
    assert.equal(ask(['run', big], { LIVEMIG_HEAP_SIZED: '1' }), null, 'never twice');
    assert.equal(ask(['run', big], {}, ['--max-old-space-size=900']), null, 'a size given to Node wins');
    assert.equal(ask(['sweep', scenario], { LIVEMIG_HEAP: '1536' }), 1536);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run started again with a heap size gives the same results as one in the default heap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemig-heap-'));
  try {
    const run = (heap: string, out: string) =>
      spawnSync(process.execPath, [bin, 'run', scenario, '--out', join(dir, out)], {
        encoding: 'utf8',
        env: { ...process.env, LIVEMIG_HEAP: heap },
      });
    const plain = run('default', 'plain');
    const sized = run('1536', 'sized');
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(sized.status, 0, sized.stderr);
    assert.equal(sized.stdout.replaceAll('sized', 'plain'), plain.stdout);
    // The size reaches the Node that simulates: 4 MiB cannot hold the library.
    const tiny = run('4', 'tiny');
    assert.notEqual(tiny.status, 0);
    assert.match(tiny.stderr, /heap out of memory/);
    const csv = (out: string) => readFileSync(join(dir, out, 'migrations.csv'), 'utf8');
    assert.equal(csv('sized'), csv('plain'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
