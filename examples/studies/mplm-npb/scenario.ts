// One migration of the study: two 12-core hosts joined by one 1 Gbps link, an 8 vCPU / 8 GiB VM whose memory an NPB
// kernel dirties, migrated once with one algorithm. A migration still running at the cap is reported as such.
import { type MigrateOptions, type MigrationRecord, Simulation } from '../../../src/index.ts';
import { dirtyModel, type Workload, type WriterKind } from './workloads.ts';

export interface Setup {
  ramBytes: number;
  vcpus: number;
  hostCores: number;
  /** One flop/s figure per core; nothing here depends on it (the dirty model is driven by rates, not flops). */
  hostSpeed: string;
  linkBandwidth: string;
  linkLatency: string;
  writer: WriterKind;
  /** Memory of the guest system that is not zero (kernel, daemons, page cache), never written while it migrates. */
  guestSystemBytes: number;
  /** Simulated seconds after which a migration that has not ended is given up as "did not converge". */
  capSec: number;
}

export interface Outcome {
  converged: boolean;
  /** Total migration time (s), or the cap when it did not converge. */
  totalSec: number;
  downtimeSec: number | undefined;
  bytesSent: number;
  /** Memory-transfer rounds before the switch-over (pre-copy passes; MPLM's rounds). */
  rounds: number;
  throttlePercent: number;
  /** When it did not converge: the last pass's bytes over the bandwidth it got, the downtime a forced switch-over
   * would have had then. */
  pendingDowntimeSec: number | undefined;
}

export function platform(setup: Setup) {
  const host = (name: string) => ({ name, speed: setup.hostSpeed, cores: setup.hostCores });
  return {
    hosts: [host('source'), host('destination')],
    links: [{ name: 'lan', bandwidth: setup.linkBandwidth, latency: setup.linkLatency }],
    routes: [{ src: 'source', dst: 'destination', links: ['lan'] }],
  };
}

export async function migrateOnce(setup: Setup, load: Workload, options: MigrateOptions): Promise<Outcome> {
  const sim = new Simulation({ platform: platform(setup) });
  const vm = sim.createVm('source', 'npb', { cores: setup.vcpus, ramBytes: setup.ramBytes });
  vm.dirtyModel = dirtyModel(load, setup.writer);
  vm.start();
  sim.spawn('operator', 'source', async () => {
    await vm.migrate(sim.host('destination'), options);
  });
  await sim.run({ until: setup.capSec });
  const record = sim.migrations[0] as MigrationRecord;
  return outcome(record, setup.capSec);
}

function outcome(record: MigrationRecord, capSec: number): Outcome {
  const live = record.rounds.filter((r) => r.stage === 1 || r.stage === 2);
  const last = live.at(-1);
  const converged = record.outcome === 'completed';
  return {
    converged,
    totalSec: converged ? (record.durationSec as number) : capSec,
    downtimeSec: converged ? record.downtimeSec : undefined,
    bytesSent: record.bytesSent,
    rounds: live.length,
    throttlePercent: record.stats.throttlePercent,
    pendingDowntimeSec: converged || last === undefined ? undefined : last.bytes / last.bandwidth,
  };
}
