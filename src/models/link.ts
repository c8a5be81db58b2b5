// A network link: a solver constraint of capacity = bandwidth (SHARED: flows add up; FATPIPE: each flow alone),
// plus a latency. Changing bandwidth or latency updates the flows that cross it, as SimGrid does.
import type { Constraint } from '../solver/index.ts';
import type { LmmAction } from './action.ts';
import type { NetworkModel } from './network-model.ts';

export type LinkSharing = 'shared' | 'fatpipe';

export class Link {
  readonly constraint: Constraint<LmmAction>;
  bandwidthScale = 1;
  private on = true;

  constructor(
    readonly model: NetworkModel,
    readonly name: string,
    private bandwidthPeak: number,
    private latency: number,
    readonly sharing: LinkSharing,
  ) {
    this.constraint = model.system.newConstraint(bandwidthPeak, sharing, name);
  }

  /** Bandwidth in bytes/s. */
  get bandwidthBytesPerSec(): number {
    return this.bandwidthPeak * this.bandwidthScale;
  }

  get latencySec(): number {
    return this.latency;
  }

  isOn(): boolean {
    return this.on;
  }

  /** Bytes/s in use now by the flows that cross the link. */
  load(): number {
    return this.constraint.load();
  }

  setBandwidth(bytesPerSec: number): void {
    const system = this.model.system;
    const old = this.bandwidthPeak;
    this.bandwidthPeak = bytesPerSec;
    system.updateConstraintBound(this.constraint, this.bandwidthBytesPerSec);
    const weightS = this.model.config.weightS;
    if (weightS <= 0) return;
    const delta = weightS / this.bandwidthBytesPerSec - weightS / (old * this.bandwidthScale);
    for (const action of this.actions()) {
      const flow = this.model.flowOf(action);
      if (flow === undefined) continue;
      flow.flowPenalty += delta;
      if (flow.suspendState !== 'suspended' && flow.variable !== undefined) {
        system.updateVariablePenalty(flow.variable, flow.flowPenalty);
      }
    }
  }

  setLatency(seconds: number): void {
    const system = this.model.system;
    const delta = seconds - this.latency;
    this.latency = seconds;
    const gamma = this.model.config.tcpGammaBytes;
    for (const action of this.actions()) {
      const flow = this.model.flowOf(action);
      if (flow === undefined || action.variable === undefined) continue;
      flow.latCurrent += delta;
      flow.flowPenalty += delta;
      const windowBound = gamma / (2 * flow.latCurrent);
      const userBound = action.userBound ?? -1;
      system.updateVariableBound(action.variable, userBound < 0 ? windowBound : Math.min(userBound, windowBound));
      if (action.suspendState !== 'suspended') system.updateVariablePenalty(action.variable, flow.flowPenalty);
    }
  }

  /** Fails every flow that crosses the link. */
  turnOff(): void {
    if (!this.on) return;
    this.on = false;
    const model = this.model;
    for (const action of this.actions()) {
      if (action.state === 'started') {
        action.finishTime = model.engine.now;
        model.setState(action, 'failed');
        model.unschedule(action);
      }
    }
  }

  turnOn(): void {
    this.on = true;
  }

  private actions(): LmmAction[] {
    const result: LmmAction[] = [];
    for (let e = this.constraint.enabled.head; e !== null; e = e.listNext) result.push(e.variable.ref);
    for (let e = this.constraint.disabled.head; e !== null; e = e.listNext) result.push(e.variable.ref);
    return result;
  }
}
