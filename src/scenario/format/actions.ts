// The things an actor's step or a timed event can do, as schemas. Steps and events share the keys of the actions
// they have in common (`start: VM0`, `turnOff: host1`, `setBound: {vm, bound}`, `log: text`).

import type { FieldsOutput } from '../../core/index.ts';
import { schema as s } from '../../core/index.ts';
import { BUILT_IN_ALGORITHMS } from '../../vm/index.ts';
import { type TimeProcess, timeProcess } from '../random/time-process.ts';
import { controlFaultActions, phasedMigrateKeys } from './control-keys.ts';

/** A speed in flop/s (a VM's or an execution's bound): `2Gf`, or a bare number of flop/s; 0 = no cap. */
export const flopRate = () =>
  s.flops({ unitless: 'accept', noun: 'a speed in flop/s' }).describe('flop/s, e.g. 1Gf or 1e9; 0 = no cap');

const vm = (role: string) => s.refersTo(['VM'], role);
const host = (role: string) => s.refersTo(['host'], role);

export const VM_COMMANDS = ['start', 'suspend', 'resume', 'shutdown', 'destroy', 'save', 'restore'] as const;
export type VmCommand = (typeof VM_COMMANDS)[number];

/** Actions that need no actor: VM life cycle, host power, bounds, log lines. */
export const commonActions = {
  start: vm('VM to start').describe('Start a created or shut-down VM.'),
  suspend: vm('VM to suspend').describe('Suspend a running VM: its actors and executions freeze.'),
  resume: vm('VM to resume').describe('Resume a suspended VM.'),
  shutdown: vm('VM to shut down').describe('Shut a VM down: its actors are killed; it can be started again.'),
  destroy: vm('VM to destroy').describe('Shut a VM down and remove it for good.'),
  save: vm('VM to save').describe(
    "Save a running VM's memory to its host's disk (RAM / the host's disk_bandwidth); a step waits until it is saved.",
  ),
  restore: vm('VM to restore').describe('Restore a saved VM from disk (RAM / disk_bandwidth); a step waits for it.'),
  setProperty: s
    .object({
      vm: s.required(vm('VM whose property to set'), 'vm: VM0'),
      name: s.required(s.string(), 'name: owner'),
      value: s.optional(s.string().describe('The new value; absent removes the property.')),
    })
    .describe('Set (or remove) a property of a VM.'),
  setBound: s
    .object({ vm: s.required(vm('VM to bound'), 'vm: VM0'), bound: s.required(flopRate(), 'bound: 1Gf') })
    .describe('Cap the flop/s a VM may take from its host (0 = no cap).'),
  turnOff: host('host to turn off').describe('Turn a host off: its actors are killed, its VMs shut down.'),
  turnOn: host('host to turn on').describe('Turn a host on again.'),
  turnOffLink: s.string().describe('Turn a link off: the transfers crossing it fail (a migration on its route fails).'),
  turnOnLink: s.string().describe('Turn a link on again.'),
  setPstate: s
    .object({
      host: s.required(host('host whose pstate changes'), 'host: host0'),
      pstate: s.required(s.integer({ min: 0 }).describe("Index in the host's list of speeds."), 'pstate: 1'),
    })
    .describe("Change a host's pstate (its speed, and its power profile)."),
  log: s.string().describe('Write a line to the log.'),
  extendLive: vm('VM whose migration to extend').describe("MPLM's set-mplm-extend-live: keep the live phase going."),
  endLive: vm('VM whose migration to end').describe("MPLM's set-mplm-end-live: let the live phase end."),
  switchover: vm('VM whose migration to switch over').describe('Force the switch-over of a pre-copy now.'),
  startPostcopy: vm('VM whose migration goes post-copy').describe("QEMU's migrate-start-postcopy (precopy, hybrid)."),
  cancel: vm('VM whose migration to cancel').describe(
    "QEMU's migrate_cancel: the migration is aborted and the VM keeps running on its source (refused in post-copy).",
  ),
  ...controlFaultActions,
};

