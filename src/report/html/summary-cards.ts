// The figures at the top of report.html: how long the run simulated, how many VMs and migrations, how they
// ended, the downtime, the bytes sent, the energy and the failed steps.
import { readableBytes, readableEnergy, readableSeconds, readableTime } from '../../core/index.ts';
import type { RealRunInfo, RunReport } from '../run-report.ts';

export interface Card {
  label: string;
  value: string;
  detail?: string;
  /** Drawn in red (something failed). */
  bad?: boolean;
}

/** `driverTitle`: how a real run's driver is named (default: its name in the report). */
export function summaryCards(report: RunReport, driverTitle?: string): Card[] {
  const migrations = report.migrations;
  const count = (outcome: string) => migrations.filter((m) => m.outcome === outcome).length;
  const completed = migrations.filter((m) => m.outcome === 'completed');
  const durations = completed.map((m) => m.durationSec ?? 0);
  const downtimes = completed.map((m) => m.downtimeSec ?? 0);
  const failed = count('failed') + count('aborted');
  const energy = report.hosts.reduce((sum, h) => sum + h.energyJ, 0);
  const real = report.real;
  const cards: Card[] = [
    real === undefined
      ? { label: 'simulated time', value: readableTime(report.endTime) }
      : {
          label: `real ${driverTitle ?? real.driver} run`,
          value: readableTime(report.endTime),
          detail: realRunFacts(real).join(', '),
        },
    { label: 'VMs', value: String(report.vms.length), detail: `on ${report.hosts.length} host(s)` },
    {
      label: 'migrations',
      value: String(migrations.length),
      detail:
        `${completed.length} completed, ${count('failed')} failed, ${count('aborted')} aborted` +
        (count('running') > 0 ? `, ${count('running')} unfinished` : ''),
      ...(failed > 0 ? { bad: true } : {}),
    },
  ];
  if (durations.length > 0) {
    cards.push({
      label: 'migration time',
      value: readableSeconds(mean(durations)),
      detail: `mean; longest ${readableSeconds(largest(durations))}`,
    });
    cards.push({
      label: 'downtime',
      value: readableSeconds(mean(downtimes)),
      detail: `mean; longest ${readableSeconds(largest(downtimes))}`,
    });
  }
  cards.push(
    {
      label: 'memory sent',
      value: readableBytes(migrations.reduce((sum, m) => sum + m.bytesSent, 0)),
    },
    ...(real === undefined ? [{ label: 'energy', value: readableEnergy(energy), detail: 'all hosts' }] : []),
    {
      label: 'failed steps',
      value: String(report.stepErrors.length),
      ...(report.stepErrors.length > 0 ? { bad: true } : {}),
    },
  );
  return cards;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function largest(values: readonly number[]): number {
  return values.reduce((max, v) => Math.max(max, v), 0);
}

/** What the driver said of a real run, in its order (all but the driver's name and the start). */
export function realRunFacts(real: RealRunInfo): string[] {
  return Object.entries(real)
    .filter(([key]) => key !== 'driver' && key !== 'startedAt')
    .map(([, value]) => value);
}
