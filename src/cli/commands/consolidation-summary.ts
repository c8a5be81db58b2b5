// The line `livemig run` prints for a consolidation run: energy, SLA figures, migrations and hosts switched.
import {
  type ConsolidationReport,
  readableEnergy,
  readableNumber,
  readablePercent,
  readableSeconds,
} from '../../index.ts';

export function consolidationSummary(c: ConsolidationReport): string {
  return (
    `Consolidation ${c.policy}: ${readableEnergy(c.energyJoules)}, SLATAH ${readablePercent(c.slatah)}, ` +
    `PDM ${readablePercent(c.pdm)}, SLAV ${readableNumber(c.slav)}, ESV ${readableNumber(c.esv)}, ` +
    `${c.migrations} migration(s) (mean ${readableSeconds(c.migrationDurationMeanSec)}, ` +
    `downtime ${readableSeconds(c.downtimeMeanSec)}), ` +
    `hosts switched off ${c.hostsSwitchedOff} / on ${c.hostsSwitchedOn}.`
  );
}
