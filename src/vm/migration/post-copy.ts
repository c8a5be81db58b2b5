// The post-copy phase of a migration: the device state goes first and the VM resumes on the destination; the
// missing pages are then pushed in the background (rate-capped by max-postcopy-bandwidth) while the VM faults on
// the pages it touches. A fault costs a round trip plus the page's transfer; with a = pages touched per second and
// m = the share of memory still missing, the VM runs 1/(1 + a·m·faultLatency) of the time (applied as a throttle,
// re-evaluated every 100 ms). Faulted pages arrive out of order and shorten the push. Until the last page arrives,
// a failure of either host loses the VM.
import { ActivityHandle, type ActorContext, type Engine, SignalActivity } from '../../kernel/index.ts';
import type { Host, Platform } from '../../platform/index.ts';
import type { VirtualMachine } from '../virtual-machine.ts';
import type { MigrationRun } from './migration-run.ts';
import type { MigrationSettings } from './options.ts';
import type { RoundStage } from './records.ts';
import type { MigrationSender } from './sender.ts';
import { type MigrationStatsRecorder, PAGE_SIZE_BYTES } from './stats.ts';
import type { Transfer } from './transfer.ts';

const WINDOW_SEC = 0.1;

/** What post-copy sees of its migration, and the only things it may do to it. */
export interface PostCopyLink {
  readonly engine: Engine;
  readonly platform: Platform;
  readonly vm: VirtualMachine;
  readonly source: Host;
  readonly destination: Host;
  readonly ramBytes: number;
  readonly dataMailbox: string;
  readonly settings: MigrationSettings;
  readonly stats: MigrationStatsRecorder;
  startTransfer(ctx: ActorContext, stage: RoundStage, bytes: number, rate: number, final?: boolean): Transfer;
  finishRound(stage: RoundStage, start: number, bytes: number, phase: 'downtime' | 'postcopy'): void;
  /** The device state (the last transfer the receiver waits for) is sent. */
  lastTransferSent(): void;
  /** The VM resumes on the destination, its memory still partly on the source. */
  resumeAtDestination(): void;
  /** Every page reached the destination. */
  pagesArrived(): void;
}

/** What post-copy may see and do of `run`, whose rounds `sender` sends. */
export function postCopyLink(run: MigrationRun, sender: MigrationSender): PostCopyLink {
  return {
    engine: run.engine,
    platform: run.manager.platform,
    vm: run.vm,
    source: run.source,
    destination: run.destination,
    ramBytes: run.vm.ramBytes,
    dataMailbox: run.dataMailbox,
    settings: run.settings,
    stats: run.stats,
    startTransfer: (ctx, stage, bytes, rate, final) => sender.startTransfer(ctx, stage, bytes, rate, final),
    finishRound: (stage, start, bytes, phase) => {
      sender.finishRound(stage, start, bytes, phase);
    },
    lastTransferSent: () => sender.finalSent.succeed(),
    resumeAtDestination: () => run.receiver.resumeAtDestination(),
    pagesArrived: () => run.pagesArrived(),
  };
}

export class PostCopyPhase {
  /** Seconds the VM spent blocked on page faults (QEMU's postcopy-blocktime). */
  blockTimeSec = 0;
  private readonly pushed: SignalActivity;

  constructor(
    private readonly run: PostCopyLink,
    private readonly ctx: ActorContext,
  ) {
    this.pushed = new SignalActivity(run.engine, `post-copy push of ${run.vm.name}`);
  }

  /** Sender side: device state, then the background push of the `missing` bytes. */
  async send(missing: number): Promise<void> {
    const run = this.run;
    const ctx = this.ctx;
    const start = ctx.now;
    const state = run.startTransfer(ctx, 3, run.settings.deviceStateBytes, 0, true);
    await state.wait();
    run.finishRound(3, start, run.settings.deviceStateBytes, 'downtime');
    run.lastTransferSent();
    await this.push(missing);
    this.pushed.succeed();
  }

  /** Receiver side, once the device state is there: the VM runs on the destination, degraded until every page
   * is there; the receiver takes the pushed pages until the sender says it is done. */
  async receive(ctx: ActorContext): Promise<void> {
    this.run.resumeAtDestination();
    this.run.stats.status('postcopy-active');
    const done = new ActivityHandle(this.pushed, ctx);
    const box = ctx.mailbox(this.run.dataMailbox);
    for (;;) {
      const page = box.getAsync();
      let index: number;
      try {
        index = await ctx.waitAny([done, page]);
      } catch (error) {
        if ((error as { code?: string }).code === 'cancelled') continue; // a push cut short by the faults
        throw error;
      }
      if (index === 0) {
        page.cancel();
        break;
      }
    }
    this.run.vm.setThrottle(0);
    this.run.pagesArrived();
  }

  private async push(bytes: number): Promise<void> {
    const run = this.run;
    const ctx = this.ctx;
    const start = ctx.now;
    const rate = run.settings.postCopy.maxBandwidthBytesPerSec;
    const transfer = run.startTransfer(ctx, 4, bytes, rate);
    const latency = this.faultLatencySec();
    const accessRate = this.accessRateBytesPerSec();
    let faulted = 0;
    let lastSent = 0;
    for (;;) {
      if (await transfer.waitAtMost(WINDOW_SEC)) break;
      const sent = transfer.sentMemoryBytes();
      const missingShare = Math.max(0, bytes - sent - faulted) / run.ramBytes;
      const faultsPerSec = (accessRate / PAGE_SIZE_BYTES) * missingShare;
      const blocked = faultsPerSec * latency;
      this.blockTimeSec += (WINDOW_SEC * blocked) / (1 + blocked);
      run.vm.setThrottle(blocked / (1 + blocked));
      const pages = (faultsPerSec * WINDOW_SEC) / (1 + blocked);
      faulted += pages * PAGE_SIZE_BYTES;
      run.stats.postcopyRequests += pages;
      lastSent = sent;
      if (sent + faulted >= bytes) {
        transfer.cancel();
        break;
      }
    }
    const delivered = Math.min(bytes, transfer.isDone() ? bytes : lastSent + faulted);
    run.finishRound(4, start, Math.round(delivered), 'postcopy');
  }

  /** A round trip to the source plus one page at the route's bottleneck bandwidth. */
  private faultLatencySec(): number {
    const route = this.run.platform.route(this.run.destination, this.run.source);
    let bottleneck = Number.POSITIVE_INFINITY;
    for (const link of route.links) bottleneck = Math.min(bottleneck, link.bandwidthBytesPerSec);
    const transfer = Number.isFinite(bottleneck) ? PAGE_SIZE_BYTES / bottleneck : 0;
    return 2 * route.latencySec + transfer;
  }

  /** Bytes the VM touches per second: an explicit option, else its dirty rate. */
  private accessRateBytesPerSec(): number {
    const option = this.run.settings.postCopy.accessRateBytesPerSec;
    if (option !== undefined) return option;
    const model = this.run.vm.dirtyModel;
    if (model.kind === 'rate' || model.kind === 'linear') return model.rateBytesPerSec;
    if (model.kind === 'trace') return model.points[0]?.[1] ?? 0;
    const params = this.run.vm.migration;
    return params.migrationSpeedBytesPerSec * params.dirtyIntensity;
  }
}
