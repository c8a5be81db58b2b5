// The linear max-min system: constraints (resources with a capacity), variables (flows or tasks with a sharing
// penalty and an optional bound) and elements (how much of a constraint a variable consumes per unit of value).
// It tracks which part of the system changed, so that `solve` re-solves only the touched connected components.
//
// The system is, for every constraint c:  Σ_v w(c,v)·x_v ≤ C_c (SHARED)  or  max_v w(c,v)·x_v ≤ C_c (FATPIPE),
// with 0 ≤ x_v ≤ B_v, and its solution is weighted max-min fair: x_v ∝ 1/penalty_v until a bound or a saturated
// constraint stops it (see max-min-solve.ts and docs/models.md).
import { ElementList } from './element-list.ts';
import { solveMaxMin } from './max-min-solve.ts';

export type SharingPolicy = 'shared' | 'fatpipe';

/** SimGrid's `maxmin/precision`: shares and remaining capacities below it (relatively) count as zero. */
export const DEFAULT_PRECISION = 1e-5;

export class Element<T> {
  // membership in the constraint's enabled or disabled list
  listPrev: Element<T> | null = null;
  listNext: Element<T> | null = null;
  inEnabledList = false;
  // membership in the constraint's active list (elements still to be fixed during a solve)
  activePrev: Element<T> | null = null;
  activeNext: Element<T> | null = null;
  active = false;

  constructor(
    readonly constraint: Constraint<T>,
    readonly variable: Variable<T>,
    public weight: number,
  ) {}
}

export class Constraint<T> {
  readonly enabled = new ElementList<T>();
  readonly disabled = new ElementList<T>();
  /** Elements made active during a solve, most recent first. */
  activeHead: Element<T> | null = null;
  inModified = false;
  modifiedSerial = 0;
  // solve scratch space
  remaining = 0;
  usage = 0;
  /** Index among the solve's light constraints; undefined when not light. */
  lightIndex: number | undefined = undefined;

  constructor(
    public bound: number,
    readonly policy: SharingPolicy,
    readonly label: string,
  ) {}

  hasElements(): boolean {
    return this.enabled.head !== null || this.disabled.head !== null;
  }

  /** Current load: Σ w·x (SHARED) or max w·x (FATPIPE) over enabled variables. */
  load(): number {
    let result = 0;
    for (let e = this.enabled.head; e !== null; e = e.listNext) {
      if (e.weight <= 0) continue;
      const used = e.weight * e.variable.value;
      result = this.policy === 'fatpipe' ? Math.max(result, used) : result + used;
    }
    return result;
  }
}

export class Variable<T> {
  readonly elements: Element<T>[] = [];
  value = 0;
  visited: number;
  reportStamp = 0;
  inSaturated = false;

  constructor(
    readonly ref: T,
    /** Share is proportional to 1/penalty; 0 disables the variable (it gets nothing). */
    public penalty: number,
    /** Upper bound on the value; undefined (or a value ≤ 0) means unbounded. */
    public bound: number | undefined,
    visited: number,
  ) {
    this.visited = visited;
  }
}

export interface MaxMinOptions {
  precision?: number;
}

export class MaxMinSystem<T> {
  readonly precision: number;
  private changed = false;
  private modifiedList: Constraint<T>[] = [];
  private modifiedSerials: number[] = [];
  private serial = 0;
  private visitedCounter = 1;
  private constraintCount = 0;
  // reused scratch space of markModified and solve
  private readonly frames: Constraint<T>[] = [];
  private readonly cursors: (Element<T> | null)[] = [];
  private readonly indices: number[] = [];
  private readonly solving: Constraint<T>[] = [];

  constructor(options: MaxMinOptions = {}) {
    this.precision = options.precision ?? DEFAULT_PRECISION;
  }

  get size(): number {
    return this.constraintCount;
  }

  newConstraint(bound: number, policy: SharingPolicy = 'shared', label = ''): Constraint<T> {
    this.constraintCount++;
    return new Constraint<T>(bound, policy, label);
  }

  newVariable(ref: T, penalty: number, bound: number | undefined): Variable<T> {
    return new Variable(ref, penalty, bound, this.visitedCounter - 1);
  }

  /** Makes `variable` consume `weight` per unit of value on `constraint` (weights add up on SHARED constraints,
   * take the max on FATPIPE ones when the pair already exists). */
  expand(constraint: Constraint<T>, variable: Variable<T>, weight: number): void {
    this.changed = true;
    let element = elementOn(variable, constraint);
    if (element !== undefined) {
      element.weight = constraint.policy === 'fatpipe' ? Math.max(element.weight, weight) : element.weight + weight;
    } else {
      element = new Element(constraint, variable, weight);
      variable.elements.push(element);
      if (variable.penalty !== 0) {
        constraint.enabled.pushFront(element);
        element.inEnabledList = true;
      } else {
        constraint.disabled.pushBack(element);
      }
    }
    if (element.weight > 0 || variable.penalty > 0) this.markModified(constraint);
  }

