// A physical host: a processor (Cas01 CPU) at a place on the network, which can be turned off and on.
// Turning it off kills its actors and fails every activity that runs on it; listeners (VMs, energy) are told.
import { LivemigError } from '../core/index.ts';
import { type Engine, internalsOf, type SimHost } from '../kernel/index.ts';
import type { Cpu } from '../models/index.ts';

export type HostStateListener = (host: Host, on: boolean) => void;
/** 'before': when turning off, before the host's actors are killed (VMs shut down then); 'after': once done. */
export type HostStatePhase = 'before' | 'after';

export class Host implements SimHost {
  readonly isVirtual: boolean = false;
  private on = true;
  private readonly listeners: HostStateListener[] = [];
  private readonly afterListeners: HostStateListener[] = [];
  private readonly speedListeners: ((host: Host) => void)[] = [];

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
    if (!(Number.isInteger(pstate) && pstate >= 0 && pstate < this.cpu.pstateCount)) {
      throw new LivemigError(
        'invalid-argument',
        `Host "${this.name}" has pstates 0 to ${this.cpu.pstateCount - 1}; ${pstate} is not one of them.`,
      );
    }
    this.cpu.setPstate(pstate);
    for (const listener of [...this.speedListeners]) listener(this);
  }

  /** Listens to speed changes (pstate). */
  onSpeedChange(listener: (host: Host) => void): void {
    this.speedListeners.push(listener);
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
  onStateChange(listener: HostStateListener, phase: HostStatePhase = 'before'): () => void {
    const list = phase === 'before' ? this.listeners : this.afterListeners;
    list.push(listener);
    return () => {
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
    };
  }

  turnOff(): void {
    if (!this.on) return;
    this.on = false;
    for (const listener of [...this.listeners]) listener(this, false);
    internalsOf(this.engine).killActorsOn(this, `its host "${this.name}" was turned off`);
    this.cpu.turnOff();
    for (const listener of [...this.afterListeners]) listener(this, false);
    if (this.engine.trace.wants('host.turned-off')) {
      this.engine.trace.emit({ time: this.engine.now, type: 'host.turned-off', host: this.name });
    }
  }

  turnOn(): void {
    if (this.on) return;
    this.on = true;
    this.cpu.turnOn();
    for (const listener of [...this.listeners]) listener(this, true);
    for (const listener of [...this.afterListeners]) listener(this, true);
    if (this.engine.trace.wants('host.turned-on')) {
      this.engine.trace.emit({ time: this.engine.now, type: 'host.turned-on', host: this.name });
    }
  }

  toString(): string {
    return this.name;
  }
}
