// VDP's timers from IEEE 802.1Qbg's exponents, as lldpad computes them (qbg/vdp22sm.c) and switch manuals state
// them: a station waits `responseWait` for a bridge's answer; a bridge releases an association whose station sent
// no keep-alive for `keepAliveExpiry`; a station refreshes its associations every `stationKeepAlive`.

export interface VdpExponents {
  /** Resource wait delay exponent (lldpad's default 20). */
  rwd: number;
  /** Reinit keep-alive exponent (lldpad's default 20). */
  rka: number;
  /** ECP retransmission exponent (lldpad's default 8). */
  rte: number;
  /** ECP retries (lldpad's default 3). */
  retries: number;
}

export const LLDPAD_DEFAULTS: VdpExponents = { rwd: 20, rka: 20, rte: 8, retries: 3 };

/** The exponents count units of 10 µs. */
const UNIT_SEC = 1e-5;

export interface VdpTimers {
  responseWaitSec: number;
  /** How long a bridge waits for its VSI manager (the database of VSI types and, here, of dynamic state). */
  resourceWaitSec: number;
  keepAliveExpirySec: number;
  stationKeepAliveSec: number;
}

export function vdpTimers(e: VdpExponents = LLDPAD_DEFAULTS): VdpTimers {
  const ecp = (1 + 2 * e.retries) * 2 ** e.rte;
  return {
    // ((1 + 2·retries)·2^rte + 2^rwd) × 10 µs × 1.5
    responseWaitSec: 1.5 * (ecp + 2 ** e.rwd) * UNIT_SEC,
    // 2^rwd × 10 µs (the H3C manual's resource-wait delay)
    resourceWaitSec: 2 ** e.rwd * UNIT_SEC,
    // 1.5 × (2^rka + (2·retries + 1)·2^rte) × 10 µs
    keepAliveExpirySec: 1.5 * (2 ** e.rka + ecp) * UNIT_SEC,
    stationKeepAliveSec: 2 ** e.rka * UNIT_SEC,
  };
}
