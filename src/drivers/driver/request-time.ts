// A simulated record on the request's clock: the simulator starts the migration after QEMU's setup time, so its
// record starts then; real QEMU counts setup in its total time. Time 0 becomes the request, `setup` starts at 0.
import type { MigrationRecord } from '../../vm/index.ts';

/** `keepGate`: keep the `pre-switchover` status (a request gate was asked); otherwise the machine's switch-over
 * cost, which the simulator runs as a gate, leaves no trace in the status history. */
export function fromRequestTime(record: MigrationRecord, keepGate: boolean): MigrationRecord {
  const history = record.stats.statusHistory
    .filter((change) => keepGate || change.status !== 'pre-switchover')
    .map((change, i) => (i === 0 && change.status === 'setup' ? { ...change, time: 0 } : change));
  const active = history.find((change) => change.status === 'active');
  const ended = history.find((change) => ['completed', 'failed', 'cancelled'].includes(change.status));
  return {
    ...record,
    start: 0,
    durationSec: record.end,
    stats: {
      ...record.stats,
      statusHistory: history,
      setupTimeSec: active?.time,
      totalTimeSec: ended?.time,
    },
  };
}
