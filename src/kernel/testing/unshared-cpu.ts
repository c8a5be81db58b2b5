// For kernel tests: a processor that does not share (every execution runs at full speed, every sleep lasts its
// duration) and is its own resource model, so that the engine can be tested without the models layer.
import type { Engine } from '../engine.ts';
import type { SimHost } from '../host.ts';
import type {
  ActionOwner,
  ExecutionOptions,
  ExecutionResource,
  ModelAction,
  NetworkEndpoint,
  ResourceModel,
} from '../resource-model.ts';

class UnsharedAction implements ModelAction {
  finishTime: number | undefined;
  failed = false;
  paused = false;

  constructor(
    private readonly cpu: UnsharedCpu,
    readonly owner: ActionOwner,
    /** Seconds of work left (Infinity: never ends by itself). */
    public left: number,
  ) {}

  remaining(): number {
    return this.left * this.cpu.speedFlops;
  }

  cancel(): void {
    this.cpu.end(this, true);
  }

  suspend(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  release(): void {
    this.cpu.forget(this);
  }
}

export class UnsharedCpu implements ExecutionResource, ResourceModel {
  readonly name = 'unshared cpu';
  private running: UnsharedAction[] = [];
  private ended: UnsharedAction[] = [];

  constructor(
    private readonly engine: Engine,
    readonly speedFlops: number,
  ) {
    engine.addModel(this);
  }

  execute(flops: number, _options: ExecutionOptions, owner: ActionOwner): ModelAction {
    return this.start(flops / this.speedFlops, owner);
  }

  sleep(durationSec: number, owner: ActionOwner): ModelAction {
    return this.start(durationSec, owner);
  }

  nextEventDelay(_now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const action of this.running) if (!action.paused && action.left < next) next = action.left;
    return next;
  }

  advance(_now: number, delta: number): void {
    for (const action of [...this.running]) {
      if (action.paused) continue;
      action.left -= delta;
      if (action.left <= 0) this.end(action, false);
    }
  }

  drainEnded(handler: (action: ModelAction, failed: boolean) => void): void {
    const ended = this.ended;
    this.ended = [];
    for (const action of ended) handler(action, action.failed);
  }

  end(action: UnsharedAction, failed: boolean): void {
    if (action.finishTime !== undefined) return;
    action.finishTime = this.engine.now;
    action.failed = failed;
    this.forget(action);
    this.ended.push(action);
  }

  forget(action: UnsharedAction): void {
    this.running = this.running.filter((other) => other !== action);
  }

  private start(durationSec: number, owner: ActionOwner): UnsharedAction {
    const action = new UnsharedAction(this, owner, durationSec);
    this.running.push(action);
    return action;
  }
}

/** A host named `name` with an unshared processor of `speedFlops`, and no network. */
export function unsharedHost(engine: Engine, name: string, speedFlops = 1): SimHost {
  const host: SimHost = {
    name,
    isOn: () => true,
    cpu: new UnsharedCpu(engine, speedFlops),
    isVirtual: false,
    get networkNode(): NetworkEndpoint {
      return host;
    },
  };
  return host;
}
