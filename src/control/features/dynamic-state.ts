// The dynamic-state feature: the per-VM network state held by the source's bridge follows the VM through a database
// host. Once the VM stops, the source asks its bridge to PUSH the state there; the destination PULLs it to its own
// bridge, which says when it is installed. Policies for a state that is not there when the memory copy is:
// `wait` (up to waitSec, then back out), `proceed` (wait up to waitSec, 0 by default, then resume without it; it lands
// later), `serialize` (PULL only once the PUSH is stored, then wait as `wait` does). With `pull: 'bridge'` the
// destination's bridge PULLs on the M bit of vdp-port's Pre-Associate, reports a failed PULL, and answers the
// destination's question about it. An invented model of a 2011 proposal: see docs/control-plane.md.
import { ActivityHandle, SignalActivity } from '../../kernel/index.ts';
import { isKind, STATE_CONTROL_BYTES } from '../messages.ts';
import { vdpTimers } from '../vdp-timers.ts';
import type { FeatureContext, MigrationFeature } from './feature.ts';

export type DynamicStatePolicy = 'wait' | 'proceed' | 'serialize';
export const DYNAMIC_STATE_POLICIES: readonly DynamicStatePolicy[] = ['wait', 'proceed', 'serialize'];
/** Who PULLs the state: the destination in Prepare, or the destination's bridge on the M bit of the Pre-Associate. */
export type DynamicStatePull = 'destination' | 'bridge';
export const DYNAMIC_STATE_PULLS: readonly DynamicStatePull[] = ['destination', 'bridge'];

export interface DynamicStateOptions {
  required?: boolean;
  /** Bytes of network state the source's bridge holds for the VM. */
  sizeBytes: number;
  /** The database host. */
  database: string;
  policy: DynamicStatePolicy;
  /** `wait`, `serialize`: longest wait in Finish before backing out; `proceed`: before going on without the state
   * (default 0: at once). */
  waitSec?: number;
  /** Who PULLs (default `destination`); `bridge` needs the vdp-port feature and the `wait` or `proceed` policy. */
  pull?: DynamicStatePull;
}

export function dynamicState(options: DynamicStateOptions): MigrationFeature {
  const feature = new DynamicState(options);
  return {
    name: 'dynamic-state',
    required: options.required ?? true,
    attach: (f) => feature.attach(f),
    prepare(f) {
      // The database holds the PULL until the PUSH arrives. With pull: bridge, vdp-port's Pre-Associate carries it.
      if (feature.policy !== 'serialize' && !feature.byBridge) feature.pull(f);
    },
    stopped: (f) => feature.push(f),
    commit: (f) => feature.commit(f),
  };
}

/** One migration's dynamic state, as both sides see it: the destination waits for it to be installed. */
class DynamicState {
  readonly policy: DynamicStatePolicy;
  readonly byBridge: boolean;
  private readonly waitSec: number;
  private installed: SignalActivity | undefined;
  private pullFailed: SignalActivity<string> | undefined;

  constructor(private readonly options: DynamicStateOptions) {
    this.policy = options.policy;
    this.waitSec = options.waitSec ?? 0;
    this.byBridge = options.pull === 'bridge';
  }

  attach(f: FeatureContext): void {
    const { policy, waitSec } = this;
    Object.assign(f.record.details, {
      policy,
      sizeBytes: this.options.sizeBytes,
      database: this.options.database,
      ...(policy === 'proceed' && waitSec === 0 ? {} : { waitSec }),
      ...(this.byBridge ? { pull: 'bridge' } : {}),
    });
    if (f.side === 'source') this.attachSource(f);
    else this.attachDestination(f);
  }

  /** Serialize: the source tells the destination once the database stored the PUSH. */
  private attachSource(f: FeatureContext): void {
    f.endpoint.on('state.stored', () => {
      if (this.policy !== 'serialize') return;
      const body = { vm: f.vm.name };
      f.endpoint.send(f.agents.destination, {
        kind: 'state.pushed',
        bytes: STATE_CONTROL_BYTES,
        body,
        migration: f.migration,
      });
    });
  }

