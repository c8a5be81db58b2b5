// The messages of the control plane and what each costs on the network: libvirt RPC between the controller and the
// agents, VDP between stations and bridges, PUSH/PULL of a VM's dynamic network state. Sizes are the bytes on the
// wire of a typical message (docs/control-plane.md gives the breakdown); every message crosses the simulated route.
import type { PhaseName } from './protocol.ts';

const KiB = 1024;
/** Ethernet (14), IPv4 (20) and TCP with timestamps (32) headers. */
const TCP_FRAMING_BYTES = 66;
/** libvirt's RPC header: length, program, version, procedure, type, serial, status (7 × 4 bytes, XDR). */
const RPC_HEADER_BYTES = 28;
/** A domain's XML description with its migration cookie, as Begin returns it and Prepare takes it. */
const DOMAIN_XML_BYTES = 8 * KiB;
/** A migration cookie (lock state, network data, statistics), as the later phases exchange it. */
const COOKIE_BYTES = 1 * KiB;

export const RPC_KEEPALIVE_BYTES = TCP_FRAMING_BYTES + RPC_HEADER_BYTES;

/** Bytes of a request of `phase` and of its reply. */
export function rpcBytes(phase: PhaseName, reply: boolean): number {
  const body = (phase === 'begin' && reply) || (phase === 'prepare' && !reply) ? DOMAIN_XML_BYTES : COOKIE_BYTES;
  return TCP_FRAMING_BYTES + RPC_HEADER_BYTES + body;
}

/** A VDP association TLV with one MAC/VLAN filter, in one ECPDU, padded to Ethernet's 64-byte minimum frame. */
export const VDP_FRAME_BYTES = 64;

/** A PUSH/PULL control message (request, acknowledgement, notice) over TCP. */
export const STATE_CONTROL_BYTES = TCP_FRAMING_BYTES + 128;

/** What a message carries besides its kind; replies name the request they answer. */
export interface Message {
  readonly id: number;
  readonly kind: string;
  /** Endpoint name and mailbox to answer to. */
  readonly from: string;
  readonly replyTo: string;
  readonly migration: number;
  /** The request this answers (replies only). */
  readonly inReplyTo?: number;
  readonly body: Readonly<Record<string, unknown>>;
}
