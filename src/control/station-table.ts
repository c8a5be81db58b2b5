// What each station (a hypervisor host) keeps alive at its bridge: for each VM, the association it refreshes with
// VDP keep-alives. A bridge reads it to know whether a port will keep being refreshed; the keep-alive messages
// themselves are not simulated one by one (docs/control-plane.md, "Timers").

export type PortMode = 'pre-associated' | 'associated';

export class StationTable {
  private readonly table = new Map<string, Map<string, PortMode>>();

  /** `station` keeps `vm`'s association alive in `mode`. */
  refresh(station: string, vm: string, mode: PortMode): void {
    let ports = this.table.get(station);
    if (ports === undefined) {
      ports = new Map();
      this.table.set(station, ports);
    }
    ports.set(vm, mode);
  }

  /** `station` stops refreshing `vm`'s association (it left, gave up, or de-associated). */
  stop(station: string, vm: string): boolean {
    return this.table.get(station)?.delete(vm) ?? false;
  }

  isRefreshing(station: string, vm: string): boolean {
    return this.table.get(station)?.has(vm) ?? false;
  }

  /** The associations `station` refreshes, in the order they started. */
  of(station: string): [string, PortMode][] {
    return [...(this.table.get(station) ?? new Map<string, PortMode>())];
  }

  /** The stations that refresh an association of `vm`. */
  stationsOf(vm: string): string[] {
    return [...this.table].filter(([, ports]) => ports.has(vm)).map(([station]) => station);
  }

  /** A station's host failed: it refreshes nothing any more. */
  dropStation(station: string): [string, PortMode][] {
    const ports = this.of(station);
    this.table.delete(station);
    return ports;
  }
}
