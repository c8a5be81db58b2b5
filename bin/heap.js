// Heap sizing for the `livemig` command. V8 caps its old space at about 4 GiB whatever the machine has, and the cap
// can only be set when Node starts. A simulation's memory grows with its scenario (about 18 KiB of heap per VM, with
// its actors and flows, measured on SimGrid's VM benchmark: docs/performance.md), so `livemig run` and
// `livemig sweep` start themselves again, once, with a heap of three quarters of the machine's memory when their
// input files announce a run that would need more than 60 % of the default; every other command, --version and
// --help included, starts as before. LIVEMIG_HEAP=default never resizes, LIVEMIG_HEAP=<MiB> always sets that size,
// LIVEMIG_HEAP=max always takes three quarters of the memory. A run started again also gets young-generation
// semi-spaces of 32 MiB (V8's default is 16): a large run keeps most of what it allocates, and fewer scavenges
// copy it fewer times (2 to 10 % less CPU on the (10000, 50000, 10000) benchmark, for about 100 MB more).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** The commands that simulate, and so may need a large heap. */
const SIMULATING = new Set(['run', 'sweep']);
/** Heap bytes per byte of scenario input: a VM takes 100 to 200 bytes of YAML and about 18 KiB of heap. */
const HEAP_PER_INPUT_BYTE = 150;
const MiB = 2 ** 20;

/** The old-space size (MiB) the command should run with, or undefined to run as started. */
export function heapToAsk(args, env = process.env, execArgv = process.execArgv) {
  if (!SIMULATING.has(args[0]) || env.LIVEMIG_HEAP_SIZED === '1') return undefined;
  const setting = env.LIVEMIG_HEAP ?? 'auto';
  if (setting === 'default') return undefined;
  if (execArgv.some((a) => a.startsWith('--max-old-space-size'))) return undefined;
  if ((env.NODE_OPTIONS ?? '').includes('--max-old-space-size')) return undefined;
  if (/^\d+$/.test(setting)) return Number(setting);
  const machine = Math.floor((0.75 * totalmem()) / MiB);
  const limit = getHeapStatistics().heap_size_limit;
  if (machine * MiB <= limit) return undefined;
  if (setting === 'max') return machine;
  return inputBytes(args.slice(1)) * HEAP_PER_INPUT_BYTE > 0.6 * limit ? machine : undefined;
}

/** Total size of the arguments that name files. */
function inputBytes(args) {
  let total = 0;
  for (const arg of args) {
    try {
      const stat = statSync(arg);
      if (stat.isFile()) total += stat.size;
    } catch {
      // not a file: a flag or its value
    }
  }
  return total;
}

/** Runs this command again in a Node whose old space is `heapMiB`; resolves to its exit code. */
export function runWithHeap(heapMiB) {
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMiB}`, '--max-semi-space-size=32', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, LIVEMIG_HEAP_SIZED: '1' } },
  );
  if (child.signal !== null) process.kill(process.pid, child.signal);
  return child.status ?? 1;
}
