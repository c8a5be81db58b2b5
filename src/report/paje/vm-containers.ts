// VM containers of a Paje trace: one per stay of a VM on a host. When a VM moves, its container is destroyed on
// the source and created anew on the destination, joined by a VM_LINK "M" link (SimGrid's convention).
import type { RunReport, TimelineInterval } from '../run-report.ts';
import type { PajeTypes } from './paje-types.ts';
import { type PajeWriter, ROOT } from './paje-writer.ts';

export function writeVmContainers(
  w: PajeWriter,
  report: RunReport,
  types: PajeTypes,
  hostAlias: (name: string) => string,
): void {
  let moves = 0;
  for (const [vm, intervals] of groupByVm(report.timeline)) {
    let container: string | undefined;
    let host = '';
    let end = 0;
    for (const interval of intervals) {
      const contiguous = container !== undefined && interval.start === end;
      if (container !== undefined && contiguous && interval.host !== host) {
        const key = `move-${moves++}`;
        w.startLink(interval.start, types.vmLink, ROOT, types.moveValue, container, key);
        w.destroyContainer(interval.start, types.vm, container);
        container = w.createContainer(interval.start, vm, types.vm, hostAlias(interval.host));
        w.endLink(interval.start, types.vmLink, ROOT, types.moveValue, container, key);
      } else if (container === undefined || !contiguous) {
        if (container !== undefined) w.destroyContainer(end, types.vm, container);
        container = w.createContainer(interval.start, vm, types.vm, hostAlias(interval.host));
      }
      host = interval.host;
      end = interval.end;
      w.setState(interval.start, types.vmState, container, types.vmValues[interval.state] ?? interval.state);
    }
    if (container !== undefined) w.destroyContainer(end, types.vm, container);
  }
}

function groupByVm(timeline: readonly TimelineInterval[]): Map<string, TimelineInterval[]> {
  const byVm = new Map<string, TimelineInterval[]>();
  for (const interval of timeline) {
    const list = byVm.get(interval.vm);
    if (list === undefined) byVm.set(interval.vm, [interval]);
    else list.push(interval);
  }
  for (const list of byVm.values()) list.sort((a, b) => a.start - b.start);
  return byVm;
}
