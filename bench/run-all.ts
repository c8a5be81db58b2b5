// Runs every benchmark in turn, each in its own process (so that memory figures are per benchmark); with SimGrid
// installed (libsimgrid-dev), also the side-by-side comparison on the small to large sizes.
// Usage: npm run bench [-- --quick]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const quick = process.argv.includes('--quick');
const out = 'bench/out';
mkdirSync(out, { recursive: true });
const runs: [title: string, args: string[]][] = [
  ['kernel', ['bench/kernel.ts', ...(quick ? ['--quick'] : [])]],
  ['SimGrid VM benchmark, small', ['bench/vm-bench.ts', '10', '20', '5', `${out}/small`]],
  ['SimGrid VM benchmark, medium', ['bench/vm-bench.ts', '100', '500', '100', `${out}/medium`]],
  ['SimGrid VM benchmark, large', ['bench/vm-bench.ts', '1000', '5000', '1000', `${out}/large`]],
  ['migration algorithms, cost per migration', ['bench/algorithms.ts', '--migrations', quick ? '50' : '200']],
  ['start-up of each command against node -e 0', ['bench/startup.ts', ...(quick ? ['--quick'] : [])]],
  ['campaign: sweep speed-up from 1 to 2 worker threads', ['bench/campaign.ts', ...(quick ? ['--quick'] : [])]],
  ['consolidation, one day', ['bench/consolidation.ts', ...(quick ? ['200', '250'] : ['800', '1000'])]],
];
if (spawnSync('pkg-config', ['--exists', 'simgrid']).status === 0) {
  // Every size, the (100000, 500000, 100000) run and the table of the performance targets with SimGrid's figures;
  // --quick: the three small sizes, and the targets that need no large run.
  const sizes = quick ? ['--sizes', '10x20x5,100x500x100,1000x5000x1000'] : [];
  runs.push(['livemig vs SimGrid 3.32, and the performance targets', ['bench/vs-simgrid.ts', ...sizes]]);
} else {
  console.log('SimGrid 3.32 is not installed: skipping the comparison (npm run bench:vs-simgrid installs it).');
}
for (const [title, args] of runs) {
  console.log(`\n== ${title}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
