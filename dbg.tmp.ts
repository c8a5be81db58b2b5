import { Simulation } from './src/index.ts';
import { runDatacenter } from './examples/studies/consolidation/datacenter.ts';
const orig = Simulation.prototype.run;
Simulation.prototype.run = function (o) {
  let last = 0; let steps = 0;
  this.trace.on('time.advanced', () => { steps++; if (this.now - last >= 300) { console.log('t', this.now, 'steps', steps, 'migr', this.migrations.length, 'active', this.migrations.filter(m=>m.outcome===undefined).length); last = this.now; } });
  return orig.call(this, o);
};
const [h, v, days] = process.argv.slice(2).map(Number);
const r = await runDatacenter({ hosts: h as number, vms: v as number, days: days ?? 1, seed: 1, hostRamBytes: 8e9, policies: { overload: { policy: 'thr', threshold: 0.8 }, underload: 'least-utilized', selection: 'mmt', placement: 'pabfd' }, migrate: { algorithm: 'precopy', maxRounds: 30 } });
console.log(r.wallSec, r.report.migrations);
