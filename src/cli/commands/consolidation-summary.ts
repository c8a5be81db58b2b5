// The line `livemig run` prints for a consolidation run: energy, SLA figures, migrations and hosts switched.
import { type ConsolidationReport, formatG } from '../../index.ts';

export function consolidationSummary(c: ConsolidationReport): string {
  const percent = (x: number) => `${formatG(x * 100)} %`;
  return (
    `Consolidation ${c.policy}: ${formatG(c.energyKWh)} kWh, SLATAH ${percent(c.slatah)}, PDM ${percent(c.pdm)}, ` +
    `SLAV ${formatG(c.slav)}, ESV ${formatG(c.esv)}, ${c.migrations} migration(s) ` +
    `(mean ${formatG(c.migrationDurationMeanSec)} s, downtime ${formatG(c.downtimeMeanSec * 1000)} ms), ` +
    `hosts switched off ${c.hostsSwitchedOff} / on ${c.hostsSwitchedOn}.`
  );
}
