// Failures injected into the control plane (besides hosts and links, which fail through the platform): a bridge
// that refuses (insufficient resources), stays silent or answers late; an agent or a database that answers late or
// not at all; messages of a kind that get lost. Each applies to the next `count` requests (or until changed).
import { invalidArgument } from '../core/index.ts';

export type BridgeFaultMode = 'refuse' | 'silent' | 'slow' | 'none';
export type ServiceFaultMode = 'silent' | 'slow' | 'none';

export type ControlFault =
  | { target: 'bridge'; host: string; mode: BridgeFaultMode; delaySec?: number; count?: number }
  | { target: 'agent' | 'database'; host: string; mode: ServiceFaultMode; delaySec?: number; count?: number }
  | { target: 'messages'; kind: string; from?: string; to?: string; count?: number };

/** How a bridge, an agent or a database treats the request in hand. */
export interface Behaviour {
  mode: BridgeFaultMode;
  delaySec: number;
}

interface ModeRule {
  mode: BridgeFaultMode;
  delaySec: number;
  left: number;
}

interface LossRule {
  kind: string;
  from: string | undefined;
  to: string | undefined;
  left: number;
}

const NORMAL: Behaviour = { mode: 'none', delaySec: 0 };

export class FaultBook {
  private readonly modes = new Map<string, ModeRule>();
  private readonly losses: LossRule[] = [];

  inject(fault: ControlFault): void {
    const count = fault.count ?? Number.POSITIVE_INFINITY;
    if (!(count === Number.POSITIVE_INFINITY || (Number.isInteger(count) && count >= 1))) {
      throw invalidArgument(`A fault's count must be a whole number ≥ 1, not ${fault.count}.`, { fault });
    }
    if (fault.target === 'messages') {
      this.losses.push({ kind: fault.kind, from: fault.from, to: fault.to, left: count });
      return;
    }
    const allowed = fault.target === 'bridge' ? ['refuse', 'silent', 'slow', 'none'] : ['silent', 'slow', 'none'];
    if (!allowed.includes(fault.mode)) {
      throw invalidArgument(`A ${fault.target} fault is one of ${allowed.join(', ')}, not "${fault.mode}".`, { fault });
    }
    const delaySec = fault.delaySec ?? 0;
    if (fault.mode === 'slow' && !(delaySec > 0 && Number.isFinite(delaySec))) {
      throw invalidArgument(`A slow ${fault.target} needs a delay > 0 s, not ${fault.delaySec}.`, { fault });
    }
    const key = `${fault.target}:${fault.host}`;
    if (fault.mode === 'none') this.modes.delete(key);
    else this.modes.set(key, { mode: fault.mode, delaySec, left: count });
  }

  /** How `target` on `host` treats its next request (one use of a counted fault). */
  behaviour(target: 'bridge' | 'agent' | 'database', host: string): Behaviour {
    const key = `${target}:${host}`;
    const rule = this.modes.get(key);
    if (rule === undefined) return NORMAL;
    if (--rule.left <= 0) this.modes.delete(key);
    return { mode: rule.mode, delaySec: rule.delaySec };
  }

  /** Whether a message of `kind` from `fromHost` to `toHost` is lost (one use of a matching rule). */
  loses(kind: string, fromHost: string, toHost: string): boolean {
    const rule = this.losses.find(
      (r) =>
        (r.kind === kind || (!r.kind.includes('.') && kind.startsWith(`${r.kind}.`))) &&
        (r.from === undefined || r.from === fromHost) &&
        (r.to === undefined || r.to === toHost),
    );
    if (rule === undefined) return false;
    if (--rule.left <= 0) this.losses.splice(this.losses.indexOf(rule), 1);
    return true;
  }
}
