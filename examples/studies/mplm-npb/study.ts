// The MPLM / NPB study: an 8 GiB VM running NPB MG, SP or BT migrated over 1 Gbps by QEMU pre-copy (downtime limits
// 0.3 s to 120 s), MPLM, post-copy and pre-copy with auto-converge, set beside the MPLM paper's figures.
// Run directly (`npx tsx examples/studies/mplm-npb/study.ts [--out DIR]`): prints the table, writes results.json,
// results.csv and the charts (SVG and PNG) into DIR (default examples/studies/mplm-npb/out/).
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeStudy } from './output.ts';
import { type Algorithm, type PaperValue, paperValue } from './paper.ts';
import { ALGORITHMS, PAPER_DOWNTIME_LIMITS_SEC, plans } from './plans.ts';
import { migrateOnce, type Outcome, type Setup } from './scenario.ts';
import { runSensitivity, type SensitivityRow } from './sensitivity.ts';
import { GiB, MiB, WORKLOAD_NAMES, type WorkloadName, workload, zeroPageRatio } from './workloads.ts';

/** The testbed of the paper (§1.9 of the anchors) and this study's own choices; README.md says why for each. */
export const DEFAULT_SETUP: Setup = {
  ramBytes: 8 * GiB,
  vcpus: 8,
  hostCores: 12,
  hostSpeed: '8.4Gf',
  linkBandwidth: '1Gbps',
  linkLatency: '100us',
  writer: 'cyclic',
  guestSystemBytes: 512 * MiB,
  capSec: 1800,
};

export interface StudyOptions {
  workloads?: readonly WorkloadName[];
  downtimeLimitsSec?: readonly number[];
  algorithms?: readonly Algorithm[];
  /** Also run the sensitivity variants (guest system memory, random writes); default true. */
  sensitivity?: boolean;
  setup?: Partial<Setup>;
}

export interface StudyRow extends Outcome {
  workload: WorkloadName;
  algorithm: Algorithm;
  /** Pre-copy's downtime limit (s); undefined for MPLM and post-copy. */
  downtimeLimitSec: number | undefined;
  paper: PaperValue | undefined;
}

export interface StudyResult {
  setup: Setup;
  workloads: {
    name: WorkloadName;
    writtenBytes: number;
    readOnlyBytes: number;
    zeroPageRatio: number;
    source: string;
  }[];
  rows: StudyRow[];
  sensitivity: SensitivityRow[];
}

export async function runStudy(options: StudyOptions = {}): Promise<StudyResult> {
  const setup: Setup = { ...DEFAULT_SETUP, ...options.setup };
  const names = options.workloads ?? WORKLOAD_NAMES;
  const result: StudyResult = { setup, workloads: [], rows: [], sensitivity: [] };
  for (const name of names) {
    const load = workload(name, setup.vcpus);
    const zeroRatio = zeroPageRatio(load, setup.ramBytes, setup.guestSystemBytes);
    const { writtenBytes, readOnlyBytes, source } = load;
    result.workloads.push({ name, writtenBytes, readOnlyBytes, zeroPageRatio: zeroRatio, source });
    const limits = options.downtimeLimitsSec ?? PAPER_DOWNTIME_LIMITS_SEC;
    for (const plan of plans(options.algorithms ?? ALGORITHMS, limits, zeroRatio)) {
      const outcome = await migrateOnce(setup, load, plan.options);
      const paper = paperValue({ workload: name, algorithm: plan.algorithm, downtimeLimitSec: plan.downtimeLimitSec });
      result.rows.push({
        workload: name,
        algorithm: plan.algorithm,
        downtimeLimitSec: plan.downtimeLimitSec,
        paper,
        ...outcome,
      });
    }
  }
  if (options.sensitivity !== false) result.sensitivity = await runSensitivity(setup, names);
  return result;
}

async function main(args: readonly string[]): Promise<void> {
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : fileURLToPath(new URL('./out/', import.meta.url));
  if (out === undefined) throw new Error('--out needs a folder: --out DIR');
  const result = await runStudy();
  const { table, files } = writeStudy(result, out);
  console.log(table);
  for (const file of files) console.log(`wrote ${file}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
