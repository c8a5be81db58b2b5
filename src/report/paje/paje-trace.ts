// A run as a Paje trace, following SimGrid's tracing conventions: HOST and LINK containers under the root, each VM
// a container inside its host, destroyed on the source and created on the destination when it moves (joined by a
// VM_LINK "M" link), VM states as VM_STATE, migrations as MIGRATION links between hosts, loads as variables.
import type { RunReport } from '../run-report.ts';
import { definePajeTypes, type PajeTypes } from './paje-types.ts';
import { PajeWriter, ROOT } from './paje-writer.ts';
import { writeVmContainers } from './vm-containers.ts';

export function pajeTrace(report: RunReport): string {
  const w = new PajeWriter();
  const types = definePajeTypes(w, report);
  const names = new Set<string>();
  const hosts = new Map<string, string>();
  const hostAlias = (name: string): string => {
    let alias = hosts.get(name);
    if (alias === undefined) {
      alias = w.createContainer(0, uniqueName(name, names, 'host'), types.host);
      hosts.set(name, alias);
    }
    return alias;
  };
  writeHosts(w, report, types, hostAlias);
  const links = writeLinks(w, report, types, names);
  writeVmContainers(w, report, types, hostAlias);
  writeMigrations(w, report, types, hostAlias);
  for (const alias of links) w.destroyContainer(report.endTime, types.link, alias);
  for (const alias of hosts.values()) w.destroyContainer(report.endTime, types.host, alias);
  const title = report.scenario?.name ?? report.scenario?.file;
  return w.text([`Written by livemig${title === undefined ? '' : ` for ${title}`}`]);
}

/** Hosts with their capacity, on/off state and processor load. */
function writeHosts(w: PajeWriter, report: RunReport, types: PajeTypes, hostAlias: (name: string) => string): void {
  for (const host of report.hosts) {
    const alias = hostAlias(host.name);
    if (host.speedFlops !== undefined) w.setVariable(0, types.speed, alias, host.speedFlops * (host.cores ?? 1));
    w.setState(0, types.hostState, alias, types.hostValues.on);
    for (const period of host.offPeriods ?? []) {
      w.setState(period.start, types.hostState, alias, types.hostValues.off);
      if (period.end < report.endTime) w.setState(period.end, types.hostState, alias, types.hostValues.on);
    }
  }
  for (const series of report.usage.hosts) {
    const alias = hostAlias(series.name);
    for (const [time, value] of series.points) w.setVariable(time, types.speedUsed, alias, value);
  }
}

/** The links that were used, with their bandwidth and load; returns their aliases. */
function writeLinks(w: PajeWriter, report: RunReport, types: PajeTypes, names: Set<string>): string[] {
  return report.usage.links.map((series) => {
    const alias = w.createContainer(0, uniqueName(series.name, names, 'link'), types.link);
    w.setVariable(0, types.bandwidth, alias, series.capacity);
    for (const [time, value] of series.points) w.setVariable(time, types.bandwidthUsed, alias, value);
    return alias;
  });
}

/** Each migration is a link from its source host to its destination, valued by its outcome. */
function writeMigrations(
  w: PajeWriter,
  report: RunReport,
  types: PajeTypes,
  hostAlias: (name: string) => string,
): void {
  for (const m of report.migrations) {
    const value = types.outcomeValues[m.outcome] ?? m.outcome;
    const key = `migration-${m.id}`;
    w.startLink(m.start, types.migration, ROOT, value, hostAlias(m.from), key);
    w.endLink(m.end ?? report.endTime, types.migration, ROOT, value, hostAlias(m.to), key);
  }
}

/** Container names must be unique: a link named like a host gets a suffix. */
function uniqueName(name: string, taken: Set<string>, kind: string): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name} (${kind}${n === 2 ? '' : ` ${n}`})`;
  taken.add(candidate);
  return candidate;
}
