// The load of every link and host processor over time: at the end of each time step, each load read is the one
// that held during the step (the models solved it at the step's start and have not re-solved since).
import type { Simulation } from '../simulation/index.ts';
import type { UsageSeries } from './run-report.ts';
import { PiecewiseSeries } from './usage-series.ts';

interface Probe {
  readonly name: string;
  load(): number;
  capacity(): number;
  readonly series: PiecewiseSeries;
  maxCapacity: number;
}

export class UsageSampler {
  private readonly links: Probe[];
  private readonly hosts: Probe[];
  private stepStart: number;

  constructor(sim: Simulation, maxPointsPerSeries: number) {
    const probe = (name: string, load: () => number, capacity: () => number): Probe => ({
      name,
      load,
      capacity,
      series: new PiecewiseSeries(maxPointsPerSeries),
      maxCapacity: capacity(),
    });
    this.links = sim.platform.links.map((link) =>
      probe(
        link.name,
        () => link.load(),
        () => link.bandwidthBytesPerSec,
      ),
    );
    this.hosts = sim.hosts.map((host) =>
      probe(
        host.name,
        () => host.loadFlops,
        () => host.speedFlops * host.cores,
      ),
    );
    this.stepStart = sim.now;
  }

  /** A time step ended at `now` (the `time.advanced` event); an empty step holds no load and is skipped. */
  stepEnded(now: number): void {
    const start = this.stepStart;
    this.stepStart = now;
    if (now === start) return;
    sample(this.links, start);
    sample(this.hosts, start);
  }

  /** Series of the resources whose load was ever above zero, in platform order. */
  series(): { links: UsageSeries[]; hosts: UsageSeries[] } {
    return { links: report(this.links), hosts: report(this.hosts) };
  }
}

function sample(probes: readonly Probe[], time: number): void {
  for (const probe of probes) {
    probe.series.add(time, probe.load());
    const capacity = probe.capacity();
    if (capacity > probe.maxCapacity) probe.maxCapacity = capacity;
  }
}

function report(probes: readonly Probe[]): UsageSeries[] {
  return probes
    .filter((probe) => probe.series.used)
    .map((probe) => ({
      name: probe.name,
      capacity: probe.maxCapacity,
      points: probe.series.points(),
      ...(probe.series.merged ? { merged: true } : {}),
    }));
}
