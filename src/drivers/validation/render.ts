// A validation report as Markdown (the section docs/validation.md holds, pasteable as printed) and as JSON.
import type { Calibration } from './calibrate.ts';
import type { CaseComparison, Observation, Range } from './compare.ts';
import type { ValidationReport } from './validate-real.ts';

const MIB = 1024 * 1024;
/** A writer this much below its target is flagged. */
const SHORTFALL = 0.02;

export function validationMarkdown(report: ValidationReport): string {
  const { machine, medians } = report;
  const completed = report.cases.filter((c) => c.errors.totalSec !== undefined).length;
  const targets = report.targets ?? { totalSec: report.target, downtimeSec: 0.25, bytes: 0.1, postcopyBytes: 0.1 };
  const verdict = (value: number, target: number) =>
    Number.isNaN(value) ? 'no case' : value <= target ? 'met' : 'missed';
  const figure = (label: string, value: number, target: number) =>
    `${label} **${percent(value)}** (target ≤ ${percent(target)}: ${verdict(value, target)})`;
  const split = report.split;
  const repeats = split?.repeats ?? 1;
  return [
    `### Run of ${report.date}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${machine.os}, ` +
      `${machine.qemu} (${machine.accel}); load average ${machine.loadAverage[0].toFixed(2)} at the start, ` +
      `${machine.loadAverage[1].toFixed(2)} at the end.`,
    `Command: \`${report.command}\` (${report.cases.length} held-out cases × ${repeats} real run${repeats === 1 ? '' : 's'} ` +
      `after ${report.calibration.runs.length} calibration runs, ${report.wallSec.toFixed(0)} s` +
      `${(report.retriedRuns ?? 0) > 0 ? `; ${report.retriedRuns} run${report.retriedRuns === 1 ? '' : 's'} started again after a guest failed to boot` : ''}).`,
    '',
    ...(split === undefined ? [] : [`Calibration runs (none is a case): ${split.calibration.join('; ')}.`, '']),
    calibrationLine(report.calibration),
    '',
    '| case | model | writes asked → done (MiB/s) | outcome real / sim | total real (s) | total sim (s) | error | ' +
      'downtime real (ms) | downtime sim (ms) | error | sent real (MiB) | sent sim (MiB) | error | ' +
      'iterations real / sim | notes |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...report.cases.map(caseRow),
    '',
    `Real figures are the median of the case's runs, with their range in brackets. Median |error| over the held-out ` +
      `cases: ${figure('total time', medians.totalSec, targets.totalSec)} over the ${completed} cases where both ` +
      `completed; ${figure('downtime', medians.downtimeSec, targets.downtimeSec)}; ` +
      `${figure('bytes sent', medians.bytes, targets.bytes)}; ` +
      `${figure('post-copy bytes', medians.postcopyBytes ?? Number.NaN, targets.postcopyBytes)}; ` +
      `iterations ${percent(medians.iterations)}.`,
    '',
    'Cases:',
    ...report.cases.map((c) => `- \`${c.name}\`: ${c.description}.`),
    '',
  ].join('\n');
}

export function validationJson(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function calibrationLine(calibration: Calibration): string {
  const m = calibration.machine;
  const caps = m.caps.map((cap) => `${(cap.headStartSec * 1000).toFixed(0)} ms at ${cap.capBytesPerSec / MIB} MiB/s`);
  const ratio = calibration.guestWriteRatio;
  const writer = ratio === undefined ? '' : ` The guest's writer reached ${percent(ratio)} of its asked rate.`;
  return (
    `Calibration (${calibration.runs.length} runs, none a case): path with no cap ` +
    `${(m.linkBandwidthBytesPerSec / MIB).toFixed(0)} MiB/s with the guest running, ` +
    `${(m.stoppedBandwidthBytesPerSec / MIB).toFixed(0)} MiB/s with it stopped; setup ${(m.setupSec * 1000).toFixed(0)} ms; non-zero ` +
    `memory outside the working set ${(m.baseMemoryBytes / MIB).toFixed(1)} MiB; device state ` +
    `${(m.deviceStateBytes / 1000).toFixed(0)} kB; switch-over ${(m.switchoverSec * 1000).toFixed(1)} ms; head start ` +
    `${caps.join(', ') || 'none'} (their median for every cap); a capped pass reaches ` +
    `${percent(m.capEfficiency ?? 1)} of its cap.${writer}`
  );
}

function caseRow(c: CaseComparison): string {
  const { real, predicted, errors } = c;
  const spread = c.spread ?? {};
  const cells = [
    `\`${c.name}\``,
    c.model === undefined ? '-' : `\`${c.model.algorithm}\``,
    `${mib(c.requestedRateBytesPerSec)} → ${mib(c.achievedRateBytesPerSec)}`,
    `${real.outcome ?? '-'} / ${predicted.outcome ?? '-'}`,
    seconds(real.totalSec) + range(spread.totalSec, seconds),
    seconds(predicted.totalSec),
    signed(errors.totalSec),
    ms(real.downtimeSec) + range(spread.downtimeSec, ms),
    ms(predicted.downtimeSec),
    signed(errors.downtimeSec),
    (real.bytes / MIB).toFixed(1) + range(spread.bytes, (b) => (b / MIB).toFixed(1)),
    (predicted.bytes / MIB).toFixed(1),
    signed(errors.bytes),
    `${real.iterations} / ${predicted.iterations}`,
    notes(c),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** ` (low–high)` of several runs; nothing for one run or none. */
function range(values: Range | undefined, format: (value: number) => string): string {
  if (values === undefined || values[0] === values[1]) return '';
  return ` (${format(values[0])}–${format(values[1])})`;
}

function notes(c: CaseComparison): string {
  const notes: string[] = [];
  const short = 1 - c.achievedRateBytesPerSec / c.requestedRateBytesPerSec;
  if (c.requestedRateBytesPerSec > 0 && short > SHORTFALL) notes.push(`writer ${percent(short)} short of its target`);
  const throttle = (o: Observation) => o.maxThrottlePercent;
  if (throttle(c.real) > 0 || throttle(c.predicted) > 0)
    notes.push(`throttle ${throttle(c.real)} % / ${throttle(c.predicted)} %`);
  if (c.real.postcopyBytes > 0 || c.predicted.postcopyBytes > 0)
    notes.push(
      `post-copy ${mib(c.real.postcopyBytes)} / ${mib(c.predicted.postcopyBytes)} MiB (${signed(c.errors.postcopyBytes)})`,
    );
  return notes.join('; ');
}

const seconds = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(2));
const ms = (value: number | undefined) => (value === undefined ? '-' : (value * 1000).toFixed(1));
const mib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / MIB).toFixed(1) : '-');
const percent = (fraction: number) => (Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : '-');
const signed = (fraction: number | undefined) =>
  fraction === undefined ? '-' : `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;
