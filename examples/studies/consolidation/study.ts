// The consolidation study: 50 hosts, 100 VMs, one simulated day of generated traces; every overload policy (THR,
// IQR, MAD, LR, LRR) with every selection policy (MMT, MC, RS, MU), placement PABFD, with pre-copy and post-copy
// migrations, beside the baseline without consolidation. Prints a table; writes results.json, results.csv,
// results.md and plots/energy-slav.png and plots/pdm.png into the output folder (default: results/ beside
// this script, the figures docs/consolidation.md shows).
// Usage: npx tsx examples/studies/consolidation/study.ts [--out DIR] [--days D] [--hosts H] [--vms V]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFixed, type OverloadPolicy, renderPlots, type SelectionPolicy } from '../../../src/index.ts';
import { markdownTable, type StudyRow, studyCharts } from './charts.ts';
import { runDatacenter } from './datacenter.ts';

const OVERLOADS: OverloadPolicy[] = [
  { policy: 'thr', threshold: 0.8 },
  { policy: 'iqr', safety: 1.5, fallbackThreshold: 0.7 },
  { policy: 'mad', safety: 2.5, fallbackThreshold: 0.7 },
  { policy: 'lr', safety: 1.2, fallbackThreshold: 0.7 },
  { policy: 'lrr', safety: 1.2, fallbackThreshold: 0.7 },
];
const SELECTIONS: SelectionPolicy[] = ['mmt', 'mc', 'rs', 'mu'];
const ALGORITHMS = ['precopy', 'postcopy'] as const;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const outAt = process.argv.indexOf('--out');
const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(outAt < 0 ? join(here, 'results') : (process.argv[outAt + 1] as string));
const base = { hosts: flag('hosts', 50), vms: flag('vms', 100), days: flag('days', 1), seed: 1, hostRamBytes: 8e9 };
const rows: StudyRow[] = [];
const record = (algorithm: string, policy: string, r: Awaited<ReturnType<typeof runDatacenter>>) => {
  const c = r.report;
  rows.push({
    algorithm,
    policy,
    energyKWh: c.energyKWh,
    slatah: c.slatah,
    pdm: c.pdm,
    slav: c.slav,
    esv: c.esv,
    migrations: c.migrations,
    meanMigrationSec: c.migrationDurationMeanSec,
    meanDowntimeSec: c.downtimeMeanSec,
    hostsSwitchedOff: c.hostsSwitchedOff,
  });
  const figures = [formatFixed(c.energyKWh, 2), formatFixed(c.slatah * 100, 3), formatFixed(c.pdm * 100, 5)];
  figures.push(formatFixed(c.slav * 1e5, 4), formatFixed(c.esv * 1e3, 4), String(c.migrations));
  console.log([algorithm, policy.padEnd(8), ...figures, `${formatFixed(r.wallSec, 1)} s`].join('\t'));
};

console.log('algorithm\tpolicy\tenergy kWh\tSLATAH %\tPDM %\tSLAV ×1e5\tESV ×1e3\tmigrations\twall');
record('-', 'none', await runDatacenter({ ...base, policies: undefined, migrate: {} }));
for (const algorithm of ALGORITHMS) {
  for (const overload of OVERLOADS) {
    for (const selection of SELECTIONS) {
      const policies = { overload, underload: 'least-utilized' as const, selection, placement: 'pabfd' as const };
      const migrate = { algorithm, ...(algorithm === 'precopy' ? { maxRounds: 30 } : {}) };
      record(algorithm, `${overload.policy}-${selection}`, await runDatacenter({ ...base, policies, migrate }));
    }
  }
}
const keys = Object.keys(rows[0] ?? {}) as (keyof StudyRow)[];
const files = [
  { name: 'results.json', content: `${JSON.stringify({ setup: base, rows }, null, 2)}\n` },
  {
    name: 'results.csv',
    content: `${[keys.join(','), ...rows.map((r) => keys.map((k) => r[k]).join(','))].join('\n')}\n`,
  },
  { name: 'results.md', content: markdownTable(rows) },
  // PNG only: the SVGs ECharts writes are large and not lint-clean in a source tree.
  ...renderPlots(studyCharts(rows)).filter((f) => f.name.endsWith('.png')),
];
for (const { name, content } of files) {
  mkdirSync(dirname(join(out, name)), { recursive: true });
  writeFileSync(join(out, name), content);
}
console.log(`Wrote ${files.map((f) => f.name).join(', ')} into ${out}`);
