import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Constraint, MaxMinSystem, type SharingPolicy, type Variable } from './index.ts';

const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);

function solveAll(system: MaxMinSystem<string>): string[] {
  const modified: string[] = [];
  system.solve((ref) => modified.push(ref));
  return modified;
}

test('two equal flows on one link share it equally', () => {
  // x1 + x2 ≤ 1, penalties 1 and 1 → x1 = x2 = 1/2.
  const s = new MaxMinSystem<string>();
  const link = s.newConstraint(1);
  const x1 = s.newVariable('x1', 1, undefined);
  const x2 = s.newVariable('x2', 1, undefined);
  s.expand(link, x1, 1);
  s.expand(link, x2, 1);
  solveAll(s);
  close(x1.value, 0.5);
  close(x2.value, 0.5);
});

test('shares are proportional to 1/penalty', () => {
  // x1 + x2 ≤ 1 with penalties 1 and 2: x1/x2 = 2 → x1 = 2/3, x2 = 1/3.
  const s = new MaxMinSystem<string>();
  const link = s.newConstraint(1);
  const x1 = s.newVariable('x1', 1, undefined);
  const x2 = s.newVariable('x2', 2, undefined);
  s.expand(link, x1, 1);
  s.expand(link, x2, 1);
  solveAll(s);
  close(x1.value, 2 / 3);
  close(x2.value, 1 / 3);
});

test('a bounded variable leaves its unused share to the others', () => {
  // x1 + x2 ≤ 1, x1 ≤ 0.1 → x1 = 0.1, x2 = 0.9 (x2 unbounded: bound -1).
  const s = new MaxMinSystem<string>();
  const link = s.newConstraint(1);
  const x1 = s.newVariable('x1', 1, 0.1);
  const x2 = s.newVariable('x2', 1, undefined);
  s.expand(link, x1, 1);
  s.expand(link, x2, 1);
  solveAll(s);
  close(x1.value, 0.1);
  close(x2.value, 0.9);
});

test('the classic two-link line: the bottleneck is found first, the rest goes to the other flow', () => {
  // L1: x1 + x2 ≤ 1, L2: x2 + x3 ≤ 2. L1 saturates first at 1/2 each; then x3 takes what is left of L2: 1.5.
  const s = new MaxMinSystem<string>();
  const l1 = s.newConstraint(1);
  const l2 = s.newConstraint(2);
  const [x1, x2, x3] = ['x1', 'x2', 'x3'].map((n) => s.newVariable(n, 1, undefined)) as [
    Variable<string>,
    Variable<string>,
    Variable<string>,
  ];
  s.expand(l1, x1, 1);
  s.expand(l1, x2, 1);
  s.expand(l2, x2, 1);
  s.expand(l2, x3, 1);
  solveAll(s);
  close(x1.value, 0.5);
  close(x2.value, 0.5);
  close(x3.value, 1.5);
});

test('a FATPIPE constraint limits each flow separately', () => {
  // max(x1, x2) ≤ 1 → x1 = x2 = 1.
  const s = new MaxMinSystem<string>();
  const pipe = s.newConstraint(1, 'fatpipe');
  const x1 = s.newVariable('x1', 1, undefined);
  const x2 = s.newVariable('x2', 1, undefined);
  s.expand(pipe, x1, 1);
  s.expand(pipe, x2, 1);
  solveAll(s);
  close(x1.value, 1);
  close(x2.value, 1);
});

test('consumption weights count in the capacity (cross-traffic weight 1.05)', () => {
  // A flow over a SHARED link that is on both its route (1) and its reverse route (0.05): 1.05·x ≤ 8.158e6.
  const s = new MaxMinSystem<string>();
  const link = s.newConstraint(8.158e6);
  const x = s.newVariable('x', 0.002, undefined);
  s.expand(link, x, 1);
  s.expand(link, x, 0.05);
  solveAll(s);
  close(x.value, 8.158e6 / 1.05);
});

test('two-level VM sharing: a 2-vCPU VM with 3 tasks next to one task on a 2-core PM (cloud-sharing)', () => {
  // PM CPU: capacity 2 (cores × speed 1). The VM's dummy task has penalty 1/min(3,2) and bound 2; the PM task
  // has penalty 1 and bound 1. usage = 2 + 1 = 3, ratio 2/3: VM gets (2/3)/(1/2) = 4/3, the PM task 2/3.
  const s = new MaxMinSystem<string>();
  const cpu = s.newConstraint(2);
  const vm = s.newVariable('vm', 1 / 2, 2);
  const task = s.newVariable('task', 1, 1);
  s.expand(cpu, vm, 1);
  s.expand(cpu, task, 1);
  solveAll(s);
  close(vm.value, 4 / 3);
  close(task.value, 2 / 3);
});

test('a disabled variable (penalty 0) gets nothing and does not count', () => {
  const s = new MaxMinSystem<string>();
  const link = s.newConstraint(1);
  const x1 = s.newVariable('x1', 0, undefined);
  const x2 = s.newVariable('x2', 1, undefined);
  s.expand(link, x1, 1);
  s.expand(link, x2, 1);
  solveAll(s);
  close(x1.value, 0);
  close(x2.value, 1);
  s.updateVariablePenalty(x1, 1);
  solveAll(s);
  close(x1.value, 0.5);
  close(x2.value, 0.5);
});

