// Consolidation at data-centre scale: one simulated day (300 s intervals) of H hosts and V VMs following generated
// traces, THR 0.8 / MMT / PABFD with pre-copy migrations (at most 2 per host at a time), on the study's data centre
// (examples/studies/consolidation/datacenter.ts: its fabric sized for its hosts). Prints simulated figures, wall time
// and peak memory.
// Usage: npx tsx bench/consolidation.ts [HOSTS] [VMS] [DAYS]
import { runDatacenter } from '../examples/studies/consolidation/datacenter.ts';
import { formatFixed } from '../src/index.ts';

const [hosts = 800, vms = 1000, days = 1] = process.argv.slice(2).map(Number);
const run = await runDatacenter({
  hosts,
  vms,
  days,
  seed: 1,
  policies: {
    overload: { policy: 'thr', threshold: 0.8 },
    underload: 'least-utilized',
    selection: 'mmt',
    placement: 'pabfd',
  },
  migrate: { algorithm: 'precopy', maxRounds: 30 },
});
const c = run.report;
console.log(
  `consolidation ${hosts} hosts ${vms} VMs ${days} day(s): ${c.intervals.length} intervals, ${c.migrations} migrations, ` +
    `${formatFixed(c.energyKWh, 3)} kWh, SLATAH ${formatFixed(c.slatah, 6)}, PDM ${formatFixed(c.pdm, 9)}; ` +
    `wall ${formatFixed(run.wallSec, 2)} s, peak RSS ${formatFixed(process.resourceUsage().maxRSS / 1024, 0)} MiB`,
);
