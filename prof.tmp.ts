import { runDatacenter } from './examples/studies/consolidation/datacenter.ts';
const [h, v, days] = process.argv.slice(2).map(Number);
const r = await runDatacenter({ hosts: h as number, vms: v as number, days: days ?? 1, seed: 1, hostRamBytes: 8e9, policies: { overload: { policy: 'thr', threshold: 0.8 }, underload: 'least-utilized', selection: 'mmt', placement: 'pabfd' }, migrate: { algorithm: 'precopy', maxRounds: 30 } });
const { intervals, ...rest } = r.report;
console.log(r.wallSec, rest.migrations, rest.energyKWh, rest.hostsSwitchedOff, rest.hostsSwitchedOn, rest.slatah, rest.pdm);
