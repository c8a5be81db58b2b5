// Migration features: what must (required) or may (optional) come up with a migrated VM besides its memory, as
// hooks the agents call in each phase. A failed required feature aborts the migration and rolls it back; a failed
// optional one is reported and the migration goes on without it. Built-ins: vdp-port, dynamic-state.
import type { ActorContext, SignalActivity } from '../../kernel/index.ts';
import type { Host } from '../../platform/index.ts';
import type { VirtualMachine } from '../../vm/index.ts';
import type { BridgeNetwork } from '../bridges.ts';
import type { Endpoint } from '../endpoint.ts';
import type { Address } from '../network.ts';
import type { FeatureRecord } from '../records.ts';

export type FeatureSide = 'source' | 'destination';

/** What the control plane offers a feature besides the agent's endpoint. */
export interface ControlServices {
  readonly bridges: BridgeNetwork;
  databaseAddress(host: string): Address | undefined;
}

/** What a feature's hook gets: the agent's actor and end of the control plane, the migration, its record. */
export interface FeatureContext {
  readonly ctx: ActorContext;
  readonly endpoint: Endpoint;
  readonly side: FeatureSide;
  readonly migration: number;
  readonly vm: VirtualMachine;
  readonly source: Host;
  readonly destination: Host;
  readonly services: ControlServices;
  readonly record: FeatureRecord;
  /** The migration's agents, for a message from one to the other. */
  readonly agents: { readonly source: Address; readonly destination: Address };
  /** Keeps the agent's job open, once the protocol ended, until `signal` (at most a keep-alive closure time). */
  expect(signal: SignalActivity<unknown>): void;
}

type Hook = (f: FeatureContext) => Promise<void> | void;

/** One feature of one migration. Hooks throw to fail. */
export interface MigrationFeature {
  readonly name: string;
  readonly required: boolean;
  /** On both agents when they start: register handlers of the feature's messages. */
  attach?(f: FeatureContext): void;
  /** Source, in Begin: checks. */
  begin?: Hook;
  /** Destination, in Prepare (the VM's copy there is paused). */
  prepare?: Hook;
  /** Source, at once when the VM pauses for the switch-over (it must not wait). */
  stopped?(f: FeatureContext): void;
  /** Destination, in Finish, before the VM resumes there: the time it takes is downtime. */
  commit?: Hook;
  /** Destination, when the migration is rolled back after its prepare was tried. */
  rollback?: Hook;
  /** Source, in Confirm once the VM runs on the destination: give back what the source held. */
  release?: Hook;
}

/** A feature written by the user: a name and any of the hooks (required unless said otherwise). */
export interface UserFeature {
  name: string;
  required?: boolean;
  begin?: Hook;
  prepare?: Hook;
  stopped?: (f: FeatureContext) => void;
  commit?: Hook;
  rollback?: Hook;
  release?: Hook;
}

export const FEATURE_HOOKS = ['begin', 'prepare', 'stopped', 'commit', 'rollback', 'release'] as const;
