// What the kernel needs to know of a host: its name, whether it is on, its processor and its place on the network.
import type { ExecutionResource, NetworkEndpoint } from './resource-model.ts';

export interface SimHost extends NetworkEndpoint {
  readonly name: string;
  isOn(): boolean;
  readonly cpu: ExecutionResource;
  /** True for a virtual machine (a host placed on a physical one). */
  readonly isVirtual: boolean;
}
