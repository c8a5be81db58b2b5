// Public face of the models layer: CPU (Cas01) and network (LV08, CM02, constant) models on the max-min solver.
export { type ActionState, type HeapKind, LmmAction } from './action.ts';
export { CONSTANT_TRANSFER_TIME_SEC, ConstantNetworkModel } from './constant-network.ts';
export { Cpu, CpuModel } from './cpu-model.ts';
export { Link, type LinkSharing } from './link.ts';
export { DATE_PRECISION, LmmModel, SHARE_PRECISION, sameDate } from './lmm-model.ts';
export { CM02, CROSS_TRAFFIC_WEIGHT, LV08, type NetworkModelConfig } from './network-config.ts';
export { FlowAction, NetworkModel, type Route, type Router } from './network-model.ts';
