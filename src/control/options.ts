// A phased migration's options as callers give them (`protocol: 'phased'`, features, controller, timers, and the
// memory copy's own options), checked all at once before anything runs, and resolved into settings.
import { closestNames, invalidArgument } from '../core/index.ts';
import type { Host, Platform } from '../platform/index.ts';
import { type MigrateOptions, resolveSettings } from '../vm/index.ts';
import type { BridgeNetwork } from './bridges.ts';
import { type KeepAliveSettings, LIBVIRT_KEEPALIVE } from './endpoint.ts';
import {
  DYNAMIC_STATE_POLICIES,
  DYNAMIC_STATE_PULLS,
  type DynamicStateOptions,
  dynamicState,
} from './features/dynamic-state.ts';
import { FEATURE_HOOKS, type MigrationFeature, type UserFeature } from './features/feature.ts';
import { type VdpPortOptions, vdpPort } from './features/vdp-port.ts';
import type { PhasedSettings } from './phased-migration.ts';

export const BUILT_IN_FEATURES = ['vdp-port', 'dynamic-state'] as const;

export type FeatureSpec =
  | 'vdp-port'
  | ({ name: 'vdp-port' } & VdpPortOptions)
  | ({ name: 'dynamic-state' } & DynamicStateOptions)
  | UserFeature;

export interface PhasedMigrateOptions extends MigrateOptions {
  protocol: 'phased';
  features?: FeatureSpec[];
  /** The management host the controller runs on (default: the VM's source host). */
  controller?: string | Host;
  /** QEMU's pause-before-switchover: the source asks the controller before the switch-over. */
  pauseBeforeSwitchover?: boolean;
  /** libvirt's keep-alive (default: every 5 s, 5 times). */
  keepAlive?: Partial<KeepAliveSettings>;
  /** How long the controller (and the source's switch-over question) waits for an answer (default: 30 s). */
  requestTimeoutSec?: number;
  /** Fast mode: optional features commit after the VM resumed on the destination, so that their failure (or their
   * time) never holds the switch-over; required features still commit before it. Default false. */
  fast?: boolean;
}

/** Keys of the protocol, the rest goes to the memory copy. */
const PROTOCOL_KEYS = [
  'protocol',
  'features',
  'controller',
  'pauseBeforeSwitchover',
  'keepAlive',
  'requestTimeoutSec',
  'fast',
];
/** Hooks the control plane sets itself. */
const RESERVED_KEYS = [
  'beforeSwitchover',
  'beforeResume',
  'onPaused',
  'onSwitchedOver',
  'onEnded',
  'holdSourceAfterCompletion',
  'record',
];

export interface ResolveContext {
  platform: Platform;
  bridges: BridgeNetwork;
  source: Host;
  destination: Host;
}

