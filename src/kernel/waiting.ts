// How an actor waits: for one activity (with an optional timeout), for the first of several, or tests one.
import { LivemigError } from '../core/index.ts';
import { type Activity, TimeoutWatch, type Waiter } from './activity.ts';
import type { Actor } from './actor.ts';
import type { Engine } from './engine.ts';
import { timeoutError } from './errors.ts';

/** Blocks `actor` until `activity` ends (or `timeoutSec` passes); resolves when it succeeded, rejects otherwise. */
export async function waitActivity(
  engine: Engine,
  actor: Actor,
  activity: Activity,
  timeoutSec?: number,
): Promise<void> {
  engine.checkRunning(actor, 'wait()');
  checkTimeout(timeoutSec);
  if (activity.isEnded()) {
    const error = activity.errorFor(actor);
    if (error !== undefined) await engine.yieldError(actor, error);
    else await engine.yield(actor);
  } else {
    const waiter: Waiter = { actor, group: undefined, timeout: undefined };
    activity.waiters.push(waiter);
    actor.waiter = waiter;
    if (timeoutSec !== undefined && timeoutSec !== Number.POSITIVE_INFINITY) {
      const watch = new TimeoutWatch(waiter, activity);
      waiter.timeout = watch;
      watch.action = actor.host.cpu.sleep(timeoutSec, watch);
    }
    await engine.block(actor, activity);
  }
  activity.complete();
}

/** Blocks until the first of `activities` ends; returns its index. Rejects with its error if it failed. */
export async function waitAnyActivity(
  engine: Engine,
  actor: Actor,
  activities: readonly Activity[],
  timeoutSec?: number,
): Promise<number> {
  engine.checkRunning(actor, 'waitAny()');
  checkTimeout(timeoutSec);
  if (activities.length === 0) throw new LivemigError('invalid-argument', 'waitAny() needs at least one activity.');
  const ended = activities.findIndex((a) => a.isEnded());
  let index: number;
  if (ended >= 0) {
    const error = (activities[ended] as Activity).errorFor(actor);
    if (error !== undefined) await engine.yieldError(actor, error);
    else await engine.yield(actor);
    index = ended;
  } else {
    const group = engine.newWaitGroup(actor, activities);
    const waiter: Waiter = { actor, group, timeout: undefined };
    for (const activity of activities) activity.waiters.push(waiter);
    actor.waiter = waiter;
    if (timeoutSec !== undefined && timeoutSec !== Number.POSITIVE_INFINITY) {
      const timer = engine.schedule(engine.now + timeoutSec, () => {
        waiter.timeout = undefined;
        group.detach();
        engine.wakeWithError(
          actor,
          timeoutError(`Timed out after ${timeoutSec} s waiting for any of ${activities.length} activities.`),
        );
      });
      waiter.timeout = { clear: () => timer.cancel() };
    }
    index = (await engine.block(actor, group)) as number;
  }
  (activities[index] as Activity).complete();
  return index;
}

/** True when the activity has ended (successfully or not); never blocks. */
export function testActivity(engine: Engine, actor: Actor, activity: Activity): boolean {
  engine.checkRunning(actor, 'test()');
  if (!activity.isEnded()) return false;
  if (activity.errorFor(actor) === undefined) activity.complete();
  return true;
}

function checkTimeout(timeoutSec: number | undefined): void {
  if (timeoutSec !== undefined && !(timeoutSec >= 0)) {
    throw new LivemigError('invalid-argument', `A timeout must be a number of seconds ≥ 0, not ${timeoutSec}.`);
  }
}
