// The scenario file format, defined once: the validator reads with it and `scenarioJsonSchema()` prints it.
// Keys are a contract other tools write to: extend them, never rename them (see docs/scenarios.md).

import { JsonDefs, type JsonSchema, schema as s } from '../../core/index.ts';
import { timeProcess } from '../random/time-process.ts';
import { eventSchema, flopRate, onErrorSchema, stepSchema } from './actions.ts';
import { consolidationSchema, powerSchema, workloadSchema } from './consolidation-keys.ts';
import { bridgesSchema } from './control-keys.ts';
import { PLATFORM_SPEC_JSON } from './platform-json.ts';

/** SimGrid's createMigratableVm defaults, used for the keys a `migration` block leaves out. */
const migration = s
  .object(
    {
      maxBandwidth: s.withDefault(
        s.bandwidth({ unitless: 'reject' }).describe('Cap on the migration transfer rate; 0 = no cap.'),
        0,
      ),
      dirtyIntensity: s.withDefault(
        s.fraction().describe('Bytes dirtied per flop computed = speed × intensity / host speed; 0 to 1 or %.'),
        0,
      ),
      workingSet: s.withDefault(
        s.amountOrShare(s.size({ unitless: 'reject' }), 'the RAM').describe('Most bytes dirty at once (default 90%).'),
        { kind: 'share', fraction: 0.9 },
      ),
      downtimeLimit: s.withDefault(
        s
          .time({ unitless: 'accept', positive: true })
          .describe('Largest acceptable stop-and-copy time (default 30ms).'),
        0.03,
      ),
    },
    undefined,
    // One spelling with the migrate step's keys (maxBandwidth, downtimeLimit) and QEMU's parameters.
    { speed: 'maxBandwidth', maxDowntime: 'downtimeLimit' },
  )
  .describe("SimGrid's live-migration parameters of the VM; keys left out take createMigratableVm's defaults.");

export type TraceDocument = { file: string } | { points: [number, number][] };

/** How the VM dirties its memory (docs/models.md): SimGrid's flops model, or a rate over a working set. */
const dirty = s
  .object({
    model: s.required(
      s.oneOf(['flops', 'rate', 'linear', 'trace', 'utilization']).describe('Dirty-memory model.'),
      'model: rate',
    ),
    rate: s.optional(s.bandwidth({ unitless: 'reject' }).describe('rate, linear: bytes dirtied per second.')),
    ratePerCore: s.optional(
      s
        .bandwidth({ unitless: 'reject' })
        .describe("utilization: bytes dirtied per second per vCPU at 100 %, scaled by the VM's workload."),
    ),
    workingSet: s.optional(
      s.amountOrShare(s.size({ unitless: 'reject' }), 'the RAM').describe('Bytes written to (default: the RAM).'),
    ),
    trace: s.optional(
      s
        .shapes({
          scalar: s.transform(
            s.string().describe('A CSV file of `time,rate` lines, relative to this file.'),
            (file) => ({
              file,
            }),
          ),
          seq: s.transform(
            s.array(
              s.object({
                at: s.required(s.time({ unitless: 'accept' }), 'at: 0'),
                rate: s.required(s.bandwidth({ unitless: 'reject' }), 'rate: 50MiB/s'),
              }),
              { noun: 'a list of {at, rate} points' },
            ),
            (points) => ({ points: points.map((p): [number, number] => [p.at, p.rate]) }),
          ),
        })
        .describe('trace: (time, rate) points, as a list of {at, rate} or a CSV file of `time,rate` lines.'),
    ),
  })
  .describe('How the VM dirties memory: {model: flops} (SimGrid), {model: rate|linear, rate, workingSet}, …');

const vm = s.object(
  {
    name: s.required(s.declares('VM'), 'name: VM0'),
    host: s.required(s.refersTo(['host'], 'host of a VM'), 'host: host0'),
    cores: s.withDefault(s.integer({ min: 1 }).describe('Virtual CPUs.'), 1),
    ram: s.withDefault(s.size({ unitless: 'reject' }).describe("Memory, e.g. 1GiB (SimGrid's default: 1024 B)."), 1024),
    start: s.withDefault(s.boolean().describe('Start the VM at time 0.'), true),
    bound: s.optional(flopRate()),
    migration: s.optional(migration),
    dirty: s.optional(dirty),
    properties: s.optional(s.stringMap(s.string()).describe('Properties of the VM (name: value), as a host has.')),
    workload: s.optional(workloadSchema),
  },
  'a VM (a map with name, host, ram, …)',
);

