#!/usr/bin/env node
// The `livemig` command: loads TypeScript through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';

// `livemig schema | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
register();
await import('../src/cli/main.ts');
