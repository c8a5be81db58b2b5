// The study's results as text (the table printed and compared with expected-reduced.txt) and as CSV: one line per
// migration, livemig's total time and downtime beside the paper's, then the sensitivity of the assumptions.
import type { PaperValue } from './paper.ts';
import type { SensitivityRow } from './sensitivity.ts';
import type { StudyResult, StudyRow } from './study.ts';
import { PAGE_BYTES, workload } from './workloads.ts';

const HEADER = [
  'workload',
  'algorithm',
  'limit s',
  'total s',
  'downtime s',
  'sent GB',
  'rounds',
  'paper total / downtime',
];
const WIDTHS = [8, 13, 7, 9, 10, 8, 6, 0];

export function studyTable(result: StudyResult): string {
  const { setup } = result;
  const lines = [
    `livemig: NPB class C on an 8 vCPU / ${setup.ramBytes / 2 ** 30} GiB VM over ${setup.linkBandwidth} (MPLM paper, Fig. 4 and Table I)`,
    `hosts: ${setup.hostCores} cores; link latency ${setup.linkLatency}; guest system ${setup.guestSystemBytes / 2 ** 20} MiB not zero; ${setup.writer} writes`,
    '',
    ...workloadLines(result),
    '',
    row(HEADER),
    ...result.rows.map((r) => row(cells(r))),
    '',
    `>${setup.capSec}: did not converge within the ${setup.capSec} s cap while the workload ran; (x): the downtime a`,
    'switch-over forced then would have had (the last pass over the bandwidth). Paper: printed in its text or Table I,',
    'or read off its Fig. 4 (plot, ±1 s); "-": not given.',
  ];
  if (result.sensitivity.length > 0) lines.push('', ...sensitivityTable(result));
  return `${lines.join('\n')}\n`;
}

function workloadLines(result: StudyResult): string[] {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1).padStart(12);
  const lines = ['workload    written MB  read-only MB  zero pages  dirty rate (paper)'];
  for (const w of result.workloads) {
    const rate = workload(w.name, result.setup.vcpus).paperDirtyPagesPerSec;
    const share = `${(w.zeroPageRatio * 100).toFixed(1)} %`.padStart(10);
    lines.push(
      `${w.name.padEnd(8)}${mb(w.writtenBytes)}  ${mb(w.readOnlyBytes)}  ${share}  ${rate} pages/s = ${((rate * PAGE_BYTES) / 1e6).toFixed(1)} MB/s`,
    );
  }
  return lines;
}

function cells(r: StudyRow): string[] {
  return [
    r.workload,
    r.algorithm,
    r.downtimeLimitSec === undefined ? '-' : String(r.downtimeLimitSec),
    total(r),
    downtime(r),
    (r.bytesSent / 1e9).toFixed(3),
    String(r.rounds),
    paper(r.paper),
  ];
}

function total(r: { converged: boolean; totalSec: number }): string {
  return r.converged ? r.totalSec.toFixed(3) : `>${r.totalSec}`;
}

function downtime(r: { converged: boolean; downtimeSec: number | undefined; pendingDowntimeSec: number | undefined }) {
  if (r.converged) return (r.downtimeSec as number).toFixed(3);
  return r.pendingDowntimeSec === undefined ? '-' : `(${r.pendingDowntimeSec.toFixed(3)})`;
}

function paper(value: PaperValue | undefined): string {
  if (value === undefined) return '';
  const approx = value.source === 'plot' ? '≈' : '';
  const show = (x: number | undefined) => (x === undefined ? '-' : `${approx}${x}`);
  return `${show(value.totalSec)} / ${show(value.downtimeSec)}${value.source === 'plot' ? ' (plot)' : ''}`;
}

function row(values: readonly string[]): string {
  return values
    .map((v, i) => {
      const width = WIDTHS[i] ?? 0;
      return i < 2 ? v.padEnd(width) : v.padStart(width);
    })
    .join('  ')
    .trimEnd();
}

/** One line per variant and workload: total / downtime of MPLM, pre-copy at each limit, post-copy. */
function sensitivityTable(result: StudyResult): string[] {
  const columns = [...new Set(result.sensitivity.map(label))];
  const head = ['variant'.padEnd(21), 'load', ...columns.map((c) => c.padStart(18))].join('  ');
  const lines = ['Sensitivity (total s / downtime s; baseline: cyclic writes, guest system 512 MiB):', head];
  const baseline = result.rows.map((r): SensitivityRow => ({ ...r, variant: 'baseline' }));
  const all = [...baseline.filter((r) => columns.includes(label(r))), ...result.sensitivity];
  for (const variant of [...new Set(all.map((r) => r.variant))]) {
    for (const load of [...new Set(all.map((r) => r.workload))]) {
      const runs = all.filter((r) => r.variant === variant && r.workload === load);
      const values = columns.map((c) => {
        const run = runs.find((r) => label(r) === c);
        return (run === undefined ? '' : run.converged ? `${total(run)} / ${downtime(run)}` : total(run)).padStart(18);
      });
      lines.push([variant.padEnd(21), load.padEnd(4), ...values].join('  ').trimEnd());
    }
  }
  return lines;
}

function label(r: { algorithm: string; downtimeLimitSec: number | undefined }): string {
  return r.algorithm === 'pre-copy' ? `pre-copy ${r.downtimeLimitSec} s` : r.algorithm;
}

const CSV_COLUMNS = [
  'variant',
  'workload',
  'algorithm',
  'downtime_limit_sec',
  'converged',
  'total_sec',
  'downtime_sec',
  'pending_downtime_sec',
  'bytes_sent',
  'rounds',
  'throttle_percent',
  'paper_total_sec',
  'paper_downtime_sec',
  'paper_source',
];

export function studyCsv(result: StudyResult): string {
  const value = (x: number | undefined) => (x === undefined ? '' : String(x));
  const line = (variant: string, r: SensitivityRow | StudyRow, p: PaperValue | undefined) =>
    [
      variant,
      r.workload,
      r.algorithm,
      value(r.downtimeLimitSec),
      String(r.converged),
      value(r.converged ? r.totalSec : undefined),
      value(r.downtimeSec),
      value(r.pendingDowntimeSec),
      String(r.bytesSent),
      String(r.rounds),
      String(r.throttlePercent),
      value(p?.totalSec),
      value(p?.downtimeSec),
      p?.source ?? '',
    ].join(',');
  const lines = [
    CSV_COLUMNS.join(','),
    ...result.rows.map((r) => line('baseline', r, r.paper)),
    ...result.sensitivity.map((r) => line(r.variant, r, undefined)),
  ];
  return `${lines.join('\n')}\n`;
}