const hostMemory = s.object(
  {
    name: s.required(s.refersTo(['host'], 'host whose memory is given'), 'name: host0'),
    ram: s.optional(s.size({ unitless: 'reject' }).describe('Memory of the host.')),
    overcommit: s.withDefault(s.boolean().describe('Allow started VMs to need more than the RAM.'), false),
    power: s.optional(powerSchema),
  },
  'a host entry (a map with name, ram, overcommit, power)',
);

const actor = s.object(
  {
    name: s.required(s.declares('actor'), 'name: worker'),
    host: s.required(s.refersTo(['host', 'VM'], 'host of an actor'), 'host: host0'),
    daemon: s.withDefault(s.boolean().describe('Killed when only daemons are left.'), false),
    onError: s.withDefault(onErrorSchema, 'continue'),
    steps: s.required(
      s.array(
        s.named('step', () => stepSchema),
        { noun: 'a list of steps' },
      ),
      'steps: [...]',
    ),
  },
  'an actor (a map with name, host, steps)',
);

const platform = s
  .shapes({
    scalar: s.string().describe('A SimGrid platform XML file (or a YAML/JSON platform spec), relative to this file.'),
    map: s.rawMap(PLATFORM_SPEC_JSON).describe('An inline platform: {hosts, links, routes, clusters, …}.'),
  })
  .describe('The platform: a file, or an inline spec.');

/** Random host failures: each listed host fails after a drawn up-time and comes back after a drawn repair time. */
const failures = s
  .object({
    hosts: s.required(
      s.array(s.refersTo(['host'], 'host that may fail'), { noun: 'a list of host names' }),
      'hosts: [host1, host2]',
    ),
    mtbf: s.required(
      timeProcess().describe('Up-time before each failure: a mean (drawn exponentially), or a distribution.'),
      'mtbf: 2h',
    ),
    mttr: s.required(
      timeProcess().describe('Time to repair: a mean (drawn exponentially), or a distribution.'),
      'mttr: 10min',
    ),
  })
  .describe('Random failures of hosts (turned off, then on again), drawn from the seed; needs `until`.');

export const NETWORK_MODELS = ['LV08', 'CM02', 'constant'] as const;
/** `qemu`: every migrate step is a real migration of the lab guest (docs/scenarios.md, "Real QEMU"). */
export const SCENARIO_DRIVERS = ['simulator', 'qemu'] as const;

export const scenarioFormat = s.object(
  {
    version: s.required(s.oneOf([1]).describe('Version of the scenario format.'), 'version: 1'),
    name: s.optional(s.string().describe('A name for the report.')),
    description: s.optional(s.string()),
    platform: s.required(platform, 'platform: platform.xml'),
    network: s.withDefault(s.oneOf(NETWORK_MODELS).describe('Network model.'), 'LV08'),
    constantTransferTime: s.optional(
      s
        .time({ unitless: 'accept' })
        .describe(
          "network: constant: how long every transfer lasts (default 13.01s, SimGrid's network/latency-factor).",
        ),
    ),
    driver: s.withDefault(
      s.oneOf(SCENARIO_DRIVERS).describe('What runs the migrations: the simulator, or real QEMU on this machine.'),
      'simulator',
    ),
    seed: s.withDefault(s.integer({ min: 0, max: 4294967295 }).describe('Seed of the random numbers.'), 0),
    until: s.optional(s.time({ unitless: 'accept' }).describe('Stop the run at this simulated date.')),
    hosts: s.withDefault(
      s
        .array(hostMemory, { noun: 'a list of hosts ({name, ram, overcommit})' })
        .describe('Memory of hosts (for the over-commit check at VM start) and their power (for consolidation).'),
      [],
    ),
    bridges: s.withDefault(bridgesSchema, []),
    vms: s.withDefault(s.array(vm, { noun: 'a list of VMs' }), []),
    actors: s.withDefault(s.array(actor, { noun: 'a list of actors' }), []),
    failures: s.optional(failures),
    events: s.withDefault(
      s.array(eventSchema, { noun: 'a list of events' }).describe('Actions at given dates, outside any actor.'),
      [],
    ),
    consolidation: s.optional(consolidationSchema),
  },
  'a scenario (a map with version, platform, vms, actors, events)',
);

export type ScenarioDocument = s.Infer<typeof scenarioFormat>;
export type VmDocument = ScenarioDocument['vms'][number];
export type ActorDocument = ScenarioDocument['actors'][number];

/** The JSON Schema (draft 2020-12) of scenario files. */
export function scenarioJsonSchema(): JsonSchema {
  const defs = new JsonDefs();
  const body = scenarioFormat.toJson(defs);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'livemig scenario',
    description: 'A livemig scenario: a platform, VMs, actors running steps, and timed events. See docs/scenarios.md.',
    ...body,
    $defs: defs.defs,
  };
}
