// The trace bus: typed, dot-namespaced, past-tense events (`actor.started`, `vm.migration.round-finished`) that
// reports, progress bars and tests subscribe to. Emitting costs nothing when nobody listens.

export interface TraceEvent {
  /** Simulated time of the event, in seconds. */
  time: number;
  type: string;
  [key: string]: unknown;
}

export type TraceListener = (event: TraceEvent) => void;

export class TraceBus {
  private readonly byType = new Map<string, TraceListener[]>();
  private readonly all: TraceListener[] = [];

  /** Listens to one event type, or to every event with '*'. Returns a function that stops listening. */
  on(type: string, listener: TraceListener): () => void {
    const list = type === '*' ? this.all : this.listFor(type);
    list.push(listener);
    return () => {
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /** True when someone listens to `type` (check before building an expensive event). */
  wants(type: string): boolean {
    return this.all.length > 0 || (this.byType.get(type)?.length ?? 0) > 0;
  }

  emit(event: TraceEvent): void {
    const listeners = this.byType.get(event.type);
    if (listeners !== undefined) for (const listener of [...listeners]) listener(event);
    for (const listener of [...this.all]) listener(event);
  }

  private listFor(type: string): TraceListener[] {
    let list = this.byType.get(type);
    if (list === undefined) {
      list = [];
      this.byType.set(type, list);
    }
    return list;
  }
}
