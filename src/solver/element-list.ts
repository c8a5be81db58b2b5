// An intrusive doubly-linked list of solver elements (a constraint's enabled or disabled elements):
// O(1) push at either end and O(1) removal, with a stable, deterministic iteration order.
import type { Element } from './system.ts';

export class ElementList<T> {
  head: Element<T> | null = null;
  tail: Element<T> | null = null;
  size = 0;

  pushFront(element: Element<T>): void {
    element.listPrev = null;
    element.listNext = this.head;
    if (this.head === null) this.tail = element;
    else this.head.listPrev = element;
    this.head = element;
    this.size++;
  }

  pushBack(element: Element<T>): void {
    element.listNext = null;
    element.listPrev = this.tail;
    if (this.tail === null) this.head = element;
    else this.tail.listNext = element;
    this.tail = element;
    this.size++;
  }

  remove(element: Element<T>): void {
    if (element.listPrev === null) this.head = element.listNext;
    else element.listPrev.listNext = element.listNext;
    if (element.listNext === null) this.tail = element.listPrev;
    else element.listNext.listPrev = element.listPrev;
    element.listPrev = null;
    element.listNext = null;
    this.size--;
  }
}