export function resolvePhased(options: PhasedMigrateOptions, at: ResolveContext): PhasedSettings {
  const problems: string[] = [];
  const engine: MigrateOptions = {};
  for (const [key, value] of Object.entries(options)) {
    if (RESERVED_KEYS.includes(key))
      problems.push(`"${key}" is set by the phased protocol itself; use a feature instead`);
    else if (!PROTOCOL_KEYS.includes(key)) engine[key] = value;
  }
  try {
    resolveSettings(engine);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const controller = resolveController(options.controller, at, problems);
  const keepAlive = { ...LIBVIRT_KEEPALIVE, ...options.keepAlive };
  if (!(keepAlive.intervalSec > 0 && Number.isFinite(keepAlive.intervalSec))) {
    problems.push(`keepAlive.intervalSec must be a number of seconds > 0, not ${keepAlive.intervalSec}`);
  }
  if (!(Number.isInteger(keepAlive.count) && keepAlive.count >= 0)) {
    problems.push(`keepAlive.count must be a whole number ≥ 0, not ${keepAlive.count}`);
  }
  const requestTimeoutSec = options.requestTimeoutSec ?? keepAlive.intervalSec * (keepAlive.count + 1);
  if (!(requestTimeoutSec > 0 && Number.isFinite(requestTimeoutSec))) {
    problems.push(`requestTimeoutSec must be a number of seconds > 0, not ${requestTimeoutSec}`);
  }
  if (options.fast !== undefined && typeof options.fast !== 'boolean') {
    problems.push(`fast must be true or false, not ${JSON.stringify(options.fast)}`);
  }
  const specs = options.features ?? [];
  const manager = bridgePullManager(specs, problems);
  const features = specs.map((spec, i) => resolveFeature(spec, i, at, problems, manager));
  const names = features.map((f) => f?.name);
  for (const [i, name] of names.entries()) {
    if (name !== undefined && names.indexOf(name) !== i) problems.push(`feature "${name}" is given twice`);
  }
  if (problems.length > 0) {
    throw invalidArgument(`Invalid phased migration options:\n${problems.map((p) => `  - ${p}.`).join('\n')}`, {
      problems,
    });
  }
  return {
    engine,
    controller: controller as Host,
    features: features as MigrationFeature[],
    keepAlive,
    requestTimeoutSec,
    pauseBeforeSwitchover: options.pauseBeforeSwitchover === true,
    fast: options.fast === true,
  };
}

/** The database a dynamic-state feature with `pull: 'bridge'` names: vdp-port's Pre-Associate carries it as its VSI
 * manager, so that the destination's bridge PULLs on the M bit. Such a feature needs vdp-port. */
function bridgePullManager(specs: readonly FeatureSpec[], problems: string[]): string | undefined {
  const named = specs.map((spec) => (typeof spec === 'string' ? { name: spec } : spec));
  const index = named.findIndex(
    (spec) => spec.name === 'dynamic-state' && (spec as DynamicStateOptions).pull === 'bridge',
  );
  if (index < 0) return undefined;
  if (!named.some((spec) => spec.name === 'vdp-port')) {
    problems.push(
      `features[${index}]: pull: bridge needs the vdp-port feature (the bridge PULLs on the M bit of its Pre-Associate); add 'vdp-port' or pull: destination`,
    );
  }
  return (named[index] as DynamicStateOptions).database;
}

function resolveController(controller: PhasedMigrateOptions['controller'], at: ResolveContext, problems: string[]) {
  if (controller === undefined) return at.source;
  if (typeof controller !== 'string') return controller;
  if (at.platform.hasHost(controller)) return at.platform.host(controller);
  problems.push(`controller host "${controller}" is not a host of the platform${guess(controller, at.platform)}`);
  return undefined;
}

function resolveFeature(
  spec: FeatureSpec,
  i: number,
  at: ResolveContext,
  problems: string[],
  vsiManager: string | undefined,
): MigrationFeature | undefined {
  const where = `features[${i}]`;
  const named = typeof spec === 'string' ? { name: spec } : spec;
  const bridgesOf = () => {
    for (const host of [at.source, at.destination]) {
      const problem = at.bridges.problem(host);
      if (problem !== undefined) problems.push(`${where} (${named.name}): ${problem}`);
    }
  };
  if (named.name === 'vdp-port') {
    const options = named as VdpPortOptions;
    if (options.responseWaitSec !== undefined && !(options.responseWaitSec > 0)) {
      problems.push(`${where}: responseWaitSec must be > 0 s, not ${options.responseWaitSec}`);
    }
    bridgesOf();
    return vdpPort(vsiManager === undefined ? options : { ...options, vsiManager });
  }
  if (named.name === 'dynamic-state') {
    if (typeof spec === 'string') {
      problems.push(`${where}: dynamic-state needs {name, sizeBytes, database, policy}`);
      return undefined;
    }
    const options = named as DynamicStateOptions;
    checkDynamicState(options, where, at, problems);
    bridgesOf();
    return dynamicState(options);
  }
  const user = named as UserFeature;
  if (typeof spec === 'string' || !FEATURE_HOOKS.some((hook) => typeof user[hook] === 'function')) {
    const close = closestNames(String(named.name), BUILT_IN_FEATURES);
    const hint = close.length > 0 ? ` (did you mean "${close[0]}"?)` : '';
    problems.push(
      `${where}: unknown feature "${named.name}"${hint}; use ${BUILT_IN_FEATURES.join(', ')}, or an object with hooks (${FEATURE_HOOKS.join(', ')})`,
    );
    return undefined;
  }
  return { ...user, name: user.name, required: user.required ?? true };
}

function checkDynamicState(options: DynamicStateOptions, where: string, at: ResolveContext, problems: string[]): void {
  if (!(options.sizeBytes > 0 && Number.isFinite(options.sizeBytes))) {
    problems.push(`${where}: sizeBytes must be a number of bytes > 0, not ${options.sizeBytes}`);
  }
  if (typeof options.database !== 'string' || !at.platform.hasHost(options.database)) {
    problems.push(
      `${where}: database host "${options.database}" is not a host of the platform${guess(String(options.database), at.platform)}`,
    );
  }
  if (!DYNAMIC_STATE_POLICIES.includes(options.policy)) {
    const close = closestNames(String(options.policy), DYNAMIC_STATE_POLICIES);
    const hint = close.length > 0 ? ` (did you mean "${close[0]}"?)` : '';
    problems.push(
      `${where}: policy must be one of ${DYNAMIC_STATE_POLICIES.join(', ')}, not "${options.policy}"${hint}`,
    );
  }
  const waitOk = options.waitSec !== undefined && options.waitSec >= 0 && Number.isFinite(options.waitSec);
  if (options.policy !== 'proceed' && !waitOk) {
    problems.push(`${where}: policy ${options.policy} needs waitSec, the longest wait in Finish (seconds ≥ 0)`);
  }
  if (options.policy === 'proceed' && options.waitSec !== undefined && !waitOk) {
    problems.push(`${where}: waitSec must be a number of seconds ≥ 0, not ${options.waitSec}`);
  }
  if (options.pull !== undefined && !DYNAMIC_STATE_PULLS.includes(options.pull)) {
    problems.push(`${where}: pull must be one of ${DYNAMIC_STATE_PULLS.join(', ')}, not "${options.pull}"`);
  }
  if (options.pull === 'bridge' && options.policy === 'serialize') {
    problems.push(
      `${where}: pull: bridge cannot serialize (the bridge PULLs at the Pre-Associate, before any PUSH); use wait or proceed`,
    );
  }
}

function guess(name: string, platform: Platform): string {
  const close = closestNames(
    name,
    platform.hosts.map((h) => h.name),
  );
  return close.length > 0 ? ` (did you mean "${close[0]}"?)` : '';
}
