// Events per second of the event calendar: bare (the Calendar alone: schedule, then run every timer in date order)
// and through an Engine with no model (each timer its own date, so each is a step of the simulation loop).
// One million timers in scrambled order. Used by bench/kernel.ts and bench/vs-simgrid.ts.
import { performance } from 'node:perf_hooks';
import { Calendar, Engine } from '../src/index.ts';

/** Timer i is due at (i × 7919) mod count: every date once, in an order far from sorted. */
function scrambled(i: number, count: number): number {
  return (i * 7919) % count;
}

/** The Calendar alone: scheduling and running `count` timers, in events/s (best of `repeat`). */
export function bareCalendarEventsPerSec(count: number, repeat = 3): number {
  let best = 0;
  for (let r = 0; r < repeat; r++) {
    const calendar = new Calendar();
    let fired = 0;
    const callback = () => {
      fired++;
    };
    const start = performance.now();
    for (let i = 0; i < count; i++) calendar.schedule(scrambled(i, count), callback);
    while (calendar.size > 0) calendar.runDue(calendar.nextDate());
    const seconds = (performance.now() - start) / 1000;
    if (fired !== count) throw new Error(`only ${fired} of ${count} timers fired`);
    best = Math.max(best, count / seconds);
  }
  return best;
}

/** The same timers through an Engine (its simulation loop, no model), in events/s. */
export async function engineCalendarEventsPerSec(count: number): Promise<number> {
  const engine = new Engine();
  let fired = 0;
  for (let i = 0; i < count; i++) engine.schedule(scrambled(i, count), () => fired++);
  const start = performance.now();
  await engine.run();
  const seconds = (performance.now() - start) / 1000;
  if (fired !== count) throw new Error(`only ${fired} of ${count} timers fired`);
  return count / seconds;
}
