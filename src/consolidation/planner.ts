// One consolidation round as a pure function of the data centre's state: find the overloaded hosts and pick VMs off
// them until they are not overloaded, find homes for those VMs, then empty the least-utilized hosts whose VMs all
// fit elsewhere (Beloglazov & Buyya, CCPE 2012, section 5). Returns the moves; the caller carries them out.
import type { Random } from '../core/index.ts';
import { detectOverload, type OverloadPolicy } from './overload.ts';
import { chooseHost, type HostSlot, type PlacementPolicy, placementOrder } from './placement.ts';
import { type Candidate, type SelectionPolicy, selectVm } from './selection.ts';

export type UnderloadPolicy = 'least-utilized' | 'none';
export const UNDERLOAD_POLICIES = ['least-utilized', 'none'] as const;

export interface PlanPolicies {
  overload: OverloadPolicy;
  underload: UnderloadPolicy;
  selection: SelectionPolicy;
  placement: PlacementPolicy;
}

export interface PlanVm extends Candidate {
  /** Index of the host it is on (or on its way to). */
  host: number;
  /** On the move already: it stays where it goes. */
  migrating: boolean;
}

export interface PlanInput {
  hosts: HostSlot[];
  vms: PlanVm[];
  /** Past utilizations of the host with the given VMs on it (oldest first). */
  history: (host: HostSlot, vms: readonly PlanVm[]) => number[];
  /** Intervals the longest migration of these VMs would take. */
  migrationIntervals: (vms: readonly PlanVm[]) => number;
  random: Random;
}

export interface Move {
  vm: string;
  from: number;
  to: number;
  reason: 'overload' | 'underload';
}

export interface Plan {
  moves: Move[];
  /** Indices of the hosts found overloaded. */
  overloaded: number[];
}

export function planRound(policies: PlanPolicies, input: PlanInput): Plan {
  const { hosts } = input;
  const onHost = hosts.map(() => [] as PlanVm[]);
  for (const vm of input.vms) onHost[vm.host]?.push(vm);
  // Only the adaptive policies read the history and the migration time: THR and none skip computing them.
  const adaptive = policies.overload.policy !== 'thr' && policies.overload.policy !== 'none';
  // A host's history and migration time, remembered until its set of VMs changes (placement asks often).
  const memo = new Map<number, { count: number; first: PlanVm | undefined; history: number[]; ahead: number }>();
  const pastOf = (host: HostSlot, vms: readonly PlanVm[]) => {
    const known = memo.get(host.index);
    if (known !== undefined && known.count === vms.length && known.first === vms[0]) return known;
    const fresh = {
      count: vms.length,
      first: vms[0],
      history: input.history(host, vms),
      ahead: input.migrationIntervals(vms),
    };
    memo.set(host.index, fresh);
    return fresh;
  };
  const isOverloaded = (host: HostSlot, vms: readonly PlanVm[], demand = host.demandFlops) => {
    const past = adaptive ? pastOf(host, vms) : undefined;
    return detectOverload(policies.overload, {
      utilization: demand / host.capacityFlops,
      history: past?.history ?? [],
      migrationIntervals: past?.ahead ?? 0,
    }).overloaded;
  };

  const overloaded = hosts.filter((h) => h.on && isOverloaded(h, onHost[h.index] as PlanVm[])).map((h) => h.index);
  const leaving: PlanVm[] = [];
  for (const index of overloaded) {
    const host = hosts[index] as HostSlot;
    const vms = onHost[index] as PlanVm[];
    for (;;) {
      const vm = selectVm(
        policies.selection,
        vms.filter((v) => !v.migrating),
        input.random,
      ) as PlanVm | undefined;
      if (vm === undefined) break;
      vms.splice(vms.indexOf(vm), 1);
      release(host, vm);
      leaving.push(vm);
      if (!isOverloaded(host, vms)) break;
    }
  }
  const excluded = new Set(overloaded);
  const wouldOverload = (host: HostSlot, demand: number) => isOverloaded(host, onHost[host.index] as PlanVm[], demand);
  const moves: Move[] = [];
  for (const vm of placementOrder(policies.placement, leaving)) {
    const open = hosts.filter((h) => !excluded.has(h.index));
    const target =
      chooseHost(
        policies.placement,
        vm,
        open.filter((h) => h.on),
        wouldOverload,
      ) ??
      chooseHost(
        policies.placement,
        vm,
        open.filter((h) => !h.on),
        wouldOverload,
      );
    if (target === undefined) {
      take(hosts[vm.host] as HostSlot, vm); // nowhere to go: it stays
      continue;
    }
    take(target, vm);
    onHost[target.index]?.push(vm);
    moves.push({ vm: vm.name, from: vm.host, to: target.index, reason: 'overload' });
  }
  if (policies.underload === 'least-utilized') {
    for (const move of moves) excluded.add(move.to);
    moves.push(...evacuateUnderloaded(policies, hosts, onHost, excluded, wouldOverload));
  }
  return { moves, overloaded };
}

/** Empties the least-utilized active hosts, one after the other, when all their VMs fit on other active hosts. */
function evacuateUnderloaded(
  policies: PlanPolicies,
  hosts: HostSlot[],
  onHost: PlanVm[][],
  excluded: Set<number>,
  wouldOverload: (host: HostSlot, demand: number) => boolean,
): Move[] {
  const moves: Move[] = [];
  const candidates = hosts
    .filter((h) => h.on && !excluded.has(h.index) && (onHost[h.index] as PlanVm[]).length > 0)
    .sort((a, b) => a.demandFlops / a.capacityFlops - b.demandFlops / b.capacityFlops || a.index - b.index);
  for (const source of candidates) {
    if (excluded.has(source.index)) continue;
    const vms = onHost[source.index] as PlanVm[];
    if (vms.some((v) => v.migrating)) continue;
    excluded.add(source.index);
    const targets = hosts.filter((h) => h.on && !excluded.has(h.index));
    const tentative: { vm: PlanVm; to: HostSlot }[] = [];
    for (const vm of placementOrder(policies.placement, vms)) {
      const to = chooseHost(policies.placement, vm, targets, wouldOverload);
      if (to === undefined) break;
      take(to, vm);
      tentative.push({ vm, to });
    }
    if (tentative.length < vms.length) {
      for (const { vm, to } of tentative) release(to, vm);
      continue;
    }
    for (const { vm, to } of tentative) {
      excluded.add(to.index);
      onHost[to.index]?.push(vm);
      release(source, vm);
      moves.push({ vm: vm.name, from: source.index, to: to.index, reason: 'underload' });
    }
    onHost[source.index] = [];
  }
  return moves;
}

function take(host: HostSlot, vm: PlanVm): void {
  host.demandFlops += vm.demandFlops;
  host.usedRamBytes += vm.ramBytes;
}

function release(host: HostSlot, vm: PlanVm): void {
  host.demandFlops -= vm.demandFlops;
  host.usedRamBytes -= vm.ramBytes;
}
