// The vdp-port feature: the VM's network port follows it through VDP (IEEE 802.1Qbg) as libvirt drives it — the
// destination Pre-Associates with the "migrating to" hint in Prepare (its bridge reserves the port), Associates in
// Finish before the VM resumes, and the source De-Associates with the "migrating from" hint in Confirm. A station
// waits `responseWaitSec` for each answer; one that gives up stops refreshing the port, which its bridge releases
// once the keep-alive expiry passes.
import { isKind, VDP_FRAME_BYTES, type VdpHint, type VdpOperation } from '../messages.ts';
import { vdpTimers } from '../vdp-timers.ts';
import type { FeatureContext, MigrationFeature } from './feature.ts';

export interface VdpPortOptions {
  required?: boolean;
  /** The station's response-wait timer (default: lldpad's, 15.75552 s). */
  responseWaitSec?: number;
  /** The VSI manager (a database host) named in the Pre-Associate, whose bridge then PULLs the VM's dynamic state
   * from it on the M bit (set by the dynamic-state feature with `pull: 'bridge'`). */
  vsiManager?: string;
}

export function vdpPort(options: VdpPortOptions = {}): MigrationFeature {
  const responseWaitSec = options.responseWaitSec ?? vdpTimers().responseWaitSec;
  const manager = options.vsiManager;
  const exchange = (f: FeatureContext, op: VdpOperation, hint: VdpHint) =>
    vdpExchange(f, op, hint, responseWaitSec, op === 'pre-associate' ? manager : undefined);
  return {
    name: 'vdp-port',
    required: options.required ?? true,
    begin(f) {
      // The VM was deployed with its port associated at the source's bridge (and refreshed by the source).
      const bridge = f.services.bridges.bridgeOf(f.source);
      if (bridge === undefined) throw new Error(`host "${f.source.name}" is attached to no bridge`);
      bridge.adopt(f.vm.name, f.source.name);
      f.services.bridges.stations.refresh(f.source.name, f.vm.name, 'associated');
    },
    prepare: (f) => exchange(f, 'pre-associate', 'to'),
    commit: (f) => exchange(f, 'associate', 'to'),
    rollback: (f) => exchange(f, 'de-associate', 'none'),
    release: (f) => exchange(f, 'de-associate', 'from'),
  };
}

/** One VDP request from the agent's station to its bridge, and the wait for the answer. */
async function vdpExchange(
  f: FeatureContext,
  op: VdpOperation,
  hint: VdpHint,
  waitSec: number,
  manager: string | undefined,
): Promise<void> {
  const station = f.endpoint.address.host;
  const vm = f.vm.name;
  const bridge = f.services.bridges.bridgeOf(station);
  if (bridge === undefined) throw new Error(`host "${station.name}" is attached to no bridge`);
  const stations = f.services.bridges.stations;
  const giveUp = () => {
    if (stations.stop(station.name, vm) || op === 'de-associate') bridge.expireLater(vm, station.name);
  };
  if (op === 'de-associate') giveUp();
  else stations.refresh(station.name, vm, op === 'associate' ? 'associated' : 'pre-associated');
  const request = f.endpoint.send(bridge.address(), {
    kind: `vdp.${op}`,
    bytes: VDP_FRAME_BYTES,
    body: manager === undefined ? { vm, hint } : { vm, hint, manager },
    migration: f.migration,
  });
  const answer = await f.endpoint.next({
    match: (m) => m.kind === 'vdp.response' && m.inReplyTo === request.id,
    timeoutSec: waitSec,
    deferLoss: true,
  });
  const where = `bridge "${bridge.host.name}"`;
  if (answer.kind !== 'message' || !isKind(answer.message, 'vdp.response')) {
    if (op !== 'de-associate') giveUp();
    throw new Error(`no answer from ${where} to VDP ${op} of VM "${vm}" within ${waitSec} s`);
  }
  const status = String(answer.message.body.status);
  if (status !== 'success') {
    if (op !== 'de-associate') giveUp();
    throw new Error(`${where} refused VDP ${op} of VM "${vm}" (${status})`);
  }
}