test('only the component touched by a change is re-solved', () => {
  // Two independent links; changing the bound of a flow on link A re-solves A only.
  const s = new MaxMinSystem<string>();
  const a = s.newConstraint(1);
  const b = s.newConstraint(1);
  const xa = s.newVariable('xa', 1, undefined);
  const xb = s.newVariable('xb', 1, undefined);
  s.expand(a, xa, 1);
  s.expand(b, xb, 1);
  assert.deepEqual(solveAll(s).sort(), ['xa', 'xb']);
  s.updateVariableBound(xa, 0.25);
  assert.deepEqual(solveAll(s), ['xa']);
  close(xa.value, 0.25);
  close(xb.value, 1);
  assert.deepEqual(solveAll(s), [], 'nothing changed, nothing re-solved');
});

test('a component reached through shared flows is re-solved as a whole', () => {
  // xa crosses A and B, xb crosses B and C: a change on C reaches A through B.
  const s = new MaxMinSystem<string>();
  const [a, b, c] = [1, 1, 1].map((cap) => s.newConstraint(cap)) as [
    Constraint<string>,
    Constraint<string>,
    Constraint<string>,
  ];
  const xa = s.newVariable('xa', 1, undefined);
  const xb = s.newVariable('xb', 1, undefined);
  s.expand(a, xa, 1);
  s.expand(b, xa, 1);
  s.expand(b, xb, 1);
  s.expand(c, xb, 1);
  solveAll(s);
  s.updateConstraintBound(c, 0.2);
  assert.deepEqual(solveAll(s).sort(), ['xa', 'xb']);
  close(xb.value, 0.2);
  close(xa.value, 0.8);
});

test('freeing a variable gives its share back', () => {
  const s = new MaxMinSystem<string>();
  const link = s.newConstraint(1);
  const x1 = s.newVariable('x1', 1, undefined);
  const x2 = s.newVariable('x2', 1, undefined);
  s.expand(link, x1, 1);
  s.expand(link, x2, 1);
  solveAll(s);
  s.freeVariable(x1);
  assert.deepEqual(solveAll(s), ['x2']);
  close(x2.value, 1);
});

interface RandomSystem {
  capacities: number[];
  policies: SharingPolicy[];
  flows: { penalty: number; bound: number | undefined; uses: [number, number][] }[];
}

const randomSystem = fc.integer({ min: 1, max: 6 }).chain((constraintCount) =>
  fc.record({
    capacities: fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), {
      minLength: constraintCount,
      maxLength: constraintCount,
    }),
    policies: fc.array(fc.constantFrom<SharingPolicy>('shared', 'shared', 'fatpipe'), {
      minLength: constraintCount,
      maxLength: constraintCount,
    }),
    flows: fc.array(
      fc.record({
        penalty: fc.double({ min: 0.01, max: 10, noNaN: true }),
        bound: fc.oneof(fc.constant(undefined), fc.double({ min: 0.01, max: 50, noNaN: true })),
        uses: fc.uniqueArray(
          fc.tuple(fc.integer({ min: 0, max: constraintCount - 1 }), fc.double({ min: 0.05, max: 2, noNaN: true })),
          { minLength: 1, maxLength: constraintCount, selector: (u) => u[0] },
        ),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  }),
);

test('property: no constraint is over capacity and every flow is limited by its bound or a saturated constraint', () => {
  fc.assert(
    fc.property(randomSystem, (spec: RandomSystem) => {
      const s = new MaxMinSystem<number>();
      const constraints = spec.capacities.map((cap, i) => s.newConstraint(cap, spec.policies[i]));
      const variables = spec.flows.map((f, i) => {
        const v = s.newVariable(i, f.penalty, f.bound);
        for (const [c, w] of f.uses) s.expand(constraints[c] as Constraint<number>, v, w);
        return v;
      });
      s.solve(() => {});
      const tolerance = 1e-4;
      for (const c of constraints) assert.ok(c.load() <= c.bound * (1 + tolerance), `over capacity: ${c.load()}`);
      for (const v of variables) {
        if (v.bound !== undefined && v.bound > 0 && v.value >= v.bound * (1 - tolerance)) continue;
        const limited = v.elements.some((e) => {
          const c = e.constraint;
          if (c.load() < c.bound * (1 - tolerance)) return false;
          // on a saturated constraint, v must have the largest penalty-weighted value (max-min fairness)
          let best = 0;
          for (let o = c.enabled.head; o !== null; o = o.listNext)
            best = Math.max(best, o.variable.value * o.variable.penalty);
          return v.value * v.penalty >= best * (1 - tolerance);
        });
        assert.ok(limited, `flow ${v.ref} (value ${v.value}) is neither at its bound nor bottlenecked`);
      }
    }),
    { numRuns: 500 },
  );
});
