// Options of a migration, as callers give them, resolved into the settings the engine runs with: the algorithm
// (built-in by name, or a custom one), parallel streams, compression, CPU costs, device state, and the hooks of
// the control plane (a gate before the switch-over, a last word before the VM resumes on the destination).
import { LivemigError } from '../../core/index.ts';
import type { ActorContext } from '../../kernel/index.ts';
import { BUILT_IN_ALGORITHMS, type ChosenAlgorithm, isBuiltInAlgorithm } from './algorithms.ts';
import type { MigrationRun } from './migration-run.ts';
import { readAlgorithmOptions } from './option-schema.ts';
import type { MigrationRecord } from './records.ts';
import type { MigrationAlgorithm, PostCopyPushOptions } from './strategy.ts';

export interface MigrateOptions {
  /** 'simgrid-precopy' (default), 'precopy', 'mplm', 'postcopy', 'hybrid', 'stop-and-copy', or a custom one. */
  algorithm?: string | MigrationAlgorithm;
  /** Parallel flows (QEMU multifd); default 1. */
  streams?: number;
  /** xbzrle-like compression of re-sent pages: bytes on the wire = bytes × ratio, at a CPU cost on both hosts. */
  compression?: { ratio: number; flopsPerByte?: number };
  /** CPU spent per byte sent on the source and received on the destination (flops/byte); default 0. */
  sendFlopsPerByte?: number;
  receiveFlopsPerByte?: number;
  /** Where the receive cost runs: on the destination host (default, as QEMU's incoming process), or inside the VM
   * without being waited for (SimGrid 3.10's migration receiver: `received × xfer_cpu_overhead` on the VM). */
  receiveCostIn?: 'destination' | 'vm';
  /** Bytes of device state sent with the last round; default 0 (SimGrid). */
  deviceStateBytes?: number;
  /** Send the first round (whole memory) in chunks of this many bytes, one transfer each (default: one). */
  bulkChunkBytes?: number;
  /** Share of the VM's CPU spent tracking dirty pages while it migrates (0..1); default 0 (SimGrid). */
  trackingCpuShare?: number;
  /** Flops spent tracking each dirtied byte (SimGrid 3.10's dpt_cpu_overhead): at every sync of the dirty log, an
   * execution of `updated bytes × trackingFlopsPerByte` runs inside the VM; default 0. */
  trackingFlopsPerByte?: number;
  /** Runs with the VM paused before the switch-over (QEMU's pause-before-switchover); throw to cancel. */
  beforeSwitchover?: (ctx: ActorContext, run: MigrationRun) => Promise<void>;
  /** Runs on the destination once the data is there, before the VM resumes; throw to roll back. */
  beforeResume?: (ctx: ActorContext, run: MigrationRun) => Promise<void>;
  /** Told (at once, without waiting) when the VM pauses on the source for the switch-over. */
  onPaused?: (run: MigrationRun) => void;
  /** Told (at once) when the VM runs on the destination: the commit point. */
  onSwitchedOver?: (run: MigrationRun) => void;
  /** Told (at once) when the migration ends, with its error if it failed: even when the issuer died with its
   * host and nobody waits for the answer any more. */
  onEnded?: (run: MigrationRun, error: LivemigError | undefined) => void;
  /** Once every byte reached the destination (the source's QEMU has completed), a failure leaves the VM paused on
   * the source instead of resuming it there: the caller resumes it (`VmManager.resumeHeld`), as libvirt's Confirm
   * does. A failure of the source host then no longer loses the VM: it waits, paused, on the destination. */
  holdSourceAfterCompletion?: boolean;
  /** A record prepared by the caller (the control plane), which this run fills instead of making a new one. */
  record?: MigrationRecord;
  /** Options of the algorithm (downtimeLimitSec, maxBandwidthBytesPerSec, autoConverge, …), read against the schema
   * it declares: a key it does not take, or a value of the wrong type, is an InputError. */
  [option: string]: unknown;
}

export interface MigrationSettings {
  algorithm: MigrationAlgorithm;
  /** The algorithm's options, read by its schema (the type its `create` takes). */
  parameters: unknown;
  /** Caps of the post-copy push (none for an algorithm that never goes post-copy). */
  postCopy: PostCopyPushOptions;
  streams: number;
  compression: { ratio: number; flopsPerByte: number } | undefined;
  sendFlopsPerByte: number;
  receiveFlopsPerByte: number;
  receiveCostIn: 'destination' | 'vm';
  deviceStateBytes: number;
  bulkChunkBytes: number | undefined;
  trackingCpuShare: number;
  trackingFlopsPerByte: number;
  beforeSwitchover: MigrateOptions['beforeSwitchover'];
  beforeResume: MigrateOptions['beforeResume'];
  onPaused: MigrateOptions['onPaused'];
  onSwitchedOver: MigrateOptions['onSwitchedOver'];
  onEnded: MigrateOptions['onEnded'];
  holdSourceAfterCompletion: boolean;
  record: MigrationRecord | undefined;
}

