#!/usr/bin/env node
// The `livemig` command: runs the compiled CLI (dist/, built by `npm run build`, which `prepare` runs on `npm ci`,
// `npm install` and `npm pack`). It calls main() itself, so it works however it is started: npx, npm's .bin
// symlink, a global install, a dependency.

// `livemig schema | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// A simulation that may outgrow V8's default heap runs in a Node started with a bigger one (bin/heap.js).
if (process.argv[2] === 'run' || process.argv[2] === 'sweep') {
  const { heapToAsk, runWithHeap } = await import('./heap.js');
  const heapMiB = heapToAsk(process.argv.slice(2));
  if (heapMiB !== undefined) process.exit(runWithHeap(heapMiB));
}

const dist = new URL('../dist/cli/', import.meta.url);
let cli;
try {
  cli = await Promise.all([import(new URL('main.js', dist).href), import(new URL('io.js', dist).href)]);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/cli/')) throw error;
  process.stderr.write(
    'error: livemig is not built: dist/ is missing.\n  hint: run "npm run build" in the livemig folder (npm ci and npm install do it).\n',
  );
  process.exit(2);
}
const [{ main }, { processIo }] = cli;
process.exitCode = await main(process.argv.slice(2), processIo());
