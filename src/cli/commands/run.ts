// `livemig run <scenario>`: validates the scenario (nothing is written when it is bad), runs it with a progress
// line, writes the outputs to --out and prints a summary table.
import { resolve } from 'node:path';
import {
  formatBytes,
  formatFixed,
  formatG,
  InputError,
  type LogLine,
  type LogRecord,
  loadScenario,
  type RunReport,
  runRealScenario,
  runScenario,
  writeReport,
} from '../../index.ts';
import { type FlagSpec, numberFlag, parseArgs, usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';
import { ProgressBar } from '../progress.ts';
import { table } from '../table.ts';
import { consolidationSummary } from './consolidation-summary.ts';

const MAX_ROWS = 20;

const FLAGS: Record<string, FlagSpec> = {
  out: { value: true, description: 'output folder (default ./out)' },
  until: { value: true, description: 'stop at this simulated time (seconds)' },
  log: { value: false, description: "print the actors' log lines" },
  quiet: { value: false, description: 'no progress line' },
  plots: { value: false, description: 'also write every chart as SVG and PNG' },
};

export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario file and write report.json, CSVs, a Paje trace and report.html',
  usage: [
    'Usage: livemig run <scenario.yaml|json> [--out DIR] [--until T] [--log] [--quiet] [--plots] [--debug]',
    '',
    '  --out DIR    where to write the outputs (default ./out)',
    '  --until T    stop at simulated time T (seconds)',
    "  --log        print the actors' log lines as [time] (actor@host) message",
    '  --quiet      no progress line',
    '  --plots      also write every chart as SVG and PNG',
    '  --debug      stack traces on errors',
    '',
    'A scenario with driver: qemu runs its migrations for real, on QEMU (docs/scenarios.md, "Real QEMU").',
  ].join('\n'),
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, FLAGS, 'run');
    const [file, ...extra] = args.positionals;
    if (file === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig run":', [
        usageIssue('give exactly one scenario file', 'livemig run examples/scenarios/datacenter/scenario.yaml'),
      ]);
    }
    const until = numberFlag(args, 'until');
    const outFlag = args.flags.get('out');
    const outDir = resolve(io.cwd, typeof outFlag === 'string' ? outFlag : 'out');
    const scenario = loadScenario(resolve(io.cwd, file));
    if (scenario.driver === 'qemu') {
      if (until !== undefined) {
        throw new InputError('Bad arguments for "livemig run":', [
          usageIssue('a real run (driver: qemu) has no --until', 'give its migrate steps a timeout'),
        ]);
      }
      const onLog = args.flags.has('log') ? (line: LogLine) => io.out(logLine({ ...line, pid: 0 })) : undefined;
      const real = await runRealScenario(scenario, onLog === undefined ? {} : { onLog });
      return finish(real.report, outDir, args.flags.has('plots'), io);
    }
    const progress = args.flags.has('quiet') ? undefined : new ProgressBar(io, until ?? scenario.untilSec);
    const printLog = args.flags.has('log') ? (record: LogRecord) => io.out(logLine(record)) : undefined;
    let report: RunReport;
    try {
      const outcome = await runScenario(scenario, {
        ...(until === undefined ? {} : { until }),
        ...(printLog === undefined ? {} : { onLog: printLog }),
        ...(progress === undefined ? {} : { onProgress: (p) => progress.update(p) }),
      });
      report = outcome.report;
    } finally {
      progress?.finish();
    }
    return finish(report, outDir, args.flags.has('plots'), io);
  },
};

function finish(report: RunReport, outDir: string, plots: boolean, io: Io): number {
  const files = writeReport(report, outDir, { plots });
  io.out(summary(report));
  io.out(`\nWrote ${files.length} files to ${outDir}; open ${resolve(outDir, 'report.html')}`);
  return 0;
}

function logLine(record: LogRecord): string {
  return `[${formatFixed(record.time, 6, 10)}] (${record.actor}@${record.host}) ${record.message}`;
}

export function summary(report: RunReport): string {
  // A consolidation run makes many migrations: its summary line comes first, the table shows the first few.
  const shown = report.consolidation === undefined ? report.migrations : report.migrations.slice(0, MAX_ROWS);
  const rows = shown.map((m) => [
    m.vm,
    m.from,
    m.to,
    m.algorithm,
    m.outcome,
    m.durationSec === undefined ? '-' : formatG(m.durationSec),
    m.downtimeSec === undefined ? '-' : formatG(m.downtimeSec * 1000),
    String(m.rounds.length),
    formatBytes(m.bytesSent),
  ]);
  const lines = [
    `${report.real === undefined ? 'Simulated' : 'Ran real QEMU migrations for'} ${formatG(report.endTime)} s: ` +
      `${report.migrations.length} migration(s), ${report.vms.length} VM(s), ` +
      `${report.stepErrors.length} failed step(s).`,
  ];
  if (report.consolidation !== undefined) lines.push(consolidationSummary(report.consolidation));
  if (rows.length > 0) {
    lines.push(
      '',
      table(['vm', 'from', 'to', 'algorithm', 'outcome', 'duration (s)', 'downtime (ms)', 'rounds', 'sent'], rows),
    );
  }
  if (shown.length < report.migrations.length) {
    lines.push(`  … and ${report.migrations.length - shown.length} more migrations (see migrations.csv)`);
  }
  for (const error of report.stepErrors.slice(0, 10)) {
    lines.push(`  step failed at ${formatG(error.time)} s in ${error.actor}: ${error.message}`);
  }
  if (report.stepErrors.length > 10)
    lines.push(`  … and ${report.stepErrors.length - 10} more failed steps (see report.json)`);
  return lines.join('\n');
}
