// The public API of livemig, listed name by name (types with `export type`).

export {
  closestNames,
  didYouMean,
  type ErrorCode,
  formatBandwidth,
  formatBytes,
  formatExponential,
  formatFixed,
  formatFlops,
  formatG,
  formatIssue,
  formatSeconds,
  InputError,
  type Issue,
  isLivemigError,
  LivemigError,
  parseBandwidth,
  parseSize,
  parseSpeed,
  parseTime,
  Random,
  type SourceLocation,
  type UnitOptions,
} from './core/index.ts';
export {
  ActivityHandle,
  type ActivityState,
  Actor,
  type ActorBody,
  ActorContext,
  type ActorFailure,
  type BlockedActor,
  CommHandle,
  Engine,
  type EngineOptions,
  ExecHandle,
  type ExecutionOptions,
  type LogRecord,
  MailboxHandle,
  type ModelAction,
  type ResourceModel,
  type RunOptions,
  type RunResult,
  type SendOptions,
  type SimHost,
  type SpawnOptions,
  spawnActor,
  type TraceEvent,
  type TraceListener,
} from './kernel/index.ts';
export {
  CM02,
  ConstantNetworkModel,
  Cpu,
  CpuModel,
  Link,
  type LinkSharing,
  LV08,
  NetworkModel,
  type NetworkModelConfig,
  type Route,
} from './models/index.ts';
export * from './platform/index.ts';
export * from './report/index.ts';
export * from './scenario/index.ts';
export * from './simulation/index.ts';
export { type Constraint, MaxMinSystem, type SharingPolicy, type Variable } from './solver/index.ts';
export * from './vm/index.ts';
