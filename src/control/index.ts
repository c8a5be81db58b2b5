// Public face of the control layer: phased migrations (libvirt's protocol v3 over the simulated network), migration
// features (VDP port association, dynamic network state, user hooks), bridges, databases, injected faults, records.
export type { BridgeSettings, Port } from './bridge.ts';
export type { PullStatus } from './bridge-pulls.ts';
export { BridgeNetwork, type PortView } from './bridges.ts';
export { ControlPlane } from './control-plane.ts';
export { type KeepAliveSettings, LIBVIRT_KEEPALIVE } from './endpoint.ts';
export type { BridgeFaultMode, ControlFault, ServiceFaultMode } from './faults.ts';
export {
  DYNAMIC_STATE_POLICIES,
  DYNAMIC_STATE_PULLS,
  type DynamicStateOptions,
  type DynamicStatePolicy,
  type DynamicStatePull,
  dynamicState,
} from './features/dynamic-state.ts';
export type {
  ControlServices,
  FeatureContext,
  FeatureSide,
  MigrationFeature,
  UserFeature,
} from './features/feature.ts';
export { type VdpPortOptions, vdpPort } from './features/vdp-port.ts';
export { jobStats } from './job-stats.ts';
export { RPC_KEEPALIVE_BYTES, rpcBytes, STATE_CONTROL_BYTES, VDP_FRAME_BYTES } from './messages.ts';
export { BUILT_IN_FEATURES, type FeatureSpec, type PhasedMigrateOptions } from './options.ts';
export {
  awaitedPeer,
  CONTROL_EVENTS,
  CONTROL_STATES,
  CONTROL_TRANSITIONS,
  type ControlEffect,
  type ControlEvent,
  type ControlState,
  type ControlTransition,
  type Peer,
  PHASES,
  type PhaseName,
  TERMINAL_STATES,
  transition as controlTransition,
} from './protocol.ts';
export type {
  FailureReason,
  FeatureRecord,
  FeatureStep,
  FeatureStepRecord,
  JobStats,
  MessageRecord,
  PhaseRecord,
  ProtocolRecord,
} from './records.ts';
export { LLDPAD_DEFAULTS, type VdpExponents, type VdpTimers, vdpTimers } from './vdp-timers.ts';
