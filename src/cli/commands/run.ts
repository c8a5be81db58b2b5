// `livemig run <scenario>`: validates the scenario (nothing is written when it is bad), runs it with a progress
// line, writes the outputs to --out and prints a summary table.
import { relative, resolve } from 'node:path';
import {
  formatFixed,
  formatIssue,
  InputError,
  type LogLine,
  loadScenario,
  type RunReport,
  readableBytes,
  readableSeconds,
  readableTime,
  runnerFor,
  writeReport,
} from '../../index.ts';
import { type FlagSpecs, numberFlag, type ParsedArgs, stringFlag, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';
import { ProgressBar } from '../progress.ts';
import { table } from '../table.ts';
import { consolidationSummary } from './consolidation-summary.ts';

const MAX_ROWS = 20;

const FLAGS: FlagSpecs = {
  out: { value: true, short: 'o', valueName: 'DIR', description: 'where to write the outputs (default ./out)' },
  until: { value: true, short: 'u', valueName: 'T', description: 'stop at simulated time T (seconds)' },
  log: { value: false, short: 'l', description: "print the actors' log lines as [time] (actor@host) message" },
  quiet: { value: false, short: 'q', description: 'no progress line' },
  plots: { value: false, description: 'also write every chart as SVG and PNG' },
  json: { value: false, description: 'print the summary as JSON (docs/cli.md) instead of the table' },
};

export const runCommand: Command = {
  arguments: '<scenario.yaml|json>',
  flags: FLAGS,
  notes: ['A scenario with driver: qemu runs its migrations for real, on QEMU (docs/scenarios.md, "Real QEMU").'],
  examples: [
    'npx livemig run examples/scenarios/datacenter/scenario.yaml --out out/datacenter',
    'npx livemig run my-scenario.yaml --until 600 --json > summary.json',
  ],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    const [file, ...extra] = args.positionals;
    if (file === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig run":', [
        usageIssue('give exactly one scenario file', 'livemig run examples/scenarios/datacenter/scenario.yaml'),
      ]);
    }
    const until = numberFlag(args, 'until');
    const outDir = resolve(io.cwd, stringFlag(args, 'out') ?? 'out');
    const json = args.flags.has('json');
    // With --json, stdout holds the JSON alone: log lines go to stderr.
    const say = json ? io.err : io.out;
    const scenario = loadScenario(resolve(io.cwd, file));
    for (const warning of scenario.warnings) io.err(`warning: ${formatIssue(warning)}`);
    const runner = runnerFor(scenario.driver);
    if (!runner.simulated && until !== undefined) {
      throw new InputError('Bad arguments for "livemig run":', [
        usageIssue(`a real run (driver: ${scenario.driver}) has no --until`, 'give its migrate steps a timeout'),
      ]);
    }
    const quiet = args.flags.has('quiet') || !runner.simulated;
    const progress = quiet ? undefined : new ProgressBar(io, until ?? scenario.untilSec);
    const printLog = args.flags.has('log') ? (line: LogLine) => say(logLine(line)) : undefined;
    let report: RunReport;
    try {
      const outcome = await runner.run(scenario, {
        ...(until === undefined ? {} : { until }),
        ...(printLog === undefined ? {} : { onLog: printLog }),
        ...(progress === undefined ? {} : { onProgress: (p) => progress.update(p) }),
      });
      report = outcome.report;
    } finally {
      progress?.finish();
    }
    return finish(report, outDir, args, io);
  },
};

function finish(report: RunReport, outDir: string, args: ParsedArgs, io: Io): number {
  const driverTitle = report.real === undefined ? undefined : realTitle(report.real.driver);
  const files = writeReport(report, outDir, { plots: args.flags.has('plots'), driverTitle });
  if (args.flags.has('json')) {
    io.out(JSON.stringify(summaryJson(report, outDir, files), null, 2));
    return 0;
  }
  io.out(summary(report));
  io.out(`\nWrote ${files.length} files to ${outDir}; open ${resolve(outDir, 'report.html')}`);
  return 0;
}

function logLine(record: LogLine): string {
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
    m.durationSec === undefined ? '-' : readableSeconds(m.durationSec),
    m.downtimeSec === undefined ? '-' : readableSeconds(m.downtimeSec),
    String(m.rounds.length),
    readableBytes(m.bytesSent),
  ]);
  const lines = [
    `${report.real === undefined ? 'Simulated' : `Ran real ${realTitle(report.real.driver)} migrations for`} ` +
      `${readableTime(report.endTime)}: ` +
      `${report.migrations.length} migration(s), ${report.vms.length} VM(s), ` +
      `${report.stepErrors.length} failed step(s).`,
  ];
  if (report.consolidation !== undefined) lines.push(consolidationSummary(report.consolidation));
  if (rows.length > 0) {
    lines.push('', table(['vm', 'from', 'to', 'algorithm', 'outcome', 'duration', 'downtime', 'rounds', 'sent'], rows));
  }
  if (shown.length < report.migrations.length) {
    lines.push(`  … and ${report.migrations.length - shown.length} more migrations (see migrations.csv)`);
  }
  for (const error of report.stepErrors.slice(0, 10)) {
    lines.push(`  step failed at ${readableTime(error.time)} in ${error.actor}: ${error.message}`);
  }
  if (report.stepErrors.length > 10)
    lines.push(`  … and ${report.stepErrors.length - 10} more failed steps (see report.json)`);
  return lines.join('\n');
}

/** How a real run's driver is named (its runner's title, else its name). */
function realTitle(driver: string): string {
  return runnerFor(driver).title ?? driver;
}

/** The summary for scripts (`livemig run --json`): SI units, the unit in each key; docs/cli.md lists the keys. */
export function summaryJson(report: RunReport, outDir: string, files: readonly string[]) {
  return {
    simulated: report.real === undefined,
    endTimeSec: report.endTime,
    outDir,
    files: files.map((path) => relative(outDir, resolve(outDir, path))),
    vmCount: report.vms.length,
    migrations: report.migrations.map((m) => ({
      vm: m.vm,
      from: m.from,
      to: m.to,
      algorithm: m.algorithm,
      outcome: m.outcome,
      durationSec: m.durationSec ?? null,
      downtimeSec: m.downtimeSec ?? null,
      rounds: m.rounds.length,
      bytesSent: m.bytesSent,
      ...(m.error === undefined ? {} : { error: m.error }),
    })),
    stepErrors: report.stepErrors.map((e) => ({
      timeSec: e.time,
      actor: e.actor,
      host: e.host,
      step: e.step,
      code: e.code,
      message: e.message,
    })),
  };
}
