// The targets of the performance issue as one table, each livemig figure with SimGrid's beside it where SimGrid has
// one: the wall-time and memory ratios of the side-by-side sizes, the (100000, 500000, 100000) run (which SimGrid
// cannot hold on this machine), the share of garbage collection in the 10k run, the bare calendar and the wall cost
// of a QEMU-style pre-copy migration. Printed by bench/vs-simgrid.ts after its table of sizes.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { bareCalendarEventsPerSec, engineCalendarEventsPerSec } from './calendar.ts';
import type { Measure, SizeRun } from './vs-simgrid.ts';

const repo = resolve(import.meta.dirname, '..');
const TEN_K = '10000,50000,10000';
const ONE_K = '1000,5000,1000';
const BIG = [100000, 500000, 100000];
/** SimGrid's peak memory at (20000, 100000, 20000), 14.1 GB, times five (docs/performance.md). */
const SIMGRID_BIG = '~70 GB, not run';

export interface TargetOptions {
  vmBench: string;
  /** Run the (100000, 500000, 100000) size too (livemig alone, minutes). */
  big: boolean;
  measure: (command: string, args: string[], cwd: string) => Measure;
  out: string;
}

interface Row {
  measure: string;
  simgrid: string;
  livemig: string;
  ratio: string;
  target: string;
  met: boolean | undefined;
}

const seconds = (m: Measure) => `${m.wallSec.toFixed(2)} s`;
const mb = (m: Measure) => `${(m.rssKiB / 1024).toFixed(0)} MB`;

function ratioRow(name: string, run: SizeRun | undefined, of: 'wall' | 'rss', limit: number): Row {
  const target = `≤ ${limit.toFixed(1)}×`;
  if (run === undefined)
    return { measure: name, simgrid: 'not run', livemig: 'not run', ratio: '', target, met: undefined };
  const show = of === 'wall' ? seconds : mb;
  const ratio = of === 'wall' ? run.lm.wallSec / run.sg.wallSec : run.lm.rssKiB / run.sg.rssKiB;
  return {
    measure: name,
    simgrid: show(run.sg),
    livemig: show(run.lm),
    ratio: `${ratio.toFixed(2)}×`,
    target,
    met: run.agree && ratio <= limit,
  };
}

function gcRow(run: SizeRun | undefined): Row {
  const share = run === undefined ? undefined : /gc_share=([\d.]+)%/.exec(run.lm.stdout)?.[1];
  const livemig = share === undefined ? 'not run' : `${share} %`;
  const met = share === undefined ? undefined : Number(share) <= 8;
  return {
    measure: 'GC share of the (10000, 50000, 10000) run',
    simgrid: 'none (C++)',
    livemig,
    ratio: '',
    target: '≤ 8 %',
    met,
  };
}

function bigRow(options: TargetOptions): Row {
  const row = { measure: `(${BIG.join(', ')}) completes`, simgrid: SIMGRID_BIG, ratio: '', target: '≤ 180 s' };
  if (!options.big) return { ...row, livemig: 'not run (--big)', met: undefined };
  const run = options.measure(
    process.execPath,
    [options.vmBench, ...BIG.map(String), `lm-${BIG.join('-')}`],
    options.out,
  );
  const complete = run.stdout.includes(`migrations_completed=${BIG[2]}/${BIG[2]}`);
  return { ...row, livemig: `${seconds(run)}, ${mb(run)}`, met: complete && run.wallSec <= 180 };
}

async function calendarRow(): Promise<Row> {
  const bare = bareCalendarEventsPerSec(1_000_000);
  const engine = await engineCalendarEventsPerSec(1_000_000);
  const livemig = `${(bare / 1e6).toFixed(2)} M/s (engine ${(engine / 1e6).toFixed(2)})`;
  return { measure: 'bare calendar, events/s', simgrid: '—', livemig, ratio: '', target: '≥ 3 M/s', met: bare >= 3e6 };
}

function precopyRow(): Row {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/algorithms.ts', '--migrations', '200'], {
    cwd: repo,
    encoding: 'utf8',
  });
  const cells = /^precopy\s+([\d.]+)\s+([\d.]+)/m.exec(result.stdout ?? '');
  const perMigration = cells === null ? undefined : Number(cells[2]);
  return {
    measure: 'QEMU pre-copy wall per migration',
    simgrid: '— (no such algorithm)',
    livemig: perMigration === undefined ? 'failed' : `${perMigration.toFixed(2)} ms`,
    ratio: '',
    target: '≤ 1 ms',
    met: perMigration === undefined ? false : perMigration <= 1,
  };
}

/** The lines of the table of targets. */
export async function targetTable(runs: readonly SizeRun[], options: TargetOptions): Promise<string[]> {
  const at = (key: string) => runs.find((run) => run.size.join(',') === key);
  const rows: Row[] = [
    ratioRow('(10000, 50000, 10000) wall vs SimGrid', at(TEN_K), 'wall', 0.5),
    ratioRow('(1000, 5000, 1000) wall vs SimGrid', at(ONE_K), 'wall', 1.0),
    ratioRow('peak memory at (10000, 50000, 10000)', at(TEN_K), 'rss', 0.2),
    bigRow(options),
    gcRow(at(TEN_K)),
    await calendarRow(),
    precopyRow(),
  ];
  const line = (cells: string[]) =>
    `${cells[0]?.padEnd(42)}  ${cells[1]?.padStart(22)}  ${cells[2]?.padStart(28)}  ${cells[3]?.padStart(6)}  ${cells[4]?.padEnd(8)}  ${cells[5]}`;
  return [
    line(['target of the performance issue', 'SimGrid 3.32', 'livemig', 'ratio', 'target', 'met']),
    ...rows.map((r) =>
      line([r.measure, r.simgrid, r.livemig, r.ratio, r.target, r.met === undefined ? '—' : r.met ? 'yes' : 'no']),
    ),
  ];
}
