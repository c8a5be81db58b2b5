// The scenario keys of the control plane: a phased migration's keys (`protocol: phased`, controller, features,
// timers), the bridges hosts attach to, and the faults a step or an event injects (a bridge that refuses or stays
// silent, a slow or silent agent or database, lost messages). See docs/control-plane.md.
import { BUILT_IN_FEATURES, DYNAMIC_STATE_POLICIES, DYNAMIC_STATE_PULLS } from '../../control/index.ts';
import { schema as s } from '../../core/index.ts';

const host = (role: string) => s.refersTo(['host'], role);

/** Feature names a scenario takes: the built-ins of the simulator, and `command` (shell hooks, real runs only). */
export const SCENARIO_FEATURES = [...BUILT_IN_FEATURES, 'command'] as const;
const hookCommand = (hook: string) =>
  s.optional(s.string().describe(`command: the shell command run as the ${hook} hook (real runs).`));

/** A feature: its name, or a map with its name and options (checked per feature once the scenario is built). */
const feature = s
  .shapes({
    scalar: s.transform(s.oneOf(BUILT_IN_FEATURES), (name) => ({ name }) as FeatureDocument),
    map: s.object({
      name: s.required(
        s.oneOf(SCENARIO_FEATURES).describe('vdp-port or dynamic-state (simulated), command (real runs).'),
        'name: vdp-port',
      ),
      label: s.optional(s.string().describe("command: the feature's name in reports (default command).")),
      begin: hookCommand('begin'),
      prepare: hookCommand('prepare'),
      commit: hookCommand('commit'),
      rollback: hookCommand('rollback'),
      release: hookCommand('release'),
      timeout: s.optional(
        s.time({ unitless: 'accept', positive: true }).describe('command: longest a hook may run (default 30s).'),
      ),
      required: s.optional(s.boolean().describe('A failure aborts the migration (default true).')),
      responseWait: s.optional(
        s.time({ unitless: 'accept', positive: true }).describe("vdp-port: the station's response-wait timer."),
      ),
      size: s.optional(
        s.size({ unitless: 'reject', positive: true }).describe('dynamic-state: bytes of network state.'),
      ),
      database: s.optional(host('database of a dynamic state')),
      policy: s.optional(s.oneOf(DYNAMIC_STATE_POLICIES).describe('dynamic-state: wait, proceed or serialize.')),
      wait: s.optional(
        s
          .time({ unitless: 'accept' })
          .describe('dynamic-state: longest wait in Finish (wait, serialize: then back out; proceed: then go on).'),
      ),
      pull: s.optional(
        s
          .oneOf(DYNAMIC_STATE_PULLS)
          .describe("dynamic-state: who PULLs, the destination (default) or its bridge on the Pre-Associate's M bit."),
      ),
    }),
  })
  .describe('vdp-port, or {name, required, …}: {name: dynamic-state, size, database, policy, wait}.');

export interface FeatureDocument {
  name: (typeof SCENARIO_FEATURES)[number];
  label?: string | undefined;
  begin?: string | undefined;
  prepare?: string | undefined;
  commit?: string | undefined;
  rollback?: string | undefined;
  release?: string | undefined;
  timeout?: number | undefined;
  required?: boolean | undefined;
  responseWait?: number | undefined;
  size?: number | undefined;
  database?: string | undefined;
  policy?: (typeof DYNAMIC_STATE_POLICIES)[number] | undefined;
  wait?: number | undefined;
  pull?: (typeof DYNAMIC_STATE_PULLS)[number] | undefined;
}

/** Keys a `migrate` step takes for the phased protocol. */
export const phasedMigrateKeys = {
  protocol: s.withDefault(
    s.oneOf(['direct', 'phased']).describe("direct (the memory copy alone) or phased (libvirt's five phases)."),
    'direct',
  ),
  controller: s.optional(
    host('controller of a migration').describe('phased: host of the controller (default: the source).'),
  ),
  features: s.optional(
    s.array(feature, { noun: 'a list of features' }).describe('phased: what must come up with the VM.'),
  ),
  pauseBeforeSwitchover: s.optional(s.boolean().describe('phased: the paused source asks the controller first.')),
  keepAlive: s.optional(
    s
      .object({
        interval: s.optional(s.time({ unitless: 'accept', positive: true }).describe('Default 5s.')),
        count: s.optional(s.integer({ min: 0 }).describe('Default 5.')),
      })
      .describe("phased: libvirt's keep-alive {interval, count}."),
  ),
  requestTimeout: s.optional(
    s.time({ unitless: 'accept', positive: true }).describe('phased: how long an answer may take (default 30s).'),
  ),
  fast: s.optional(
    s.boolean().describe('phased: optional features commit after the switch-over and never hold it (default false).'),
  ),
};

const count = () => s.optional(s.integer({ min: 1 }).describe('Only the next N requests (default: until changed).'));
const delay = () => s.optional(s.time({ unitless: 'accept', positive: true }).describe('slow: the extra time.'));

/** Faults a step or an event injects into the control plane. */
export const controlFaultActions = {
  bridgeFault: s
    .object({
      bridge: s.required(host('bridge with a fault'), 'bridge: br1'),
      mode: s.required(s.oneOf(['refuse', 'silent', 'slow', 'none']), 'mode: refuse'),
      delay: delay(),
      count: count(),
    })
    .describe('A bridge refuses VDP requests (insufficient resources), stays silent, answers late, or is fine again.'),
  agentFault: s
    .object({
      host: s.required(host('host whose agent has a fault'), 'host: host1'),
      mode: s.required(s.oneOf(['silent', 'slow', 'none']), 'mode: slow'),
      delay: delay(),
      count: count(),
    })
    .describe("A host's migration agent drops requests, answers late, or is fine again."),
  databaseFault: s
    .object({
      database: s.required(host('database with a fault'), 'database: db'),
      mode: s.required(s.oneOf(['silent', 'slow', 'none']), 'mode: silent'),
      delay: delay(),
      count: count(),
    })
    .describe('A database of dynamic state drops requests, answers late, or is fine again.'),
  loseMessages: s
    .object({
      kind: s.required(
        s.string().describe('A kind (vdp.associate) or a family (vdp, rpc, state).'),
        'kind: vdp.associate',
      ),
      from: s.optional(host('sender of lost messages')),
      to: s.optional(host('receiver of lost messages')),
      count: s.withDefault(s.integer({ min: 1 }).describe('How many (default 1).'), 1),
    })
    .describe('The next control-plane messages of a kind are lost.'),
};

/** The bridges hosts attach to (besides a host property `bridge`). */
export const bridgesSchema = s
  .array(
    s.object(
      {
        name: s.required(host('bridge'), 'name: br1'),
        stations: s.withDefault(s.array(host('station of a bridge'), { noun: 'a list of hosts' }), []),
        processing: s.optional(s.time({ unitless: 'accept' }).describe('Time to handle a request (default 0).')),
        resourceWait: s.optional(
          s
            .time({ unitless: 'accept', positive: true })
            .describe("How long the bridge waits for a database to acknowledge its PULL (802.1Qbg's 10.48576s)."),
        ),
        keepAliveExpiry: s.optional(
          s
            .time({ unitless: 'accept', positive: true })
            .describe("Release a port after this long without keep-alive (lldpad's 15.75552s)."),
        ),
      },
      'a bridge (a map with name, stations)',
    ),
    { noun: 'a list of bridges' },
  )
  .describe('VDP bridges: the host a bridge runs on and the hosts attached to it.');
