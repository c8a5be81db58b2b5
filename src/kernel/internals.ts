// The engine's internal scheduler as the other kernel files and the layers above reach it: `schedulerOf` gives
// kernel files the whole scheduler; `internalsOf` gives the platform, VM, control and simulation layers the few
// operations they need. Neither is part of the public API.
import type { LivemigError } from '../core/index.ts';
import type { Actor, Blocker } from './actor.ts';
import type { ActorFailure, Engine } from './engine.ts';
import type { SimHost } from './host.ts';
import type { NetworkResource } from './resource-model.ts';
import type { Scheduler } from './scheduler.ts';

/** What the layers above the kernel may do with an engine's actors and scheduler. */
export interface EngineInternals {
  /** The actor whose code is running, if any. */
  readonly current: Actor | undefined;
  /** Time steps taken so far. */
  readonly stepCount: number;
  /** Uncaught actor errors, when the engine records them (`actorErrors: 'record'`). */
  readonly failures: readonly ActorFailure[];
  /** The network that communications use (set once by the platform). */
  useNetwork(network: NetworkResource): void;
  /** How a host is found by name (set once by the simulation). */
  useHostResolver(resolver: (name: string) => SimHost): void;
  /** Writes a log record on behalf of `actor` (undefined: outside any actor). */
  log(actor: Actor | undefined, message: string): void;
  /** Throws unless `actor` is the one running now (catches a forgotten `await`). */
  checkRunning(actor: Actor, operation: string): void;
  /** Blocks the running actor on `blocker` until `wake` (or a kill). */
  block(actor: Actor, blocker: Blocker | undefined): Promise<unknown>;
  /** Wakes a blocked actor: it goes on with `value`, or throws `error` when one is given. */
  wake(actor: Actor, value?: unknown, error?: LivemigError): void;
  kill(actor: Actor, reason: string): void;
  killActorsOn(host: SimHost, reason: string): void;
  actorsOn(host: SimHost): Actor[];
  aliveActors(): Actor[];
  suspendActor(actor: Actor): void;
  resumeActor(actor: Actor): void;
}

/** The scheduler of `engine`, for the kernel's own files. */
export function schedulerOf(engine: Engine): Scheduler {
  // biome-ignore lint/complexity/useLiteralKeys: the field is private to Engine's public type; the kernel reads it here only
  return engine['scheduler'];
}

/** The operations of `engine`'s scheduler that the layers above the kernel use. */
export function internalsOf(engine: Engine): EngineInternals {
  return schedulerOf(engine);
}
