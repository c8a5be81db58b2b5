// How an actor waits: for one activity (with an optional timeout), for the first of several, or tests one.
import { LivemigError } from '../core/index.ts';
import { type Activity, TimeoutWatch, type Waiter, WaitGroup } from './activity.ts';
import type { Actor } from './actor.ts';
import { timeoutError } from './errors.ts';
import type { Scheduler } from './scheduler.ts';

/** Blocks `actor` until `activity` ends (or `timeoutSec` passes); resolves when it succeeded, rejects otherwise.
 * The answer goes through `done` (given the activity, once it succeeded): by default its completion hooks run and
 * the promise resolves with undefined. Throws at once (no promise) when the call itself is wrong. */
export function waitActivity<T = void>(
  scheduler: Scheduler,
  actor: Actor,
  activity: Activity,
  timeoutSec?: number,
  done: (activity: unknown) => T = completeActivity as (activity: unknown) => T,
): Promise<T> {
  scheduler.checkRunning(actor, 'wait()');
  checkTimeout(timeoutSec);
  // The scheduler answers a lone waiter with the activity itself, so `done` needs no closure over it.
  if (activity.isEnded()) return scheduler.yield(actor, activity.errorFor(actor), activity).then(done);
  const waiter: Waiter = { actor, group: undefined, timeout: undefined };
  activity.waiters.push(waiter);
  actor.waiter = waiter;
  if (timeoutSec !== undefined && timeoutSec !== Number.POSITIVE_INFINITY) {
    const watch = new TimeoutWatch(waiter, activity);
    waiter.timeout = watch;
    watch.action = actor.host.cpu.sleep(timeoutSec, watch);
  }
  return scheduler.block(actor, activity).then(done);
}

/** Runs the completion hooks of the activity a wait returned. */
export function completeActivity(activity: unknown): undefined {
  (activity as Activity).complete();
  return undefined;
}

/** Blocks until the first of `activities` ends; returns its index. Rejects with its error if it failed. */
export async function waitAnyActivity(
  scheduler: Scheduler,
  actor: Actor,
  activities: readonly Activity[],
  timeoutSec?: number,
): Promise<number> {
  scheduler.checkRunning(actor, 'waitAny()');
  checkTimeout(timeoutSec);
  if (activities.length === 0) throw new LivemigError('invalid-argument', 'waitAny() needs at least one activity.');
  let ended = -1;
  for (let i = 0; i < activities.length && ended < 0; i++) if ((activities[i] as Activity).isEnded()) ended = i;
  let index: number;
  if (ended >= 0) {
    await scheduler.yield(actor, (activities[ended] as Activity).errorFor(actor));
    index = ended;
  } else {
    const group = new WaitGroup(actor, activities);
    const waiter: Waiter = { actor, group, timeout: undefined };
    for (const activity of activities) activity.waiters.push(waiter);
    actor.waiter = waiter;
    if (timeoutSec !== undefined && timeoutSec !== Number.POSITIVE_INFINITY) {
      const timer = scheduler.clock.schedule(scheduler.now + timeoutSec, () => {
        waiter.timeout = undefined;
        group.detach();
        scheduler.wake(
          actor,
          undefined,
          timeoutError(`Timed out after ${timeoutSec} s waiting for any of ${activities.length} activities.`),
        );
      });
      waiter.timeout = { clear: () => timer.cancel() };
    }
    index = (await scheduler.block(actor, group)) as number;
  }
  (activities[index] as Activity).complete();
  return index;
}

/** True when the activity has ended (successfully or not); never blocks. */
export function testActivity(scheduler: Scheduler, actor: Actor, activity: Activity): boolean {
  scheduler.checkRunning(actor, 'test()');
  if (!activity.isEnded()) return false;
  if (activity.errorFor(actor) === undefined) activity.complete();
  return true;
}

function checkTimeout(timeoutSec: number | undefined): void {
  if (timeoutSec !== undefined && !(timeoutSec >= 0)) {
    throw new LivemigError('invalid-argument', `A timeout must be a number of seconds ≥ 0, not ${timeoutSec}.`);
  }
}
