// Public face of the report layer: the Recorder that turns a run into a RunReport (the report.json contract), and
// the writers of report.json, the CSVs, the Paje trace, the HTML page and the SVG/PNG plots.
export type { ChartSpec, ChartView } from './charts/chart-spec.ts';
export { reportCharts } from './charts/report-charts.ts';
export { echartsSource } from './echarts-runtime.ts';
export { csvText, escapeHtml } from './escape.ts';
export { type ReportPageOptions, reportPage } from './html/report-page.ts';
export { migrationReport } from './migration-report.ts';
export { pajeTrace } from './paje/paje-trace.ts';
export { MAX_VIEWS_PLOTTED, type PlotFile, renderPlots } from './plots/plots.ts';
export {
  hasPhasedMigrations,
  JOB_COLUMNS,
  jobsCsv,
  MESSAGE_COLUMNS,
  messagesCsv,
  PHASE_COLUMNS,
  phasesCsv,
} from './protocol-csv.ts';
export { PROTOCOL_KEYS, type ProtocolReport, protocolReport } from './protocol-report.ts';
export { type RunRecording, recordRun } from './record-run.ts';
export { REPORT_FORMAT_VERSION, Recorder, type RecorderOptions, type StepErrorInput } from './recorder.ts';
export { MIGRATION_COLUMNS, migrationsCsv, ROUND_COLUMNS, roundsCsv } from './report-csv.ts';
export { reportJson } from './report-json.ts';
export type {
  HostReport,
  LogLine,
  MigrationReport,
  RealRunInfo,
  RoundReport,
  RunReport,
  StepError,
  TimelineInterval,
  UsageSeries,
  VmReport,
} from './run-report.ts';
export { type WriteReportOptions, writeReport } from './write-report.ts';
