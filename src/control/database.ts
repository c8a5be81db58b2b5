// A database host for VMs' dynamic network state (an invented model of the "dynamic information migration" idea,
// see docs/control-plane.md): the source's bridge PUSHes a VM's state once the VM stopped, the destination PULLs it.
// Either may come first: a PULL before the PUSH waits for it. A failed database loses the PULLs it held.
import { type Actor, type ActorContext, spawnActor } from '../kernel/index.ts';
import type { Host } from '../platform/index.ts';
import { Endpoint } from './endpoint.ts';
import type { FaultBook } from './faults.ts';
import { type Message, STATE_CONTROL_BYTES } from './messages.ts';
import type { Address, ControlNetwork } from './network.ts';

interface PendingPull {
  deliverTo: Address;
  notify: Address;
  migration: number;
}

export class Database {
  /** Bytes of state stored per VM. */
  private readonly stored = new Map<string, number>();
  private readonly pulls = new Map<string, PendingPull>();
  private boot = 0;
  private actor: Actor | undefined;

  constructor(
    private readonly network: ControlNetwork,
    private readonly faults: FaultBook,
    readonly host: Host,
  ) {
    host.onStateChange((_host, on) => {
      if (on) this.boot++;
      else this.pulls.clear();
    });
  }

  /** Where to send it requests now (its actor is started on demand; while its host is off, nothing arrives). */
  address(): Address {
    const address = {
      name: `database:${this.host.name}`,
      mailbox: `livemig.database.${this.host.name}.${this.boot}`,
      host: this.host,
    };
    if (this.host.isOn() && (this.actor === undefined || !this.actor.isAlive())) {
      this.actor = spawnActor(
        this.host.engine,
        `livemig-${address.name}`,
        this.host,
        (ctx) => this.serve(ctx, address),
        {
          daemon: true,
        },
      );
    }
    return address;
  }

  private async serve(ctx: ActorContext, address: Address): Promise<void> {
    const endpoint = new Endpoint(this.network, ctx, address);
    for (;;) {
      const received = await endpoint.next();
      if (received.kind !== 'message') continue;
      const behaviour = this.faults.behaviour('database', this.host.name);
      if (behaviour.mode === 'silent') continue;
      if (behaviour.mode === 'slow') await ctx.sleep(behaviour.delaySec);
      this.handle(endpoint, received.message);
    }
  }

  private handle(endpoint: Endpoint, message: Message): void {
    if (message.kind === 'state.push') {
      const { vm, bytes, notify } = message.body;
      this.stored.set(vm, bytes);
      endpoint.send(notify, {
        kind: 'state.stored',
        bytes: STATE_CONTROL_BYTES,
        body: { vm },
        migration: message.migration,
      });
      const pull = this.pulls.get(vm);
      if (pull !== undefined) {
        this.pulls.delete(vm);
        this.deliver(endpoint, vm, pull);
      }
    } else if (message.kind === 'state.pull') {
      const vm = message.body.vm;
      const pull = { deliverTo: message.body.deliverTo, notify: message.body.notify, migration: message.migration };
      // A bridge that PULLs on its own (the M bit) wants to know the PULL is held.
      if (message.body.ack === true) {
        endpoint.send(pull.deliverTo, {
          kind: 'state.pull-ack',
          bytes: STATE_CONTROL_BYTES,
          body: { vm, status: this.stored.has(vm) ? 'delivering' : 'held' },
          migration: message.migration,
        });
      }
      if (this.stored.has(vm)) this.deliver(endpoint, vm, pull);
      else this.pulls.set(vm, pull);
    }
  }

  /** Sends the stored state to the destination's bridge, which installs it and tells the destination. */
  private deliver(endpoint: Endpoint, vm: string, pull: PendingPull): void {
    const bytes = this.stored.get(vm) ?? 0;
    this.stored.delete(vm);
    endpoint.send(pull.deliverTo, {
      kind: 'state.data',
      bytes: bytes + STATE_CONTROL_BYTES,
      body: { vm, bytes, notify: pull.notify },
      migration: pull.migration,
    });
  }
}
