// A physical host: a processor (Cas01 CPU) at a place on the network, which can be turned off and on.
// Turning it off kills its actors and fails every activity that runs on it; listeners (VMs, energy) are told.
import type { Engine, SimHost } from '../kernel/index.ts';
import type { Cpu } from '../models/index.ts';

export type HostStateListener = (host: Host, on: boolean) => void;

export class Host implements SimHost {
  readonly isVirtual: boolean = false;
  private on = true;
  private readonly listeners: HostStateListener[] = [];

  constructor(
    readonly engine: Engine,
    readonly name: string,
    readonly cpu: Cpu,
    readonly properties: Readonly<Record<string, string>>,
  ) {}

  get networkNode(): Host {
    return this;
  }

  isOn(): boolean {
    return this.on;
  }

  /** Speed of one core at the current pstate, in flop/s. */
  get speedFlops(): number {
    return this.cpu.speed;
  }

  get cores(): number {
    return this.cpu.cores;
  }

  get pstate(): number {
    return this.cpu.pstate;
  }

  setPstate(pstate: number): void {
    this.cpu.setPstate(pstate);
  }

  /** Flop/s in use now. */
  get loadFlops(): number {
    return this.cpu.load();
  }

  property(name: string): string | undefined {
    return this.properties[name];
  }

  /** Listens to this host being turned off (false) or on (true); the listener runs before actors are killed.
   * Returns a function that stops listening. */
  onStateChange(listener: HostStateListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  turnOff(): void {
    if (!this.on) return;
    this.on = false;
    for (const listener of [...this.listeners]) listener(this, false);
    this.engine.killActorsOn(this, `its host "${this.name}" was turned off`);
    this.cpu.turnOff();
    if (this.engine.trace.wants('host.turned-off')) {
      this.engine.trace.emit({ time: this.engine.now, type: 'host.turned-off', host: this.name });
    }
  }

  turnOn(): void {
    if (this.on) return;
    this.on = true;
    this.cpu.turnOn();
    for (const listener of [...this.listeners]) listener(this, true);
    if (this.engine.trace.wants('host.turned-on')) {
      this.engine.trace.emit({ time: this.engine.now, type: 'host.turned-on', host: this.name });
    }
  }

  toString(): string {
    return this.name;
  }
}
