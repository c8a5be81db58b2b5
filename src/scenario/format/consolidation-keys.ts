// The scenario keys of dynamic consolidation (docs/consolidation.md): a VM's utilization trace (`workload`), a
// host's power (`power`: linear idle/max, an 11-point curve, or a SPECpower preset), and the `consolidation` block
// (interval, overload/underload/selection/placement policies, migrate options, concurrency, idle hosts off).
import {
  OVERLOAD_POLICIES,
  PLACEMENT_POLICIES,
  SELECTION_POLICIES,
  UNDERLOAD_POLICIES,
} from '../../consolidation/index.ts';
import { schema as s } from '../../core/index.ts';
import { migrateOptionKeys } from './actions.ts';

export const POWER_PRESETS = ['hp-proliant-ml110-g4', 'hp-proliant-ml110-g5'] as const;

export const workloadSchema = s
  .object({
    trace: s.optional(
      s.string().describe('A utilization trace file, relative to this file: one % a line (PlanetLab) or CSV time,%.'),
    ),
    utilization: s.optional(
      s
        .array(s.number({ min: 0, max: 100 }), { noun: 'a list of percentages' })
        .describe('Inline trace: one percentage per interval.'),
    ),
    interval: s.withDefault(
      s.time({ unitless: 'accept', positive: true }).describe('Time between lines of a PlanetLab trace (300s).'),
      300,
    ),
  })
  .describe("The VM's CPU demand over time: utilization × its capacity (cores × host core speed, or its bound).");

export type PowerDocument =
  | { preset: (typeof POWER_PRESETS)[number] }
  | { idle?: number | undefined; max?: number | undefined; curve?: number[] | undefined };

export const powerSchema = s
  .shapes({
    scalar: s.transform(s.oneOf(POWER_PRESETS), (preset): PowerDocument => ({ preset })),
    map: s.transform(
      s.object({
        idle: s.optional(s.number({ min: 0 }).describe('Watts drawn idle (linear model).')),
        max: s.optional(s.number({ min: 0 }).describe('Watts drawn at 100 % (linear model).')),
        curve: s.optional(
          s
            .array(s.number({ min: 0 }), { noun: 'a list of 11 watt figures' })
            .describe('Watts at 0 %, 10 % … 100 % utilization (SPECpower-style).'),
        ),
      }),
      (value): PowerDocument => value,
    ),
  })
  .describe('Host power: {idle, max}, {curve: [11 watt figures]}, or hp-proliant-ml110-g4 / -g5 (SPECpower).');

const overload = s
  .shapes({
    scalar: s.transform(s.oneOf(OVERLOAD_POLICIES), (policy) => ({ policy }) as OverloadDocument),
    map: s.object({
      policy: s.required(s.oneOf(OVERLOAD_POLICIES).describe('thr, iqr, mad, lr, lrr or none.'), 'policy: thr'),
      threshold: s.optional(s.fraction().describe('thr: utilization above which a host is overloaded (0.8).')),
      safety: s.optional(s.number({ min: 0 }).describe('iqr, mad, lr, lrr: safety parameter (1.5, 2.5, 1.2, 1.2).')),
      fallbackThreshold: s.optional(s.fraction().describe('Static threshold while the history is short (0.7).')),
    }),
  })
  .describe('Host overload detection: thr, iqr, mad, lr, lrr (Beloglazov & Buyya), or none.');

export interface OverloadDocument {
  policy: (typeof OVERLOAD_POLICIES)[number];
  threshold?: number | undefined;
  safety?: number | undefined;
  fallbackThreshold?: number | undefined;
}

const underload = s
  .shapes({
    scalar: s.oneOf(UNDERLOAD_POLICIES),
    map: s.transform(
      s.object({ policy: s.required(s.oneOf(UNDERLOAD_POLICIES), 'policy: least-utilized') }),
      (value) => value.policy,
    ),
  })
  .describe('Host underload: least-utilized (empty the least-utilized hosts when their VMs fit elsewhere), or none.');

const consolidationBlock = s.object({
  interval: s.withDefault(
    s.time({ unitless: 'accept', positive: true }).describe('Time between consolidation rounds (300s).'),
    300,
  ),
  duration: s.optional(
    s.time({ unitless: 'accept', positive: true }).describe('Length of the run (default: until, else the traces).'),
  ),
  overload: s.withDefault(overload, { policy: 'thr', threshold: 0.8 } as OverloadDocument),
  underload: s.withDefault(underload, 'least-utilized'),
  selection: s.withDefault(s.oneOf(SELECTION_POLICIES).describe('mmt, mc, rs (seeded) or mu.'), 'mmt'),
  placement: s.withDefault(s.oneOf(PLACEMENT_POLICIES).describe('pabfd, first-fit or best-fit.'), 'pabfd'),
  migrate: s.optional(
    s
      .object(migrateOptionKeys)
      .describe('Options of every migration, as in a migrate step without vm and to (default: precopy).'),
  ),
  maxConcurrentPerHost: s.optional(
    s.integer({ min: 1 }).describe('Migrations a host takes part in at once (default: no limit).'),
  ),
  switchOffIdle: s.withDefault(s.boolean().describe('Switch idle hosts off, on again when needed.'), true),
});

export type ConsolidationDocument = 'none' | s.Infer<typeof consolidationBlock>;

export const consolidationSchema = s
  .shapes({
    scalar: s.oneOf(['none'] as const),
    map: consolidationBlock,
  })
  .describe('Dynamic VM consolidation (docs/consolidation.md), or none: the same traces with no migration.');
