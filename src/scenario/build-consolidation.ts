// The consolidation parts of a scenario document → typed specs: each VM's workload, each host's power (presets
// resolved to their SPECpower tables), and the `consolidation` block with the policies' defaults filled in.
import { dirname, resolve } from 'node:path';
import {
  DEFAULT_FALLBACK_THRESHOLD,
  DEFAULT_SAFETY,
  HP_PROLIANT_ML110_G4,
  HP_PROLIANT_ML110_G5,
  type OverloadPolicy,
  type PowerSpec,
} from '../consolidation/index.ts';
import type { MigrateOptions } from '../vm/index.ts';
import type { ConsolidationDocument, OverloadDocument, PowerDocument } from './format/consolidation-keys.ts';
import type { ScenarioDocument, VmDocument } from './format/scenario-format.ts';
import type { ConsolidationSpec, HostPowerSpec, Where, WorkloadSpec } from './model.ts';

export function buildWorkload(vm: VmDocument, file: string): WorkloadSpec | undefined {
  const workload = vm.workload;
  if (workload === undefined) return undefined;
  return {
    traceFile: workload.trace === undefined ? undefined : resolve(dirname(file), workload.trace),
    utilizationPercent: workload.utilization,
    intervalSec: workload.interval,
    trace: undefined,
  };
}

export function buildHostPower(document: ScenarioDocument, where: (path: string) => Where): HostPowerSpec[] {
  return document.hosts.map((host, i) => ({
    name: host.name,
    power: host.power === undefined ? undefined : powerSpec(host.power),
    ramBytes: host.ram,
    where: where(`hosts[${i}].power`),
  }));
}

/** A preset's table, a curve, or a linear model (a lone `idle` or `max` is reported by the checks as NaN). */
function powerSpec(power: PowerDocument): PowerSpec {
  if ('preset' in power) {
    const table = power.preset === 'hp-proliant-ml110-g4' ? HP_PROLIANT_ML110_G4 : HP_PROLIANT_ML110_G5;
    return { kind: 'curve', watts: [...table] };
  }
  if (power.curve !== undefined) return { kind: 'curve', watts: power.curve };
  return { kind: 'linear', idleWatts: power.idle ?? Number.NaN, maxWatts: power.max ?? Number.NaN };
}

export function buildConsolidation(
  block: ConsolidationDocument | undefined,
  where: Where,
  migrateOptions: (value: NonNullable<Exclude<ConsolidationDocument, 'none'>['migrate']>) => MigrateOptions,
): ConsolidationSpec | undefined {
  if (block === undefined) return undefined;
  if (block === 'none') {
    const none = { intervalSec: 300, durationSec: undefined, migrate: {}, maxConcurrentPerHost: Infinity };
    return { ...none, policies: undefined, switchOffIdle: false, where };
  }
  return {
    policies: {
      overload: overloadPolicy(block.overload),
      underload: block.underload,
      selection: block.selection,
      placement: block.placement,
    },
    intervalSec: block.interval,
    durationSec: block.duration,
    migrate: block.migrate === undefined ? { algorithm: 'precopy' } : migrateOptions(block.migrate),
    maxConcurrentPerHost: block.maxConcurrentPerHost ?? Number.POSITIVE_INFINITY,
    switchOffIdle: block.switchOffIdle,
    where,
  };
}

function overloadPolicy(doc: OverloadDocument): OverloadPolicy {
  switch (doc.policy) {
    case 'none':
      return { policy: 'none' };
    case 'thr':
      return { policy: 'thr', threshold: doc.threshold ?? 0.8 };
    default:
      return {
        policy: doc.policy,
        safety: doc.safety ?? DEFAULT_SAFETY[doc.policy],
        fallbackThreshold: doc.fallbackThreshold ?? DEFAULT_FALLBACK_THRESHOLD,
      };
  }
}
