// Writes a report folder: report.json, migrations.csv, rounds.csv (with phased migrations: jobs.csv, phases.csv,
// messages.csv; with consolidation: consolidation.csv), trace.paje, report.html and, with `plots`,
// every chart as SVG and PNG under plots/. Everything is rendered before the first file is written, and each
// file is written under a temporary name then renamed, so a failure never leaves a half-written file.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { reportCharts } from './charts/report-charts.ts';
import { consolidationCsv } from './consolidation-csv.ts';
import { reportPage } from './html/report-page.ts';
import { pajeTrace } from './paje/paje-trace.ts';
import { renderPlots } from './plots/plots.ts';
import { hasPhasedMigrations, jobsCsv, messagesCsv, phasesCsv } from './protocol-csv.ts';
import { migrationsCsv, roundsCsv } from './report-csv.ts';
import { reportJson } from './report-json.ts';
import type { RunReport } from './run-report.ts';

export interface WriteReportOptions {
  /** Also write each chart as `plots/<chart>.svg` and `.png` (default false). */
  plots?: boolean;
  /** How report.html names the driver of a real run (its runner's `title`). */
  driverTitle?: string | undefined;
}

/** Writes the report files into `dir` (created if needed); returns their paths, in writing order. */
export function writeReport(report: RunReport, dir: string, options: WriteReportOptions = {}): string[] {
  const charts = reportCharts(report);
  const files: { name: string; content: string | Uint8Array }[] = [
    { name: 'report.json', content: reportJson(report) },
    { name: 'migrations.csv', content: migrationsCsv(report) },
    { name: 'rounds.csv', content: roundsCsv(report) },
    ...(hasPhasedMigrations(report)
      ? [
          { name: 'jobs.csv', content: jobsCsv(report) },
          { name: 'phases.csv', content: phasesCsv(report) },
          { name: 'messages.csv', content: messagesCsv(report) },
        ]
      : []),
    ...(report.consolidation === undefined ? [] : [{ name: 'consolidation.csv', content: consolidationCsv(report) }]),
    { name: 'trace.paje', content: pajeTrace(report) },
    { name: 'report.html', content: reportPage(report, charts, { driverTitle: options.driverTitle }) },
    ...(options.plots === true ? renderPlots(charts) : []),
  ];
  mkdirSync(dir, { recursive: true });
  const written = files.map((file) => writeAtomically(join(dir, file.name), file.content));
  if (options.plots === true) removeStalePlots(join(dir, 'plots'), new Set(written));
  return written;
}

/** Writes `path.partial`, then renames it to `path` (a rename within a folder replaces the file at once). */
export function writeAtomically(path: string, content: string | Uint8Array): string {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  try {
    writeFileSync(partial, content);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return path;
}

/** Plots of an earlier run that this run did not write again (it had more migrations, say). */
function removeStalePlots(folder: string, keep: ReadonlySet<string>): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (/\.(svg|png)$/.test(name) && !keep.has(path)) rmSync(path, { force: true });
  }
}