  freeVariable(variable: Variable<T>): void {
    this.changed = true;
    this.markModifiedFromVariable(variable);
    for (const element of variable.elements) {
      const constraint = element.constraint;
      if (element.inEnabledList) constraint.enabled.remove(element);
      else constraint.disabled.remove(element);
      this.deactivate(element);
      if (!constraint.hasElements()) constraint.inModified = false;
    }
    variable.elements.length = 0;
  }

  updateVariablePenalty(variable: Variable<T>, penalty: number): void {
    if (penalty === variable.penalty) return;
    this.changed = true;
    const enabling = penalty > 0 && variable.penalty <= 0;
    const disabling = penalty <= 0 && variable.penalty > 0;
    if (enabling) {
      variable.penalty = penalty;
      for (const element of variable.elements) {
        element.constraint.disabled.remove(element);
        element.constraint.enabled.pushFront(element);
        element.inEnabledList = true;
      }
      this.markModifiedFromVariable(variable);
    } else if (disabling) {
      this.markModifiedFromVariable(variable);
      for (const element of variable.elements) {
        element.constraint.enabled.remove(element);
        element.inEnabledList = false;
        element.constraint.disabled.pushBack(element);
        this.deactivate(element);
      }
      variable.penalty = 0;
      variable.value = 0;
    } else {
      variable.penalty = penalty;
      this.markModifiedFromVariable(variable);
    }
  }

  updateVariableBound(variable: Variable<T>, bound: number | undefined): void {
    this.changed = true;
    variable.bound = bound;
    for (const element of variable.elements) this.markModified(element.constraint);
  }

  updateConstraintBound(constraint: Constraint<T>, bound: number): void {
    this.changed = true;
    this.markModified(constraint);
    constraint.bound = bound;
  }

  /** Re-solves the modified components; calls `onModified` once for each variable whose value may have changed,
   * in a deterministic order (constraints in the order they were marked, their elements most recent first). */
  solve(onModified: (ref: T) => void): void {
    if (!this.changed) return;
    const constraints = this.takeModified();
    solveMaxMin(constraints, this.precision);
    this.changed = false;
    const stamp = this.visitedCounter;
    for (const constraint of constraints) {
      for (let e = constraint.enabled.head; e !== null; e = e.listNext) {
        if (e.weight > 0 && e.variable.reportStamp !== stamp) {
          e.variable.reportStamp = stamp;
          onModified(e.variable.ref);
        }
      }
    }
    this.visitedCounter++;
  }

  private takeModified(): Constraint<T>[] {
    const result = this.solving;
    result.length = 0;
    const list = this.modifiedList;
    const serials = this.modifiedSerials;
    for (let i = 0; i < list.length; i++) {
      const constraint = list[i] as Constraint<T>;
      if (constraint.inModified && constraint.modifiedSerial === serials[i]) {
        constraint.inModified = false;
        result.push(constraint);
      }
    }
    list.length = 0;
    serials.length = 0;
    return result;
  }

  private deactivate(element: Element<T>): void {
    if (!element.active) return;
    const constraint = element.constraint;
    if (element.activePrev === null) constraint.activeHead = element.activeNext;
    else element.activePrev.activeNext = element.activeNext;
    if (element.activeNext !== null) element.activeNext.activePrev = element.activePrev;
    element.activePrev = null;
    element.activeNext = null;
    element.active = false;
  }

  private markModifiedFromVariable(variable: Variable<T>): void {
    const first = variable.elements[0];
    if (first === undefined || variable.penalty <= 0) return;
    this.markModified(first.constraint);
  }

  private pushModified(constraint: Constraint<T>): void {
    constraint.inModified = true;
    constraint.modifiedSerial = ++this.serial;
    this.modifiedList.push(constraint);
    this.modifiedSerials.push(this.serial);
  }

  /** Marks a constraint and, depth first, every constraint connected to it through enabled variables. */
  private markModified(start: Constraint<T>): void {
    if (start.inModified) return;
    this.pushModified(start);
    const counter = this.visitedCounter;
    const frames = this.frames;
    const cursors = this.cursors;
    const indices = this.indices;
    frames.push(start);
    cursors.push(start.enabled.head);
    indices.push(0);
    while (frames.length > 0) {
      const top = frames.length - 1;
      const element = cursors[top] as Element<T> | null;
      if (element === null) {
        frames.pop();
        cursors.pop();
        indices.pop();
        continue;
      }
      const variable = element.variable;
      const index = indices[top] as number;
      if (variable.visited !== counter && index < variable.elements.length) {
        indices[top] = index + 1;
        const next = (variable.elements[index] as Element<T>).constraint;
        if (next !== frames[top] && !next.inModified) {
          this.pushModified(next);
          frames.push(next);
          cursors.push(next.enabled.head);
          indices.push(0);
        }
        continue;
      }
      variable.visited = counter;
      cursors[top] = element.listNext;
      indices[top] = 0;
    }
  }
}

/** The element of `variable` on `constraint`, if any (a loop: a search with a callback allocates a closure). */
function elementOn<T>(variable: Variable<T>, constraint: Constraint<T>): Element<T> | undefined {
  const elements = variable.elements;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i] as Element<T>;
    if (element.constraint === constraint) return element;
  }
  return undefined;
}
