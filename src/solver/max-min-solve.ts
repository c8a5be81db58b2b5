// Weighted max-min fair sharing by progressive filling, with SimGrid 3.32's rules and precision (maxmin.cpp).
//
// Repeat until every constraint is saturated or has no unfixed variable left:
//   1. for each live constraint c: ratio_c = remaining_c / usage_c, usage_c = Σ w/penalty (SHARED) or max (FATPIPE)
//      over its unfixed variables; let m be the smallest ratio and S the constraints that reach it exactly;
//   2. among the unfixed variables of S, those whose bound B is below their fair share (B·penalty < m) are fixed
//      first, at B (all those with the smallest B·penalty, within the precision); otherwise every one of them is
//      fixed at m/penalty;
//   3. fixing x_v subtracts w·x_v from the remaining capacity and w/penalty_v from the usage of every constraint of v;
//      a constraint whose remaining or usage falls under the precision leaves the set.
// Values below `precision` (relative to the bound for capacities) count as zero, as in SimGrid.
import type { Constraint, Element, Variable } from './system.ts';

export function solveMaxMin<T>(constraints: readonly Constraint<T>[], precision: number): void {
  // One scratch state for every solve (solves never nest): a solve allocates no arrays once they have grown.
  const state = scratch as SolveState<T>;
  state.reset(precision);
  state.init(constraints);
  state.collectSaturatedVariables();
  do {
    state.fixSaturatedVariables();
    state.findSaturatedConstraints();
    state.collectSaturatedVariables();
  } while (state.light.length > 0);
  state.release();
}

class SolveState<T> {
  readonly light: Constraint<T>[] = [];
  private readonly ratios: number[] = [];
  private readonly saturatedConstraints: number[] = [];
  private readonly saturatedVariables: Variable<T>[] = [];
  /** The smallest ratio remaining/usage over the light constraints; undefined before the first. */
  private minUsage: number | undefined;
  private precision = 0;

  reset(precision: number): void {
    this.precision = precision;
    this.minUsage = undefined;
    this.light.length = 0;
    this.ratios.length = 0;
    this.saturatedConstraints.length = 0;
    this.saturatedVariables.length = 0;
  }

  /** Drops the references to the solved constraints (the arrays keep their capacity). */
  release(): void {
    this.light.length = 0;
    this.ratios.length = 0;
    this.saturatedConstraints.length = 0;
  }

  init(constraints: readonly Constraint<T>[]): void {
    const precision = this.precision;
    for (const constraint of constraints) {
      constraint.lightIndex = undefined;
      constraint.remaining = constraint.bound;
      if (!(constraint.remaining > constraint.bound * precision)) continue;
      let usage = 0;
      const fatpipe = constraint.policy === 'fatpipe';
      for (let e = constraint.enabled.head; e !== null; e = e.listNext) {
        e.variable.value = 0;
        if (e.weight > 0) {
          const share = e.weight / e.variable.penalty;
          if (!fatpipe) usage += share;
          else if (usage < share) usage = share;
          activate(e);
        }
      }
      constraint.usage = usage;
      if (usage > 0) {
        const index = this.light.length;
        constraint.lightIndex = index;
        this.light.push(constraint);
        this.ratios.push(constraint.remaining / usage);
        this.updateSaturated(index);
      }
    }
  }

  private updateSaturated(index: number): void {
    const ratio = this.ratios[index] as number;
    if (this.minUsage === undefined || this.minUsage > ratio) {
      this.minUsage = ratio;
      this.saturatedConstraints.length = 0;
      this.saturatedConstraints.push(index);
    } else if (this.minUsage === ratio) {
      this.saturatedConstraints.push(index);
    }
  }

  collectSaturatedVariables(): void {
    for (const index of this.saturatedConstraints) {
      const constraint = this.light[index] as Constraint<T>;
      for (let e = constraint.activeHead; e !== null; e = e.activeNext) {
        if (e.weight > 0 && !e.variable.inSaturated) {
          e.variable.inSaturated = true;
          this.saturatedVariables.push(e.variable);
        }
      }
    }
  }

