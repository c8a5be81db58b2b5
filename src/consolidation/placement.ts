// Where a VM goes: power-aware best fit decreasing (Beloglazov & Buyya, CCPE 2012, algorithm 1: VMs by decreasing
// CPU demand, each to the host whose power grows least), first fit, or best fit (the host left with the least
// spare CPU). A host fits when it has the RAM and the CPU, and would not be overloaded after the placement.
import type { PowerModel } from './power-model.ts';

export const PLACEMENT_POLICIES = ['pabfd', 'first-fit', 'best-fit'] as const;
export type PlacementPolicy = (typeof PLACEMENT_POLICIES)[number];

export interface HostSlot {
  index: number;
  name: string;
  capacityFlops: number;
  ramBytes: number;
  usedRamBytes: number;
  /** CPU asked of the host by the VMs on it or coming to it, flop/s. */
  demandFlops: number;
  on: boolean;
  power: PowerModel;
}

export interface VmToPlace {
  name: string;
  demandFlops: number;
  ramBytes: number;
}

/** Whether the host would be overloaded with `demandFlops` asked of it. */
export type WouldOverload = (host: HostSlot, demandFlops: number) => boolean;

/** The host for `vm` among `hosts`, or undefined. */
export function chooseHost(
  policy: PlacementPolicy,
  vm: VmToPlace,
  hosts: readonly HostSlot[],
  wouldOverload: WouldOverload,
): HostSlot | undefined {
  let best: HostSlot | undefined;
  let bestKey = Number.POSITIVE_INFINITY;
  for (const host of hosts) {
    const demand = host.demandFlops + vm.demandFlops;
    if (host.usedRamBytes + vm.ramBytes > host.ramBytes || demand > host.capacityFlops) continue;
    if (wouldOverload(host, demand)) continue;
    if (policy === 'first-fit') return host;
    const key = policy === 'pabfd' ? powerIncrease(host, demand) : host.capacityFlops - demand;
    if (key < bestKey) {
      bestKey = key;
      best = host;
    }
  }
  return best;
}

/** Watts the host draws more with `demandFlops` asked of it than now (an off host draws nothing now). */
export function powerIncrease(host: HostSlot, demandFlops: number): number {
  const before = host.on ? host.power.wattsAt(host.demandFlops / host.capacityFlops) : 0;
  return host.power.wattsAt(demandFlops / host.capacityFlops) - before;
}

/** The VMs in the order a policy places them: by decreasing demand for PABFD and best fit, as given for first fit. */
export function placementOrder<T extends VmToPlace>(policy: PlacementPolicy, vms: readonly T[]): T[] {
  if (policy === 'first-fit') return [...vms];
  return [...vms].sort((a, b) => b.demandFlops - a.demandFlops || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
