// Resources held on a host for a VM that does not run there: the paused incoming copy a phased migration prepares on
// its destination, and the paused outgoing copy left on the source between the commit point and the confirmation.
// The over-commit check counts them; a host turned off loses its reservations.
import type { Host } from '../platform/index.ts';

export type ReservationPurpose = 'incoming' | 'outgoing';

export interface Reservation {
  readonly id: number;
  readonly host: Host;
  readonly vm: string;
  readonly ramBytes: number;
  readonly cores: number;
  readonly purpose: ReservationPurpose;
  /** Simulated date it was taken. */
  readonly since: number;
}

export class HostReservations {
  private readonly held: Reservation[] = [];
  private count = 0;

  add(entry: Omit<Reservation, 'id'>): Reservation {
    const reservation = { ...entry, id: ++this.count };
    this.held.push(reservation);
    return reservation;
  }

  /** Gives a reservation back; false when it was already gone (released, or its host failed). */
  release(reservation: Reservation): boolean {
    const at = this.held.indexOf(reservation);
    if (at < 0) return false;
    this.held.splice(at, 1);
    return true;
  }

  has(reservation: Reservation): boolean {
    return this.held.includes(reservation);
  }

  /** Every reservation held now, oldest first. */
  get all(): readonly Reservation[] {
    return [...this.held];
  }

  /** RAM reserved on `host`, leaving out the reservations of VM `except`. */
  ramOn(host: Host, except?: string): number {
    let bytes = 0;
    for (const r of this.held) if (r.host === host && r.vm !== except) bytes += r.ramBytes;
    return bytes;
  }

  /** A host turned off: what it held is gone. */
  dropHost(host: Host): void {
    for (let i = this.held.length - 1; i >= 0; i--) if (this.held[i]?.host === host) this.held.splice(i, 1);
  }
}