const execute = s.shapes({
  scalar: s.transform(s.flops({ unitless: 'accept' }), (flops) => ({
    flops,
    priority: undefined as number | undefined,
    bound: undefined as number | undefined,
    cores: undefined as number | undefined,
    background: undefined as string | undefined,
  })),
  map: s.object({
    flops: s.required(s.flops({ unitless: 'accept' }), 'flops: 1e9'),
    priority: s.optional(s.number({ min: 0, exclusiveMin: true })),
    bound: s.optional(flopRate()),
    cores: s.optional(s.integer({ min: 1 })),
    background: s.optional(
      s
        .string()
        .describe('Start it in the background under this name, and go on; a later `wait: <name>` waits for it.'),
    ),
  }),
});

const send = s.object({
  mailbox: s.required(s.string(), 'mailbox: box'),
  bytes: s.required(s.size({ unitless: 'accept' }).describe('bytes, e.g. 1e6 or 1MB'), 'bytes: 1MB'),
  async: s.withDefault(s.boolean().describe('Do not wait for the transfer (a detached send).'), false),
  rate: s.optional(s.bandwidth({ unitless: 'reject', positive: true }).describe('Cap on the transfer rate.')),
});

const receive = s.shapes({
  scalar: s.transform(s.string(), (mailbox) => ({ mailbox, timeout: undefined as number | undefined })),
  map: s.object({
    mailbox: s.required(s.string(), 'mailbox: box'),
    timeout: s.optional(s.time({ unitless: 'accept' }).describe('Give up after this long (a failed step).')),
  }),
});

/** Auto-converge settings as fractions; `{}` = QEMU's defaults. */
export interface AutoConvergeDocument {
  initial?: number;
  increment?: number;
  max?: number;
  trigger?: number;
}

/** Old spellings of actions: precopy, postcopy and switchover are one word each, as QEMU spells them. */
const RENAMED_ACTIONS = { switchOver: 'switchover', startPostCopy: 'startPostcopy' } as const;

/** Algorithm and engine options of a migration (format/migrate-options.ts maps them to the options); a key the chosen
 * algorithm does not take is reported (check-migrate-options.ts). */
export const migrateOptionKeys = {
  algorithm: s.withDefault(
    s.oneOf(Object.keys(BUILT_IN_ALGORITHMS)).describe("Migration algorithm (default: SimGrid's pre-copy)."),
    'simgrid-precopy',
  ),
  streams: s.optional(s.integer({ min: 1 }).describe('Parallel flows (QEMU multifd).')),
  downtimeLimit: s.optional(
    s.time({ unitless: 'accept' }).describe('QEMU downtime-limit (precopy, hybrid; MPLM has none).'),
  ),
  maxBandwidth: s.optional(s.bandwidth({ unitless: 'reject' }).describe('QEMU max-bandwidth; 0 = none.')),
  skipStage1: s.optional(s.boolean().describe('simgrid-precopy: send no stage 1 (needs skipStage2).')),
  skipStage2: s.optional(s.boolean().describe('simgrid-precopy: go from stage 1 straight to stage 3.')),
  maxRounds: s.optional(s.integer({ min: 1 }).describe('Force the switch-over after this many passes.')),
  timeout: s.optional(s.time({ unitless: 'accept' }).describe('Force the switch-over after this long.')),
  autoConverge: s.optional(
    s
      .shapes({
        // false must read as a value (off), not as undefined, which would make the key unreadable.
        scalar: s.transform(s.boolean(), (on): AutoConvergeDocument | false => (on ? {} : false)),
        map: s.object({
          initial: s.optional(s.fraction().describe('First throttle (default 20%).')),
          increment: s.optional(s.fraction().describe('Throttle added per step (default 10%).')),
          max: s.optional(s.fraction().describe('Largest throttle (default 99%).')),
          trigger: s.optional(s.fraction().describe('Dirtied/sent share that counts as too fast (default 50%).')),
        }),
      })
      .describe('QEMU auto-converge: true, or {initial, increment, max, trigger}.'),
  ),
  deviceState: s.optional(s.size({ unitless: 'reject' }).describe('Device state sent with the last round.')),
  compression: s.optional(
    s.number({ min: 0, exclusiveMin: true, max: 1 }).describe('Bytes on the wire per byte of re-sent pages.'),
  ),
  compressionCost: s.optional(s.number({ min: 0 }).describe('Flops per byte to compress (source) and decompress.')),
  sendCost: s.optional(s.number({ min: 0 }).describe('Flops per byte sent, charged on the source host.')),
  receiveCost: s.optional(s.number({ min: 0 }).describe('Flops per byte received, charged on the destination.')),
  receiveCostIn: s.optional(
    s
      .oneOf(['destination', 'vm'])
      .describe('Where receiveCost runs: the destination host (default) or inside the VM, not waited for.'),
  ),
  trackingCpu: s.optional(s.fraction().describe("Share of the VM's CPU spent tracking dirty pages.")),
  trackingCost: s.optional(
    s.number({ min: 0 }).describe('Flops per dirtied byte, run inside the VM at every sync (dpt_cpu_overhead).'),
  ),
  bulkChunk: s.optional(s.size({ unitless: 'reject', positive: true }).describe('Send the first pass in chunks.')),
  zeroPages: s.optional(
    s
      .fraction()
      .describe(
        'Share of memory made of zero pages, sent as markers that cost no bytes (first pass of pre-copy, non-dirty set of MPLM, push of post-copy).',
      ),
  ),
  postcopyAfterRounds: s.optional(
    s.integer({ min: 1 }).describe('hybrid: pre-copy passes before post-copy (default 1).'),
  ),
  postcopyAfter: s.optional(s.time({ unitless: 'accept' }).describe('hybrid: go post-copy after this long.')),
  maxPostcopyBandwidth: s.optional(s.bandwidth({ unitless: 'reject' }).describe('Cap of the post-copy push.')),
  accessRate: s.optional(s.bandwidth({ unitless: 'reject' }).describe('post-copy: bytes/s the VM touches.')),
  dirtyShare: s.optional(s.fraction().describe('MPLM: share of each sending cycle for dirty pages (default 50%).')),
  epoch: s.optional(s.time({ unitless: 'accept', positive: true }).describe('MPLM: epoch between syncs (3s).')),
  ...phasedMigrateKeys,
};

