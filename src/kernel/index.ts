// Public face of the kernel layer: the engine, actors, activities, mailboxes, the resource-model interface; and,
// for the layers above only (not in src/index.ts), `internalsOf`: the few scheduler operations they need.
export { Activity, type ActivityState } from './activity.ts';
export { Actor, type ActorState, type Blocker } from './actor.ts';
export {
  ActivityHandle,
  type ActorBody,
  ActorContext,
  CommHandle,
  ExecHandle,
  MailboxHandle,
  spawnActor,
} from './actor-context.ts';
export { Calendar, type Timer } from './calendar.ts';
export { CommActivity, type CommFailure } from './comm.ts';
export {
  type ActorFailure,
  type BlockedActor,
  Engine,
  type EngineOptions,
  type LogRecord,
  type RunOptions,
  type RunResult,
  type SpawnOptions,
} from './engine.ts';
export { actorKilled, cancelledError, hostFailure, networkFailure, timeoutError } from './errors.ts';
export { ExecActivity, JoinActivity, SleepActivity } from './exec.ts';
export type { SimHost } from './host.ts';
export { type EngineInternals, internalsOf } from './internals.ts';
export { Mailbox, type SendOptions } from './mailbox.ts';
export type {
  ActionOwner,
  ExecutionOptions,
  ExecutionResource,
  ModelAction,
  NetworkEndpoint,
  NetworkResource,
  ResourceModel,
} from './resource-model.ts';
export { SignalActivity } from './signal.ts';
export { TraceBus, type TraceEvent, type TraceListener } from './trace.ts';
