// What the kernel asks of resource models (CPU, network, VM layers): the two questions of a discrete-event step,
// "how long until your next action ends?" and "advance to this date", plus the actions they hand out.

/** An ongoing use of resources (a computation, a transfer, a sleep) as a model tracks it. */
export interface ModelAction {
  /** Told when the action ends. */
  readonly owner: ActionOwner | undefined;
  /** Work left (flops or bytes), brought up to date. */
  remaining(): number;
  /** Date at which the action finished or failed, or undefined while it runs. */
  readonly finishTime: number | undefined;
  /** True once the action failed (resource off, cancelled). */
  readonly failed: boolean;
  /** Stops the action: it ends as failed and is reported to its owner. */
  cancel(): void;
  suspend(): void;
  resume(): void;
  /** Frees what the model holds for this action; it must not be used afterwards. */
  release(): void;
}

/** Who is told when an action ends (the activity that started it). */
export interface ActionOwner {
  actionEnded(action: ModelAction, failed: boolean): void;
}

export interface ResourceModel {
  readonly name: string;
  /** Seconds until this model's next action ends, or Infinity when it has none. May solve the model's sharing. */
  nextEventDelay(now: number): number;
  /** Time moved to `now` (by `delta` seconds): finish the actions that end now. */
  advance(now: number, delta: number): void;
  /** Hands every action that ended since the last call to `handler`, failed ones first. */
  drainEnded(handler: (action: ModelAction, failed: boolean) => void): void;
}

export interface ExecutionOptions {
  /** Threads of a parallel execution, one core each, each computing the given flops (SimGrid's thread count);
   * default 1. */
  cores?: number;
  /** Share weight against other executions; default 1. Single-thread executions only (SimGrid ignores it otherwise). */
  priority?: number;
  /** Maximum speed in flop/s; undefined = none. Single-thread executions only (SimGrid ignores it otherwise). */
  boundFlopsPerSec?: number;
}

/** What a host's processor offers to the kernel. */
export interface ExecutionResource {
  execute(flops: number, options: ExecutionOptions, owner: ActionOwner): ModelAction;
  /** An action that only lasts `durationSec` (Infinity: never ends by itself). */
  sleep(durationSec: number, owner: ActionOwner): ModelAction;
}

/** The network as the kernel sees it. */
export interface NetworkResource {
  communicate(
    src: NetworkEndpoint,
    dst: NetworkEndpoint,
    bytes: number,
    rateBytesPerSec: number | undefined,
    owner: ActionOwner,
  ): ModelAction;
}

/** A place on the network (a host; a VM uses its physical machine's). */
export interface NetworkEndpoint {
  readonly name: string;
  readonly networkNode: NetworkEndpoint;
}
