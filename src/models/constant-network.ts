// SimGrid's Constant network model (network_constant.cpp): every transfer lasts the same time, whatever its size and
// route: the latency factor, 13.01 s by default. Its work drains linearly over that time, so a 0-byte transfer ends at
// the next event of the simulation, whatever it is. Actions are updated at every step (no heap), in creation order.
import type { ActionOwner, Engine, ModelAction, NetworkEndpoint, NetworkResource } from '../kernel/index.ts';
import { LmmAction } from './action.ts';
import { DATE_PRECISION, LmmModel, SHARE_PRECISION, subtract } from './lmm-model.ts';

/** SimGrid's default `network/latency-factor`, the duration of every transfer under the constant model. */
export const CONSTANT_TRANSFER_TIME_SEC = 13.01;

class ConstantTransfer extends LmmAction {
  /** Seconds left before the transfer is over (it ends earlier if its bytes drain first, e.g. 0 bytes). */
  latencyLeftSec = 0;
}

export class ConstantNetworkModel extends LmmModel implements NetworkResource {
  private readonly transfers = new Set<ConstantTransfer>();

  constructor(
    engine: Engine,
    /** Duration of every transfer, in seconds (SimGrid: `network/latency-factor`, 13.01 by default). */
    readonly transferTimeSec = CONSTANT_TRANSFER_TIME_SEC,
  ) {
    super(engine, 'network constant');
  }

  communicate(
    _src: NetworkEndpoint,
    _dst: NetworkEndpoint,
    bytes: number,
    _rate: number | undefined,
    owner: ActionOwner,
  ): ModelAction {
    const action = new ConstantTransfer(this, bytes, false, owner);
    action.latencyLeftSec = this.transferTimeSec;
    if (this.transferTimeSec <= 0) this.finish(action, 'finished');
    else this.transfers.add(action);
    return action;
  }

  override nextEventDelay(_now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const action of this.running()) {
      if (action.latencyLeftSec > 0 && action.latencyLeftSec < next) next = action.latencyLeftSec;
    }
    return next;
  }

  advance(_now: number, delta: number): void {
    for (const action of this.running()) {
      if (action.latencyLeftSec > 0) {
        action.latencyLeftSec =
          action.latencyLeftSec > delta ? subtract(action.latencyLeftSec, delta, DATE_PRECISION) : 0;
      }
      action.remains = subtract(
        action.remains,
        (action.cost * delta) / this.transferTimeSec,
        SHARE_PRECISION * DATE_PRECISION,
      );
      if (action.remains <= 0) {
        this.transfers.delete(action);
        this.finish(action, 'finished');
      }
    }
  }

  override updateRemainsLazy(_action: LmmAction, _now: number): void {}

  /** The transfers still under way, in creation order (ended, cancelled or released ones are dropped). */
  private running(): ConstantTransfer[] {
    const result: ConstantTransfer[] = [];
    for (const action of this.transfers) {
      if (action.state === 'started' && !action.released) result.push(action);
      else this.transfers.delete(action);
    }
    return result;
  }
}
