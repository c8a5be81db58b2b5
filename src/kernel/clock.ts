// Simulated time: the clock, the calendar of timers and the resource models. It finds how long until something
// happens (a timer fires, a model's action ends) and moves time there, letting the models finish what ends then.
import { LivemigError } from '../core/index.ts';
import { Calendar, type Timer } from './calendar.ts';
import type { ModelAction, ResourceModel } from './resource-model.ts';
import type { TraceBus } from './trace.ts';

export class Clock {
  /** Simulated time, in seconds. */
  now = 0;
  /** Number of time steps taken so far. */
  steps = 0;
  private readonly calendar = new Calendar();
  private readonly models: ResourceModel[] = [];
  private endedCount = 0;
  private readonly endedHandler = (action: ModelAction, failed: boolean): void => {
    this.endedCount++;
    action.owner?.actionEnded(action, failed);
  };

  constructor(private readonly trace: TraceBus) {}

  /** Adds a resource model; models are asked in the order they were added. */
  addModel(model: ResourceModel): void {
    this.models.push(model);
  }

  schedule(date: number, callback: () => void): Timer {
    if (!(date >= this.now)) {
      throw new LivemigError(
        'invalid-argument',
        `Cannot schedule an event at ${date} s: it is before now (${this.now} s).`,
      );
    }
    return this.calendar.schedule(date, callback);
  }

  /** Seconds until the next timer fires or the next model action ends; Infinity when nothing is due. The timer
   * comes first, then the models in the order they were added (each may solve its sharing when asked). */
  nextDelay(): number {
    const timer = this.calendar.nextDate();
    let delta = timer === Number.POSITIVE_INFINITY ? timer : Math.max(0, timer - this.now);
    for (const model of this.models) {
      const next = model.nextEventDelay(this.now);
      if (next < delta) delta = next;
    }
    return delta;
  }

  /** Moves time `delta` seconds forward: the models finish what ends then, due timers run, ended actions are told
   * to their owners, until nothing more happens at that date. */
  advance(delta: number): void {
    this.now += delta;
    this.steps++;
    for (const model of this.models) model.advance(this.now, delta);
    if (this.trace.wants('time.advanced')) this.trace.emit({ time: this.now, type: 'time.advanced', delta });
    let again: boolean;
    do {
      again = this.calendar.runDue(this.now);
      this.drainEnded();
    } while (again);
  }

  /** Tells ended actions to their owners; true if there was any. */
  drainEnded(): boolean {
    this.endedCount = 0;
    for (const model of this.models) model.drainEnded(this.endedHandler);
    return this.endedCount > 0;
  }
}
