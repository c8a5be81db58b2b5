// Writes a benchmark's printed figures into docs/performance.md, between the markers
// `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, with the date, the machine and the command that measured them.
// The rest of the page (the discussion) is left as written.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { hostMachine } from '../src/index.ts';

const page = resolve(import.meta.dirname, '../docs/performance.md');

/** "2 × AMD EPYC 7B13, 24 GiB, Debian GNU/Linux 12 (bookworm), Node v20.20.0". */
export function machineDescription(): string {
  const m = hostMachine();
  return `${m.cpus} × ${m.cpuModel}, ${Math.round(m.memoryBytes / 2 ** 30)} GiB, ${m.os}, Node ${process.version}`;
}

/** Replaces the section NAME of docs/performance.md with LINES (a code block) under a line saying when and where. */
export function recordSection(name: string, command: string, lines: readonly string[]): void {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const text = readFileSync(page, 'utf8');
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) {
    throw new Error(`${page}: no section ${open} … ${close}; add the two markers where the figures should go`);
  }
  const date = new Date().toISOString().slice(0, 10);
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  const body = [
    open,
    `Measured ${date} on ${machineDescription()} (load average ${load} at the end), with \`${command}\`:`,
    '',
    '```',
    ...lines,
    '```',
    '',
  ].join('\n');
  writeFileSync(page, text.slice(0, start) + body + text.slice(end));
  console.log(`(recorded in docs/performance.md, section ${name})`);
}

/** console.log that also keeps the line for recordSection. */
export function collector(): { print: (line: string) => void; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    print: (line: string) => {
      lines.push(line);
      console.log(line);
    },
  };
}
