// The actors alive in one engine: by pid (in creation order) and by host, with the count of daemons; numbers new
// actors and says, for a deadlock, what each one waits for.
import { Actor } from './actor.ts';
import type { BlockedActor } from './engine.ts';
import type { SimHost } from './host.ts';

export class ActorTable {
  private nextPid = 1;
  private daemons = 0;
  private readonly alive = new Map<number, Actor>();
  private readonly byHost = new Map<SimHost, Set<Actor>>();

  /** Actors alive. */
  get size(): number {
    return this.alive.size;
  }

  /** True when actors remain and every one is a daemon. */
  onlyDaemonsLeft(): boolean {
    return this.alive.size > 0 && this.alive.size === this.daemons;
  }

  /** A new actor on `host`, numbered after the previous one, whose code is `body`. */
  create(name: string, host: SimHost, body: (actor: Actor) => Promise<void> | void): Actor {
    const actor: Actor = new Actor(this.nextPid++, name, host, () => body(actor));
    this.alive.set(actor.pid, actor);
    this.hostSet(host).add(actor);
    return actor;
  }

  daemonize(actor: Actor): void {
    if (actor.daemon) return;
    actor.daemon = true;
    this.daemons++;
  }

  /** The actor ended: forget it. */
  remove(actor: Actor): void {
    this.alive.delete(actor.pid);
    this.byHost.get(actor.host)?.delete(actor);
    if (actor.daemon) this.daemons--;
  }

  /** The actors alive on `host`, in the order they arrived there. */
  on(host: SimHost): Actor[] {
    return [...(this.byHost.get(host) ?? [])];
  }

  /** Every actor alive, in creation order. */
  all(): Actor[] {
    return [...this.alive.values()];
  }

  /** Every actor alive and what it waits for (all of them are blocked when this is asked). */
  blocked(): BlockedActor[] {
    return this.all().map((actor) => ({
      pid: actor.pid,
      actor: actor.name,
      host: actor.host.name,
      waitingFor:
        actor.waitingOn?.describe() ?? (actor.parked || actor.suspended ? 'being resumed (suspended)' : 'nothing'),
    }));
  }

  private hostSet(host: SimHost): Set<Actor> {
    let set = this.byHost.get(host);
    if (set === undefined) {
      set = new Set();
      this.byHost.set(host, set);
    }
    return set;
  }
}
