// The dynamic-state feature: the per-VM network state held by the source's bridge follows the VM through a database
// host. Once the VM stops, the source asks its bridge to PUSH the state there; the destination PULLs it to its own
// bridge, which says when it is installed. Policies for a state that is not there when the memory copy is:
// `wait` (up to waitSec, then back out), `proceed` (resume without it; it lands later), `serialize` (PULL only once
// the PUSH is stored, then wait as `wait` does). An invented model of a 2011 proposal: see docs/control-plane.md.
import { ActivityHandle, SignalActivity } from '../../kernel/index.ts';
import { STATE_CONTROL_BYTES } from '../messages.ts';
import type { FeatureContext, MigrationFeature } from './feature.ts';

export type DynamicStatePolicy = 'wait' | 'proceed' | 'serialize';
export const DYNAMIC_STATE_POLICIES: readonly DynamicStatePolicy[] = ['wait', 'proceed', 'serialize'];

export interface DynamicStateOptions {
  required?: boolean;
  /** Bytes of network state the source's bridge holds for the VM. */
  sizeBytes: number;
  /** The database host. */
  database: string;
  policy: DynamicStatePolicy;
  /** `wait`, `serialize`: longest wait in Finish before backing out. */
  waitSec?: number;
}

export function dynamicState(options: DynamicStateOptions): MigrationFeature {
  const { sizeBytes, database, policy } = options;
  const waitSec = options.waitSec ?? 0;
  let installed: SignalActivity | undefined;
  const pull = (f: FeatureContext) => {
    const bridge = f.services.bridges.bridgeOf(f.destination);
    const to = f.services.databaseAddress(database);
    if (bridge === undefined || to === undefined) throw new Error(`no bridge or database for "${f.destination.name}"`);
    const body = { vm: f.vm.name, deliverTo: bridge.address(), notify: f.endpoint.address };
    f.endpoint.send(to, { kind: 'state.pull', bytes: STATE_CONTROL_BYTES, body, migration: f.migration });
  };
  return {
    name: 'dynamic-state',
    required: options.required ?? true,
    attach(f) {
      Object.assign(f.record.details, { policy, sizeBytes, database, ...(policy === 'proceed' ? {} : { waitSec }) });
      if (f.side === 'source') {
        f.endpoint.on('state.stored', () => {
          if (policy !== 'serialize') return;
          const body = { vm: f.vm.name };
          f.endpoint.send(f.agents.destination, {
            kind: 'state.pushed',
            bytes: STATE_CONTROL_BYTES,
            body,
            migration: f.migration,
          });
        });
        return;
      }
      const signal = new SignalActivity(f.ctx.engine, `dynamic state of ${f.vm.name}`);
      installed = signal;
      f.endpoint.on('state.installed', () => {
        signal.succeed();
        const details = f.record.details;
        details.installedAt = f.ctx.now;
        if (typeof details.resumedWithoutAt === 'number') details.stateGapSec = f.ctx.now - details.resumedWithoutAt;
      });
      if (policy === 'serialize') f.endpoint.on('state.pushed', () => pull(f));
    },
    prepare(f) {
      if (policy !== 'serialize') pull(f); // the database holds the PULL until the PUSH arrives
    },
    stopped(f) {
      const bridge = f.services.bridges.bridgeOf(f.source);
      if (bridge === undefined) throw new Error(`host "${f.source.name}" is attached to no bridge`);
      const body = { vm: f.vm.name, bytes: sizeBytes, database, notify: f.endpoint.address };
      f.endpoint.send(bridge.address(), {
        kind: 'state.push-request',
        bytes: STATE_CONTROL_BYTES,
        body,
        migration: f.migration,
      });
    },
    async commit(f) {
      const signal = installed;
      if (signal === undefined || signal.state === 'done') return;
      if (policy === 'proceed') {
        f.record.details.resumedWithoutAt = f.ctx.now; // the VM resumes at once, its state lands later
        f.expect(signal);
        return;
      }
      const answer = await f.endpoint.next({
        match: () => false,
        signals: [new ActivityHandle(signal, f.ctx, () => undefined)],
        timeoutSec: waitSec,
        deferLoss: true,
      });
      if (answer.kind !== 'signal') {
        throw new Error(
          `the dynamic state of VM "${f.vm.name}" did not reach "${f.destination.name}" within ${waitSec} s ` +
            `(policy ${policy}): backing out`,
        );
      }
    },
  };
}
