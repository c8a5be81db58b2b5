// Kernel benchmark: events/s of the calendar (bare, and through the engine), actor context switches/s, and max-min solver times for
// 1k/10k/100k flows sharing one backbone (full solve, then a lazy re-solve of a small unrelated component).
// Usage: npm run bench:kernel [-- --quick]  (a full run records its figures in docs/performance.md; --quick does not)
import { performance } from 'node:perf_hooks';
import { Engine, MaxMinSystem, type SimHost, spawnActor } from '../src/index.ts';
import { bareCalendarEventsPerSec, engineCalendarEventsPerSec } from './calendar.ts';
import { collector, recordSection } from './record.ts';

const quick = process.argv.includes('--quick');

function timeIt(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

const idleCpu = {
  execute: () => {
    throw new Error('no cpu');
  },
  sleep: () => {
    throw new Error('no cpu');
  },
};

async function contextSwitchesPerSec(actors: number, yieldsEach: number): Promise<number> {
  const engine = new Engine();
  const host: SimHost = {
    name: 'h',
    isOn: () => true,
    cpu: idleCpu,
    isVirtual: false,
    networkNode: undefined as never,
  };
  for (let a = 0; a < actors; a++) {
    spawnActor(engine, `a${a}`, host, async (ctx) => {
      for (let i = 0; i < yieldsEach; i++) await ctx.yield();
    });
  }
  const start = performance.now();
  await engine.run();
  const seconds = (performance.now() - start) / 1000;
  return (actors * yieldsEach) / seconds;
}

function solverTimes(flows: number): { full: number; lazy: number; backbone: number } {
  const system = new MaxMinSystem<number>();
  const backbone = system.newConstraint(10e9);
  const variables = [];
  for (let i = 0; i < flows; i++) {
    const up = system.newConstraint(1.25e9);
    const down = system.newConstraint(1.25e9);
    const v = system.newVariable(i, 1e-4 + (i % 7) * 1e-6, 131072000 / 0.97);
    system.expand(up, v, 1);
    system.expand(backbone, v, 1.05);
    system.expand(down, v, 1);
    variables.push(v);
  }
  // a small independent component: one link, two flows
  const alone = system.newConstraint(1e6);
  const a1 = system.newVariable(-1, 1, undefined);
  const a2 = system.newVariable(-2, 1, undefined);
  system.expand(alone, a1, 1);
  system.expand(alone, a2, 1);
  let touched = 0;
  const full = timeIt(() => system.solve(() => touched++));
  // The median of many re-solves of the small component: one alone is a few microseconds, under the timer's noise.
  const lazyTimes: number[] = [];
  for (let k = 0; k < 201; k++) {
    touched = 0;
    system.updateVariableBound(a1, 1e5 + k);
    lazyTimes.push(timeIt(() => system.solve(() => touched++)));
    if (touched !== 2) throw new Error(`lazy re-solve touched ${touched} variables, expected 2`);
  }
  lazyTimes.sort((x, y) => x - y);
  const lazy = lazyTimes[100] as number;
  system.updateVariableBound(variables[0] as never, 1e6);
  const backboneResolve = timeIt(() => system.solve(() => {}));
  return { full, lazy, backbone: backboneResolve };
}

const calendarCount = quick ? 100_000 : 1_000_000;
const bareCalendar = bareCalendarEventsPerSec(calendarCount);
const calendar = await engineCalendarEventsPerSec(calendarCount);
const switches = await contextSwitchesPerSec(100, quick ? 1_000 : 10_000);
const out = collector();
out.print('livemig kernel benchmark');
out.print(`calendar, bare (schedule and run): ${(bareCalendar / 1e6).toFixed(2)} M events/s`);
out.print(`calendar through the engine, one step per event: ${(calendar / 1e6).toFixed(2)} M events/s`);
out.print(
  `actor context switches: ${(switches / 1e6).toFixed(2)} M switches/s (${(1e9 / switches).toFixed(0)} ns each)`,
);
out.print('solver, N flows over private links and one shared backbone:');
out.print(
  '  flows   full solve   re-solve after a backbone flow changed   re-solve of a small unrelated component (median of 201)',
);
for (const n of quick ? [1000, 10_000] : [1000, 10_000, 100_000]) {
  const t = solverTimes(n);
  out.print(
    `  ${String(n).padStart(6)}   ${(t.full * 1e3).toFixed(2).padStart(8)} ms   ${(t.backbone * 1e3).toFixed(2).padStart(10)} ms` +
      `                          ${(t.lazy * 1e6).toFixed(1).padStart(8)} µs`,
  );
}
if (!quick) recordSection('kernel', 'npm run bench:kernel', out.lines);
