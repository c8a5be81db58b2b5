// One consolidation round as a pure function of the data centre's state: find the overloaded hosts and pick VMs off
// them until they are not overloaded, find homes for those VMs, then empty the least-utilized hosts whose VMs all
// fit elsewhere (Beloglazov & Buyya, CCPE 2012, section 5). Returns the moves; the caller carries them out.
import type { Random } from '../core/index.ts';
import { detectOverload, type OverloadPolicy } from './overload.ts';
import { chooseHost, type HostSlot, type PlacementPolicy, placementOrder, type WouldOverload } from './placement.ts';
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
  const isOverloaded = overloadCheck(policies.overload, input);
  const overloaded = hosts.filter((h) => h.on && isOverloaded(h, onHost[h.index] as PlanVm[])).map((h) => h.index);
  const leaving: PlanVm[] = [];
  for (const index of overloaded) {
    leaving.push(...shed(policies.selection, hosts[index] as HostSlot, onHost[index] as PlanVm[], isOverloaded, input));
  }
  const excluded = new Set(overloaded);
  const wouldOverload = (host: HostSlot, demand: number) => isOverloaded(host, onHost[host.index] as PlanVm[], demand);
  const moves = place(policies.placement, leaving, hosts, onHost, excluded, wouldOverload);
  if (policies.underload === 'least-utilized') {
    for (const move of moves) excluded.add(move.to);
    moves.push(...evacuateUnderloaded(policies, hosts, onHost, excluded, wouldOverload));
  }
  return { moves, overloaded };
}

type OverloadCheck = (host: HostSlot, vms: readonly PlanVm[], demand?: number) => boolean;

/** Whether a host with these VMs (and this demand, by default its own) is overloaded. A host's history and migration
 * time are remembered until its set of VMs changes (placement asks often); THR and none never compute them. */
function overloadCheck(policy: OverloadPolicy, input: PlanInput): OverloadCheck {
  const adaptive = policy.policy !== 'thr' && policy.policy !== 'none';
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
  return (host, vms, demand = host.demandFlops) => {
    const past = adaptive ? pastOf(host, vms) : undefined;
    return detectOverload(policy, {
      utilization: demand / host.capacityFlops,
      history: past?.history ?? [],
      migrationIntervals: past?.ahead ?? 0,
    }).overloaded;
  };
}

/** Picks VMs off an overloaded host (removing them from `vms`) until it is not overloaded. */
function shed(
  selection: SelectionPolicy,
  host: HostSlot,
  vms: PlanVm[],
  isOverloaded: OverloadCheck,
  input: PlanInput,
): PlanVm[] {
  const leaving: PlanVm[] = [];
  for (;;) {
    const candidates = vms.filter((v) => !v.migrating);
    const vm = selectVm(selection, candidates, input.random) as PlanVm | undefined;
    if (vm === undefined) break;
    vms.splice(vms.indexOf(vm), 1);
    release(host, vm);
    leaving.push(vm);
    if (!isOverloaded(host, vms)) break;
  }
  return leaving;
}

/** Homes for the VMs leaving overloaded hosts: an active host if one fits, else a host switched off. */
function place(
  placement: PlacementPolicy,
  leaving: readonly PlanVm[],
  hosts: HostSlot[],
  onHost: PlanVm[][],
  excluded: Set<number>,
  wouldOverload: WouldOverload,
): Move[] {
  const moves: Move[] = [];
  for (const vm of placementOrder(placement, leaving)) {
    const open = hosts.filter((h) => !excluded.has(h.index));
    const target =
      chooseHost(
        placement,
        vm,
        open.filter((h) => h.on),
        wouldOverload,
      ) ??
      chooseHost(
        placement,
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
  return moves;
}

/** Empties the least-utilized active hosts, one after the other, when all their VMs fit on other active hosts. */
function evacuateUnderloaded(
  policies: PlanPolicies,
  hosts: HostSlot[],
  onHost: PlanVm[][],
  excluded: Set<number>,
  wouldOverload: WouldOverload,
): Move[] {
  const moves: Move[] = [];
  const candidates = hosts
    .filter((h) => h.on && !excluded.has(h.index) && (onHost[h.index] as PlanVm[]).length > 0)
    .sort((a, b) => a.demandFlops / a.capacityFlops - b.demandFlops / b.capacityFlops || a.index - b.index);
  // The active hosts not excluded, in index order: each host excluded below leaves it.
  let targets = hosts.filter((h) => h.on && !excluded.has(h.index));
  const exclude = (index: number) => {
    if (excluded.has(index)) return;
    excluded.add(index);
    targets = targets.filter((h) => h.index !== index);
  };
  for (const source of candidates) {
    if (excluded.has(source.index)) continue;
    const vms = onHost[source.index] as PlanVm[];
    if (vms.some((v) => v.migrating)) continue;
    exclude(source.index);
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
      exclude(to.index);
      onHost[to.index]?.push(vm);
      release(source, vm);
      moves.push({ vm: vm.name, from: source.index, to: to.index, reason: 'underload' });
    }
    onHost[source.index] = [];
  }
  return moves;
}

/** `thr-mmt`, `lrr-mc`, … with the underload and placement policies when not the defaults. */
export function describePolicies(p: PlanPolicies): string {
  const parts: string[] = [p.overload.policy, p.selection];
  if (p.placement !== 'pabfd') parts.push(p.placement);
  if (p.underload === 'none') parts.push('no-underload');
  return parts.join('-');
}

/** The host's utilization over the past intervals with `vms` on it. */
export function hostHistory(host: HostSlot, vms: readonly PlanVm[]): number[] {
  if (vms.length === 0) return [];
  const length = Math.min(...vms.map((v) => v.history.length));
  const out = new Array<number>(length).fill(0);
  for (const vm of vms) {
    const offset = vm.history.length - length;
    for (let i = 0; i < length; i++) out[i] = (out[i] as number) + (vm.history[offset + i] as number);
  }
  return out.map((v) => v / host.capacityFlops);
}

function take(host: HostSlot, vm: PlanVm): void {
  host.demandFlops += vm.demandFlops;
  host.usedRamBytes += vm.ramBytes;
}

function release(host: HostSlot, vm: PlanVm): void {
  host.demandFlops -= vm.demandFlops;
  host.usedRamBytes -= vm.ramBytes;
}
