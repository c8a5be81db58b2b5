#!/usr/bin/env node
// The `livemig` command: runs the compiled CLI (dist/, built by `npm run build`, which `prepare` and `prepack` run).
// It calls main() itself, so it works however it is started: npx, npm's .bin symlink, a global install, a dependency.
import { processIo } from '../dist/cli/io.js';
import { main } from '../dist/cli/main.js';

// `livemig schema | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
process.exitCode = await main(process.argv.slice(2), processIo());