  private attachDestination(f: FeatureContext): void {
    const signal = new SignalActivity(f.ctx.engine, `dynamic state of ${f.vm.name}`);
    this.installed = signal;
    f.endpoint.on('state.installed', () => {
      signal.succeed();
      const details = f.record.details;
      details.installedAt = f.ctx.now;
      if (typeof details.resumedWithoutAt === 'number') details.stateGapSec = f.ctx.now - details.resumedWithoutAt;
    });
    if (this.policy === 'serialize') f.endpoint.on('state.pushed', () => this.pull(f));
    const failed = new SignalActivity<string>(f.ctx.engine, `failed PULL of ${f.vm.name}`);
    this.pullFailed = failed;
    f.endpoint.on('state.pull-failed', (message) => {
      const reason = `the PULL of the dynamic state of VM "${f.vm.name}" failed at bridge "${message.body.bridge}": ${message.body.reason}`;
      f.record.details.pullFailed = reason;
      if (failed.state !== 'done') failed.succeed(reason);
    });
  }

  /** The destination PULLs the state from the database, to be delivered to its bridge. */
  pull(f: FeatureContext): void {
    const bridge = f.services.bridges.bridgeOf(f.destination);
    const to = f.services.databaseAddress(this.options.database);
    if (bridge === undefined || to === undefined) throw new Error(`no bridge or database for "${f.destination.name}"`);
    const body = { vm: f.vm.name, deliverTo: bridge.address(), notify: f.endpoint.address };
    f.endpoint.send(to, { kind: 'state.pull', bytes: STATE_CONTROL_BYTES, body, migration: f.migration });
  }

  /** The VM stopped on the source: its bridge PUSHes the state to the database. */
  push(f: FeatureContext): void {
    const bridge = f.services.bridges.bridgeOf(f.source);
    if (bridge === undefined) throw new Error(`host "${f.source.name}" is attached to no bridge`);
    const { sizeBytes, database } = this.options;
    const body = { vm: f.vm.name, bytes: sizeBytes, database, notify: f.endpoint.address };
    f.endpoint.send(bridge.address(), {
      kind: 'state.push-request',
      bytes: STATE_CONTROL_BYTES,
      body,
      migration: f.migration,
    });
  }

  /** Finish: waits for the state as the policy says; backs out (throws) when it does not come. */
  async commit(f: FeatureContext): Promise<void> {
    const { installed: signal, pullFailed: failed, policy, waitSec } = this;
    if (signal === undefined || failed === undefined || done(signal)) return;
    // Fast mode runs an optional feature's commit once the VM runs here: it is without its state from now on.
    const running = f.record.details.afterSwitchover === true;
    if (running) f.record.details.resumedWithoutAt = f.ctx.now;
    const until = f.ctx.now + waitSec;
    if (this.byBridge && !done(failed)) await askBridge(f);
    if (done(failed)) throw new Error(String(failed.value));
    const handles = [signal, failed].map((s) => new ActivityHandle(s, f.ctx));
    while (!done(signal) && !done(failed) && f.ctx.now < until) {
      await f.endpoint.next({ match: () => false, signals: handles, timeoutSec: until - f.ctx.now, deferLoss: true });
    }
    if (done(signal)) return;
    if (done(failed)) throw new Error(String(failed.value));
    if (policy === 'proceed') {
      if (!running) f.record.details.resumedWithoutAt = f.ctx.now; // the VM resumes now, its state lands later
      f.expect(signal);
      return;
    }
    const outcome = running ? 'the VM already runs there without it' : 'backing out';
    throw new Error(
      `the dynamic state of VM "${f.vm.name}" did not reach "${f.destination.name}" within ${waitSec} s ` +
        `(policy ${policy}): ${outcome}`,
    );
  }
}

/** Asks the destination's bridge where the PULL it made is (its answer is recorded as `pullStatus`); a failed PULL
 * fails the feature at once. The question is given the VDP response wait; no answer leaves the policy to decide. */
async function askBridge(f: FeatureContext): Promise<void> {
  const bridge = f.services.bridges.bridgeOf(f.destination);
  if (bridge === undefined) return;
  const request = f.endpoint.send(bridge.address(), {
    kind: 'state.pull-status',
    bytes: STATE_CONTROL_BYTES,
    body: { vm: f.vm.name },
    migration: f.migration,
  });
  const answer = await f.endpoint.next({
    match: (m) => m.kind === 'state.pull-status.reply' && m.inReplyTo === request.id,
    timeoutSec: vdpTimers().responseWaitSec,
    deferLoss: true,
  });
  if (answer.kind !== 'message' || !isKind(answer.message, 'state.pull-status.reply')) return;
  const { status, reason } = answer.message.body;
  f.record.details.pullStatus = String(status);
  if (status === 'failed') {
    throw new Error(
      `the PULL of the dynamic state of VM "${f.vm.name}" failed at bridge "${bridge.host.name}": ${String(reason)}`,
    );
  }
}

const done = (signal: SignalActivity<unknown>): boolean => signal.state === 'done';
