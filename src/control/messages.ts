// The messages of the control plane and what each costs on the network: libvirt RPC between the controller and the
// agents, VDP between stations and bridges, PUSH/PULL of a VM's dynamic network state. Sizes are the bytes on the
// wire of a typical message (docs/control-plane.md gives the breakdown); every message crosses the simulated route.
import type { PullStatus } from './bridge-pulls.ts';
import type { Address } from './network.ts';
import type { PhaseName } from './protocol.ts';
import type { FailureReason } from './records.ts';

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

/** A message with nothing to say besides its kind. */
type Empty = Record<string, never>;

/** A phase's answer: ok, or why not; Finish also says whether the VM resumed before its memory was all there. */
export interface RpcReply {
  ok: boolean;
  reason?: FailureReason;
  error?: string;
  postCopy?: boolean;
}

export type VdpOperation = 'pre-associate' | 'associate' | 'de-associate';
/** VDP's migration hint: the VM is migrating to this station, from it, or neither. */
export type VdpHint = 'to' | 'from' | 'none';

/** The body each kind of message carries. */
export interface MessageBodies {
  /** The controller asks an agent to run a phase (Finish and Confirm may be cancelled ones). */
  'rpc.begin': { cancelled: boolean };
  'rpc.prepare': { cancelled: boolean };
  'rpc.perform': { cancelled: boolean };
  'rpc.finish': { cancelled: boolean };
  'rpc.confirm': { cancelled: boolean };
  'rpc.begin.reply': RpcReply;
  'rpc.prepare.reply': RpcReply;
  'rpc.perform.reply': RpcReply;
  'rpc.finish.reply': RpcReply;
  'rpc.confirm.reply': RpcReply;
  /** The source started the memory copy: Perform's deadline is lifted. */
  'rpc.perform.started': Empty;
  /** The source paused the VM and asks whether it may switch over; the controller's answer. */
  'rpc.switchover-ready': Empty;
  'rpc.switchover': { allow: boolean };
  /** The destination tells the source what became of its copy. */
  'rpc.status': { status: 'committed' | 'destroyed' };
  'rpc.close': Empty;
  'rpc.keepalive': Empty;
  'rpc.keepalive.reply': Empty;
  /** A station's VDP request to its bridge (the M bit and the VSI manager holding the VM's state on Pre-Associate). */
  'vdp.pre-associate': { vm: string; hint: VdpHint; manager?: string };
  'vdp.associate': { vm: string; hint: VdpHint; manager?: string };
  'vdp.de-associate': { vm: string; hint: VdpHint; manager?: string };
  'vdp.response': { status: 'success' | 'insufficient-resources' };
  /** The source asks its bridge to PUSH the VM's state to the database, which stores it and says so. */
  'state.push-request': { vm: string; bytes: number; database: string; notify: Address };
  'state.push': { vm: string; bytes: number; notify: Address };
  'state.stored': { vm: string };
  /** Serialize policy: the source tells the destination that the PUSH is stored. */
  'state.pushed': { vm: string };
  /** A PULL to the database, delivered to a bridge; a bridge PULLing on its own asks for an acknowledgement. */
  'state.pull': { vm: string; deliverTo: Address; notify: Address; ack?: boolean };
  'state.pull-ack': { vm: string; status: 'delivering' | 'held' };
  'state.data': { vm: string; bytes: number; notify: Address };
  'state.installed': { vm: string };
  'state.pull-failed': { vm: string; reason: string; bridge: string };
  /** The destination asks its bridge where its PULL is. */
  'state.pull-status': { vm: string };
  'state.pull-status.reply': { vm: string; status: PullStatus | 'none'; reason?: string };
}

export type MessageKind = keyof MessageBodies;

/** What every message carries besides its kind and body; replies name the request they answer. */
interface Header {
  readonly id: number;
  /** Endpoint name and mailbox to answer to. */
  readonly from: string;
  readonly replyTo: string;
  readonly migration: number;
  /** The request this answers (replies only). */
  readonly inReplyTo?: number;
}

/** Any message of the control plane: a union discriminated by `kind`. */
export type Message = {
  [Kind in MessageKind]: Header & { readonly kind: Kind; readonly body: Readonly<MessageBodies[Kind]> };
}[MessageKind];

/** A message of one of `K`'s kinds, with its body. */
export type MessageOf<K extends MessageKind> = Extract<Message, { readonly kind: K }>;

/** A message to send: its kind, its body (optional when it says nothing), its size on the wire. */
export type Outgoing<K extends MessageKind = MessageKind> = {
  [Kind in K]: {
    kind: Kind;
    migration: number;
    inReplyTo?: number;
    bytes: number;
  } & (Empty extends MessageBodies[Kind] ? { body?: MessageBodies[Kind] } : { body: MessageBodies[Kind] });
}[K];

/** Whether `message` is of one of `kinds`. */
export function isKind<K extends MessageKind>(message: Message, ...kinds: K[]): message is MessageOf<K> {
  return (kinds as MessageKind[]).includes(message.kind);
}
