// A list of listeners that the engine's on…(listener) methods add to and remove from: adding returns the function
// that removes. Emitting while a listener is added or removed calls the listeners there were when it began.

export class Listeners<T> {
  private list: readonly ((value: T) => void)[] = [];

  /** Adds `listener`; returns the function that removes it. */
  add(listener: (value: T) => void): () => void {
    this.list = [...this.list, listener];
    return () => {
      this.list = this.list.filter((other) => other !== listener);
    };
  }

  get size(): number {
    return this.list.length;
  }

  emit(value: T): void {
    for (const listener of this.list) listener(value);
  }
}
