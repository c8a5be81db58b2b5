// The control plane's scenario keys → typed values: a phased migration's options (features with their units
// resolved), the faults a step or an event injects, and the bridges.
import type { ControlFault, FeatureSpec, PhasedMigrateOptions } from '../control/index.ts';
import type { CommandFeatureSpec } from '../drivers/index.ts';
import type { FeatureDocument } from './format/control-keys.ts';
import type { BridgeSpec, ControlFaultCommand, Where } from './model.ts';

/** The keys of a migrate step that belong to the phased protocol. */
export interface PhasedDocument {
  protocol: 'direct' | 'phased';
  controller?: string | undefined;
  features?: FeatureDocument[] | undefined;
  pauseBeforeSwitchover?: boolean | undefined;
  keepAlive?: { interval?: number | undefined; count?: number | undefined } | undefined;
  requestTimeout?: number | undefined;
  fast?: boolean | undefined;
}

/** Adds the phased keys to a migration's options (nothing for a direct migration). */
export function addPhasedOptions(options: Record<string, unknown>, value: PhasedDocument): void {
  if (value.protocol !== 'phased') return;
  const phased = options as Partial<PhasedMigrateOptions>;
  phased.protocol = 'phased';
  if (value.controller !== undefined) phased.controller = value.controller;
  if (value.features !== undefined) phased.features = value.features.map(featureSpec) as FeatureSpec[];
  if (value.pauseBeforeSwitchover !== undefined) phased.pauseBeforeSwitchover = value.pauseBeforeSwitchover;
  const keepAlive = value.keepAlive;
  if (keepAlive !== undefined) {
    phased.keepAlive = {
      ...(keepAlive.interval === undefined ? {} : { intervalSec: keepAlive.interval }),
      ...(keepAlive.count === undefined ? {} : { count: keepAlive.count }),
    };
  }
  if (value.requestTimeout !== undefined) phased.requestTimeoutSec = value.requestTimeout;
  if (value.fast !== undefined) phased.fast = value.fast;
}

/** A `command` feature of a real run: shell hooks (src/drivers/phased/command-feature.ts). */
export type CommandFeatureOption = CommandFeatureSpec & { kind: 'command' };

function featureSpec(feature: FeatureDocument): FeatureSpec | CommandFeatureOption {
  const required = feature.required === undefined ? {} : { required: feature.required };
  if (feature.name === 'command') {
    const command: CommandFeatureOption = { kind: 'command', name: feature.label ?? 'command', ...required };
    for (const hook of ['begin', 'prepare', 'commit', 'rollback', 'release'] as const) {
      const text = feature[hook];
      if (text !== undefined) command[hook] = text;
    }
    if (feature.timeout !== undefined) command.timeoutSec = feature.timeout;
    return command;
  }
  if (feature.name === 'vdp-port') {
    return {
      name: 'vdp-port',
      ...required,
      ...(feature.responseWait === undefined ? {} : { responseWaitSec: feature.responseWait }),
    };
  }
  return {
    name: 'dynamic-state',
    ...required,
    sizeBytes: feature.size ?? Number.NaN,
    database: feature.database ?? '',
    policy: feature.policy ?? 'wait',
    ...(feature.wait === undefined ? {} : { waitSec: feature.wait }),
    ...(feature.pull === undefined ? {} : { pull: feature.pull }),
  };
}

interface FaultDocument {
  bridge?: string;
  host?: string;
  database?: string;
  mode?: string;
  delay?: number | undefined;
  count?: number | undefined;
  kind?: string;
  from?: string | undefined;
  to?: string | undefined;
}

/** A fault key of a step or an event as the control plane takes it. */
export function controlFault(kind: ControlFaultCommand, value: FaultDocument): ControlFault {
  const count = value.count === undefined ? {} : { count: value.count };
  const delaySec = value.delay === undefined ? {} : { delaySec: value.delay };
  switch (kind) {
    case 'bridgeFault':
      return { target: 'bridge', host: value.bridge ?? '', mode: value.mode as 'refuse', ...delaySec, ...count };
    case 'agentFault':
      return { target: 'agent', host: value.host ?? '', mode: value.mode as 'slow', ...delaySec, ...count };
    case 'databaseFault':
      return { target: 'database', host: value.database ?? '', mode: value.mode as 'slow', ...delaySec, ...count };
    case 'loseMessages':
      return {
        target: 'messages',
        kind: value.kind ?? '',
        ...(value.from === undefined ? {} : { from: value.from }),
        ...(value.to === undefined ? {} : { to: value.to }),
        ...count,
      };
  }
}

export interface BridgeDocument {
  name: string;
  stations: string[];
  processing?: number | undefined;
  resourceWait?: number | undefined;
  keepAliveExpiry?: number | undefined;
}

export function buildBridges(bridges: readonly BridgeDocument[], where: (path: string) => Where): BridgeSpec[] {
  return bridges.map((bridge, i) => ({
    name: bridge.name,
    stations: bridge.stations,
    processingSec: bridge.processing,
    resourceWaitSec: bridge.resourceWait,
    keepAliveExpirySec: bridge.keepAliveExpiry,
    where: where(`bridges[${i}]`),
  }));
}
