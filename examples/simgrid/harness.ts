// Shared pieces of the SimGrid examples: where the files are, SimGrid's two log formats, the energy plugin's lines,
// and line comparison.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatFixed, type LogRecord, type Simulation, simgridLogLine } from '../../src/index.ts';

export const platform = (name: string): string => fileURLToPath(new URL(`./platforms/${name}`, import.meta.url));
export const expectedLines = (name: string): string[] =>
  readFileSync(fileURLToPath(new URL(`./expected/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l !== '');

/** `[%10.6f] (pid:actor@host) message` (the `--log=root.fmt:[%10.6r]%e(%i:%a@%h)%e%m%n` format). */
export const shortLine = simgridLogLine;

/** `[host:actor:(pid) time] [category/INFO] message` (SimGrid's default format, without locations). */
export function longLine(record: LogRecord, category: string): string {
  if (record.pid === 0) return `[${formatFixed(record.time, 6)}] [${category}/INFO] ${record.message}`;
  return `[${record.host}:${record.actor}:(${record.pid}) ${formatFixed(record.time, 6)}] [${category}/INFO] ${record.message}`;
}

/** The lines SimGrid's energy plugin prints at the end (`host_energy` category): the total, then each host. */
export function energyLines(sim: Simulation): string[] {
  const energy = sim.energy.summary();
  const j = (x: number) => formatFixed(x, 6);
  const at = `[${formatFixed(sim.now, 6)}] [host_energy/INFO]`;
  return [
    `${at} Total energy consumption: ${j(energy.totalJoules)} Joules (used hosts: ${j(energy.usedHostsJoules)} Joules; ` +
      `unused/idle hosts: ${j(energy.totalJoules - energy.usedHostsJoules)})`,
    ...energy.hosts.map((host) => `${at} Energy consumption of host ${host.host}: ${j(host.joules)} Joules`),
  ];
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

/** Compares lines: the text between numbers must be equal, numbers equal to 1e-6 (relative above 1). */
export function compareLines(
  actual: readonly string[],
  expected: readonly string[],
  options: { sorted?: boolean } = {},
): string[] {
  const a = options.sorted === true ? [...actual].sort() : actual;
  const e = options.sorted === true ? [...expected].sort() : expected;
  const problems: string[] = [];
  const count = Math.max(a.length, e.length);
  for (let i = 0; i < count; i++) {
    const got = a[i];
    const want = e[i];
    if (got === undefined || want === undefined || !sameLine(got, want)) {
      problems.push(`line ${i + 1}:\n  expected: ${want ?? '(nothing)'}\n  got:      ${got ?? '(nothing)'}`);
      if (problems.length >= 10) break;
    }
  }
  return problems;
}

function sameLine(got: string, want: string): boolean {
  if (got === want) return true;
  if (got.replace(NUMBER, '#') !== want.replace(NUMBER, '#')) return false;
  const g = got.match(NUMBER) ?? [];
  const w = want.match(NUMBER) ?? [];
  return g.every((text, i) => {
    const x = Number(text);
    const y = Number(w[i]);
    return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y)) + 1e-12;
  });
}