/** A migrate step's options, as read from the file. */
export type MigrateOptionsDocument = FieldsOutput<typeof migrateOptionKeys>;

const migrate = s.object(
  {
    vm: s.required(vm('VM to migrate'), 'vm: VM0'),
    to: s.required(host('migration destination'), 'to: host1'),
    ...migrateOptionKeys,
  },
  undefined,
  // Pairs with postcopyAfter (a time) and the lab's --postcopy-after-rounds.
  { precopyRounds: 'postcopyAfterRounds' },
);

/** What `repeat` reads (typed by hand: it refers back to the steps). */
export interface RepeatDocument {
  times: number;
  every: TimeProcess | undefined;
  steps: StepDocument[];
}

const repeat: s.Schema<RepeatDocument> = s
  .object({
    times: s.required(s.integer({ min: 0 }), 'times: 3'),
    every: s.optional(
      timeProcess().describe(
        'Start each round this long after the start of the previous one (the first after one gap), e.g. ' +
          '{exponential: 30s} for Poisson arrivals; a round that runs late delays the next.',
      ),
    ),
    steps: s.required(
      s.array(
        s.named<StepDocument>('step', () => stepSchema),
        { noun: 'a list of steps' },
      ),
      'steps: [...]',
    ),
  })
  .describe('Run the steps a number of times.');

/** Every step kind. */
export const stepActions = {
  execute: execute.describe(
    "Compute flops on the actor's host: a number, or {flops, priority, bound, cores, background}.",
  ),
  wait: s.string().describe('Wait for the background execution of that name, started earlier by this actor.'),
  sleep: s.time({ unitless: 'accept' }).describe('Wait this long (seconds, or with a unit such as 30ms).'),
  send: send.describe('Send bytes to a mailbox and wait until received (unless async).'),
  receive: receive.describe('Receive from a mailbox: its name, or {mailbox, timeout}.'),
  migrate: migrate.describe("Live-migrate a VM (default algorithm: SimGrid's pre-copy); the actor waits for the end."),
  ...commonActions,
  repeat,
};

const onError = s.oneOf(['continue', 'stop']).describe('After a failed step: go on (default) or end the actor.');

export const stepSchema = s.keyed(stepActions, { onError: s.optional(onError) }, 'a step', RENAMED_ACTIONS);

export const eventSchema = s.keyed(
  commonActions,
  { at: s.required(s.time({ unitless: 'accept' }).describe('Simulated date, in seconds.'), 'at: 10') },
  'an event',
  RENAMED_ACTIONS,
);

export const onErrorSchema = onError;
export type StepDocument = s.Infer<typeof stepSchema>;
export type EventDocument = s.Infer<typeof eventSchema>;
