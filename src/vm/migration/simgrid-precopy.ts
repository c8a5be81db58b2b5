// SimGrid 3.32's pre-copy model (plugins/vm/VmLiveMigration.cpp), to the microsecond: stage 1 sends the whole
// memory; stage 2 resends what was dirtied meanwhile (flops computed × speed × intensity / PM speed, capped at
// the working set) until it fits under the measured bandwidth × max downtime; stage 3 pauses the VM and sends
// the rest. Bandwidth is measured per transfer, latency included; stage-2 sends are bounded by a 1e7 s budget.
import type { ActorContext } from '../../kernel/index.ts';
import type { MigrationAlgorithm, MigrationRun } from './migration-run.ts';

/** SimGrid's budget for stages 1 and 2 (seconds). */
const MIGRATION_TIMEOUT_SEC = 10_000_000;

export const simgridPreCopy: MigrationAlgorithm = {
  name: 'simgrid-precopy',
  async send(run: MigrationRun, ctx: ActorContext): Promise<void> {
    const vm = run.vm;
    const params = vm.migration;
    const hostSpeed = vm.pm.speedFlops;
    const ramBytes = vm.ramBytes;
    const dirtyBytesPerFlop =
      hostSpeed !== 0 ? (params.migrationSpeedBytesPerSec * params.dirtyIntensity) / hostSpeed : 1;
    const workingSet = params.workingSetBytes;
    const maxDowntime = params.maxDowntimeSec > 0 ? params.maxDowntimeSec : 0.03;
    const dirtied = (flops: number) => Math.min(Math.trunc(flops * dirtyBytesPerFlop), workingSet);
    let timeout = MIGRATION_TIMEOUT_SEC;
    let remaining = ramBytes;

    // Stage 1: the whole memory.
    vm.dirtyPages.start();
    let start = ctx.now;
    const first = await run.send(ctx, ramBytes, 1);
    remaining -= first.sent;
    let computed = vm.dirtyPages.lookupComputedFlops();
    let skipStage2 = first.sent < ramBytes;
    let end = ctx.now;
    timeout -= end - start;
    if (timeout < 0) skipStage2 = true;
    let bandwidth = ramBytes / (end - start);
    let threshold = toSize(bandwidth * maxDowntime);
    run.recordRound(1, start, first.sent, threshold);

    // Stage 2: the pages dirtied during the previous transfer, until they fit in the downtime.
    if (!skipStage2) {
      let updated = dirtied(computed);
      remaining += updated;
      while (threshold < remaining) {
        start = ctx.now;
        const round = await run.send(ctx, updated, 2, timeout);
        remaining -= round.sent;
        computed = vm.dirtyPages.lookupComputedFlops();
        end = ctx.now;
        if (round.sent === updated) {
          bandwidth = updated / (end - start);
          threshold = toSize(bandwidth * maxDowntime);
          timeout -= end - start;
          run.recordRound(2, start, round.sent, threshold);
          updated = dirtied(computed);
          remaining += updated;
        } else {
          run.recordRound(2, start, round.sent, undefined);
          updated = dirtied(computed);
          remaining += updated;
          break;
        }
      }
    }

    // Stage 3: stop and copy.
    run.pauseVm();
    vm.dirtyPages.stop();
    start = ctx.now;
    await run.send(ctx, remaining, 3);
    run.recordRound(3, start, remaining, undefined);
  },
};

/** C's conversion of a double to size_t: truncation (and saturation, where C would be undefined). */
function toSize(value: number): number {
  if (!Number.isFinite(value)) return Number.MAX_SAFE_INTEGER;
  return Math.trunc(value);
}