  findSaturatedConstraints(): void {
    // A constraint left without unfixed variables only stays through rounding: drop it rather than loop forever.
    for (let i = this.light.length - 1; i >= 0; i--) {
      const constraint = this.light[i] as Constraint<T>;
      if (constraint.activeHead === null) this.dropLight(constraint);
    }
    this.minUsage = undefined;
    this.saturatedConstraints.length = 0;
    for (let i = 0; i < this.light.length; i++) this.updateSaturated(i);
  }

  fixSaturatedVariables(): void {
    const minUsage = this.minUsage as number;
    const variables = this.saturatedVariables;
    // The smallest bound·penalty below the fair share, if any variable is bounded below it.
    let minBound: number | undefined;
    for (const v of variables) {
      const bound = v.bound;
      if (bound === undefined || !(bound > 0)) continue;
      const scaled = bound * v.penalty;
      if (scaled < minUsage) minBound = minBound === undefined ? scaled : Math.min(minBound, scaled);
    }
    for (const v of variables) {
      v.inSaturated = false;
      if (minBound === undefined) {
        v.value = minUsage / v.penalty;
      } else if (v.bound !== undefined && Math.abs(minBound - v.bound * v.penalty) < this.precision) {
        v.value = v.bound;
      } else {
        continue; // reaches its bound later, or gets its fair share at a later step
      }
      for (const element of v.elements) this.consume(element, v);
    }
    variables.length = 0;
  }

  private consume(element: Element<T>, v: Variable<T>): void {
    const constraint = element.constraint;
    const precision = this.precision;
    if (constraint.policy !== 'fatpipe') {
      constraint.remaining = subtract(constraint.remaining, element.weight * v.value, constraint.bound * precision);
      constraint.usage = subtract(constraint.usage, element.weight / v.penalty, precision);
      deactivate(element);
    } else {
      let usage = 0;
      deactivate(element);
      for (let e = constraint.enabled.head; e !== null; e = e.listNext) {
        if (e.variable.value > 0) continue;
        if (e.weight > 0) usage = Math.max(usage, e.weight / e.variable.penalty);
      }
      constraint.usage = usage;
    }
    if (!(constraint.usage > precision) || !(constraint.remaining > constraint.bound * precision)) {
      this.dropLight(constraint);
    } else if (constraint.lightIndex !== undefined) {
      this.ratios[constraint.lightIndex] = constraint.remaining / constraint.usage;
    }
  }

  private dropLight(constraint: Constraint<T>): void {
    const index = constraint.lightIndex;
    if (index === undefined) return;
    const lastIndex = this.light.length - 1;
    const last = this.light[lastIndex] as Constraint<T>;
    this.light[index] = last;
    this.ratios[index] = this.ratios[lastIndex] as number;
    last.lightIndex = index;
    this.light.pop();
    this.ratios.pop();
    constraint.lightIndex = undefined;
  }
}

const scratch = new SolveState<unknown>();

/** SimGrid's double_update: x − delta, snapped to 0 below the precision. */
function subtract(value: number, delta: number, precision: number): number {
  const result = value - delta;
  return result < precision ? 0 : result;
}

function activate<T>(element: Element<T>): void {
  if (element.active) return;
  const constraint = element.constraint;
  element.active = true;
  element.activePrev = null;
  element.activeNext = constraint.activeHead;
  if (constraint.activeHead !== null) constraint.activeHead.activePrev = element;
  constraint.activeHead = element;
}

function deactivate<T>(element: Element<T>): void {
  if (!element.active) return;
  const constraint = element.constraint;
  if (element.activePrev === null) constraint.activeHead = element.activeNext;
  else element.activePrev.activeNext = element.activeNext;
  if (element.activeNext !== null) element.activeNext.activePrev = element.activePrev;
  element.activePrev = null;
  element.activeNext = null;
  element.active = false;
}