const ENGINE_KEYS = new Set([
  'algorithm',
  'streams',
  'compression',
  'sendFlopsPerByte',
  'receiveFlopsPerByte',
  'receiveCostIn',
  'deviceStateBytes',
  'bulkChunkBytes',
  'trackingCpuShare',
  'trackingFlopsPerByte',
  'beforeSwitchover',
  'beforeResume',
  'onPaused',
  'onSwitchedOver',
  'onEnded',
  'holdSourceAfterCompletion',
  'record',
]);

export function resolveSettings(options: MigrateOptions): MigrationSettings {
  const algorithm = resolveAlgorithm(options.algorithm);
  const parameters = readAlgorithmOptions(algorithm.options, algorithmParameters(options));
  const streams = options.streams ?? 1;
  if (!(Number.isInteger(streams) && streams >= 1)) throw bad(`streams must be a whole number ≥ 1, not ${streams}`);
  const compression = options.compression;
  if (compression !== undefined && !(compression.ratio > 0 && compression.ratio <= 1)) {
    throw bad(`compression.ratio must be in (0, 1], not ${compression.ratio}`);
  }
  const receiveCostIn = options.receiveCostIn ?? 'destination';
  if (receiveCostIn !== 'destination' && receiveCostIn !== 'vm') {
    throw bad(`receiveCostIn must be 'destination' or 'vm', not ${JSON.stringify(receiveCostIn)}`);
  }
  return {
    algorithm,
    parameters,
    postCopy: algorithm.postCopyPush?.(parameters) ?? { maxBandwidthBytesPerSec: 0, accessRateBytesPerSec: undefined },
    streams,
    compression:
      compression === undefined ? undefined : { ratio: compression.ratio, flopsPerByte: compression.flopsPerByte ?? 0 },
    sendFlopsPerByte: nonNegative(options.sendFlopsPerByte, 'sendFlopsPerByte'),
    receiveFlopsPerByte: nonNegative(options.receiveFlopsPerByte, 'receiveFlopsPerByte'),
    receiveCostIn,
    deviceStateBytes: nonNegative(options.deviceStateBytes, 'deviceStateBytes'),
    bulkChunkBytes:
      options.bulkChunkBytes === undefined ? undefined : positive(options.bulkChunkBytes, 'bulkChunkBytes'),
    trackingCpuShare: fraction(options.trackingCpuShare, 'trackingCpuShare'),
    trackingFlopsPerByte: nonNegative(options.trackingFlopsPerByte, 'trackingFlopsPerByte'),
    beforeSwitchover: options.beforeSwitchover,
    beforeResume: options.beforeResume,
    onPaused: options.onPaused,
    onSwitchedOver: options.onSwitchedOver,
    onEnded: options.onEnded,
    holdSourceAfterCompletion: options.holdSourceAfterCompletion === true,
    record: options.record,
  };
}

/** The options given to the algorithm: all but the engine's (and those left undefined). */
export function algorithmParameters(options: MigrateOptions): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options))
    if (!ENGINE_KEYS.has(key) && value !== undefined) parameters[key] = value;
  return parameters;
}

export function resolveAlgorithm(algorithm: MigrateOptions['algorithm']): MigrationAlgorithm {
  if (algorithm === undefined) return BUILT_IN_ALGORITHMS['simgrid-precopy'] as MigrationAlgorithm;
  if (typeof algorithm !== 'string') {
    if (algorithm.options === undefined) {
      throw bad(`the algorithm "${algorithm.name}" declares no options; give it options: algorithmOptions(name, {…})`);
    }
    return algorithm;
  }
  if (!isBuiltInAlgorithm(algorithm)) {
    throw bad(`unknown migration algorithm "${algorithm}"; use one of ${Object.keys(BUILT_IN_ALGORITHMS).join(', ')}`);
  }
  return BUILT_IN_ALGORITHMS[algorithm] as MigrationAlgorithm;
}

/** A built-in algorithm chosen by name (the default when none is), with its options read by its schema. */
export function readBuiltInOptions(options: MigrateOptions): ChosenAlgorithm {
  const name = options.algorithm ?? 'simgrid-precopy';
  if (typeof name !== 'string' || !isBuiltInAlgorithm(name)) throw bad('a built-in algorithm is needed here');
  const algorithm: MigrationAlgorithm = BUILT_IN_ALGORITHMS[name];
  return { name, options: readAlgorithmOptions(algorithm.options, algorithmParameters(options)) } as ChosenAlgorithm;
}

function nonNegative(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!(value >= 0) || !Number.isFinite(value)) throw bad(`${name} must be a number ≥ 0, not ${value}`);
  return value;
}

function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw bad(`${name} must be a number > 0, not ${value}`);
  return value;
}

function fraction(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!(value >= 0 && value < 1)) throw bad(`${name} must be in [0, 1), not ${value}`);
  return value;
}

function bad(message: string): LivemigError {
  return new LivemigError('invalid-argument', `Invalid migration options: ${message}.`);
}
