// SimGrid's Constant network model: every transfer takes the same time, whatever its size and route.
import type { ActionOwner, Engine, ModelAction, NetworkEndpoint, NetworkResource } from '../kernel/index.ts';
import { LmmAction } from './action.ts';
import { LmmModel, sameDate } from './lmm-model.ts';

export class ConstantNetworkModel extends LmmModel implements NetworkResource {
  constructor(
    engine: Engine,
    /** Duration of every transfer, in seconds (SimGrid: the latency factor, 1 by default). */
    readonly transferTimeSec = 1,
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
    const action = new LmmAction(this, bytes, false, owner);
    if (this.transferTimeSec <= 0) {
      this.finish(action, 'finished');
      return action;
    }
    this.setMaxDuration(action, this.transferTimeSec);
    this.pushModifiedBack(action);
    return action;
  }

  advance(now: number, _delta: number): void {
    for (let top = this.heap.peek(); top !== undefined && sameDate(top.heapDate, now); top = this.heap.peek()) {
      this.heap.pop();
      this.finish(top, 'finished');
    }
  }
}
