// What a consolidation run reports (report.json `consolidation`; the keys energyJoules, slatah, pdm, slav, esv,
// migrations and intervals are a contract).

export interface ConsolidationInterval {
  start: number;
  end: number;
  /** Hosts on at the start of the interval, once the round switched idle hosts off. */
  activeHosts: number;
  /** Hosts the overload policy found overloaded at its start. */
  overloadedHosts: number;
  /** Hosts asked more CPU than they have at its start. */
  saturatedHosts: number;
  migrationsStarted: number;
  energyJoules: number;
  /** Mean utilization asked of the active hosts. */
  meanUtilization: number;
  requestedFlops: number;
  /** Flops the VMs asked for and did not get. */
  shortfallFlops: number;
}

export interface ConsolidationReport {
  energyJoules: number;
  /** SLA violation time per active host (0..1). */
  slatah: number;
  /** Performance degradation due to migrations (0..1), measured from the CPU each VM lost while migrating. */
  pdm: number;
  /** slatah × pdm. */
  slav: number;
  /** Energy (kWh) × SLAV, as Beloglazov & Buyya. */
  esv: number;
  /** Migrations started. */
  migrations: number;
  intervals: ConsolidationInterval[];
  energyKWh: number;
  policy: string;
  intervalSec: number;
  durationSec: number;
  migrationsFailed: number;
  migrationDurationMeanSec: number;
  migrationDurationTotalSec: number;
  downtimeMeanSec: number;
  downtimeTotalSec: number;
  hostsSwitchedOff: number;
  hostsSwitchedOn: number;
  requestedFlops: number;
  shortfallFlops: number;
  migrationLossFlops: number;
}

export const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : sum(values) / values.length);

/** Mean and total durations and downtimes of the migrations. */
export function migrationFigures(durations: readonly number[], downtimes: readonly number[]) {
  return {
    migrationDurationMeanSec: mean(durations),
    migrationDurationTotalSec: sum(durations),
    downtimeMeanSec: mean(downtimes),
    downtimeTotalSec: sum(downtimes),
  };
}
