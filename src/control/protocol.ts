// The phased migration protocol as the controller runs it (libvirt's migration protocol v3): states, the events the
// agents' replies and the timers raise, the effects each transition asks for, and the whole table as data with a
// pure transition function. Which side cleans up after a failure is written here, once (docs/control-plane.md).

export type PhaseName = 'begin' | 'prepare' | 'perform' | 'finish' | 'confirm';
export const PHASES: readonly PhaseName[] = ['begin', 'prepare', 'perform', 'finish', 'confirm'];

/** Where the controller is: waiting for the reply to one request, or done. */
export type ControlState =
  | 'idle'
  | 'begin'
  | 'prepare'
  | 'perform'
  /** Finish asked to commit: the destination resumes the VM (the commit point). */
  | 'finish'
  /** Finish asked to kill the destination's copy; Confirm (cancelled) follows. */
  | 'finish-cancel'
  /** Finish asked to kill the destination's copy after the source cleaned up itself; nothing follows. */
  | 'finish-abort'
  | 'confirm'
  | 'confirm-cancel'
  | 'completed'
  | 'failed';

export type ControlEvent =
  | 'start'
  /** The peer of the request in flight answered: done. */
  | 'ok'
  /** The peer of the request in flight answered: it failed (and cleaned up its own side). */
  | 'failed'
  /** No answer to the request in flight before its timer expired. */
  | 'timeout'
  /** The connection to the source's (destination's) agent closed: no keep-alive answer. */
  | 'source-lost'
  | 'destination-lost'
  /** The source paused the VM before the switch-over and asks whether to go on (pause-before-switchover). */
  | 'switchover-ready';

export type Peer = 'source' | 'destination';

export type ControlEffect =
  | { type: 'start-phase'; phase: PhaseName; cancelled: boolean }
  | { type: 'end-phase'; phase: PhaseName; ok: boolean }
  /** Send the request of `phase` to `to`; `cancelled` for Finish and Confirm of a rolled-back migration. */
  | { type: 'request'; to: Peer; phase: PhaseName; cancelled: boolean }
  /** The migration failed in `phase`: remember it (the first one counts) with the event's reason. */
  | { type: 'fail'; phase: PhaseName }
  /** Answer the source's pause-before-switchover question. */
  | { type: 'answer-switchover'; allow: boolean }
  | { type: 'conclude'; outcome: 'completed' | 'failed' };

export interface ControlTransition {
  readonly to: ControlState;
  readonly effects: readonly ControlEffect[];
}

export const CONTROL_STATES: readonly ControlState[] = [
  'idle',
  'begin',
  'prepare',
  'perform',
  'finish',
  'finish-cancel',
  'finish-abort',
  'confirm',
  'confirm-cancel',
  'completed',
  'failed',
];

export const CONTROL_EVENTS: readonly ControlEvent[] = [
  'start',
  'ok',
  'failed',
  'timeout',
  'source-lost',
  'destination-lost',
  'switchover-ready',
];

export const TERMINAL_STATES: readonly ControlState[] = ['completed', 'failed'];

const start = (phase: PhaseName, cancelled = false): ControlEffect => ({ type: 'start-phase', phase, cancelled });
const end = (phase: PhaseName, ok: boolean): ControlEffect => ({ type: 'end-phase', phase, ok });
const ask = (to: Peer, phase: PhaseName, cancelled = false): ControlEffect => ({
  type: 'request',
  to,
  phase,
  cancelled,
});
const fail = (phase: PhaseName): ControlEffect => ({ type: 'fail', phase });
const conclude = (outcome: 'completed' | 'failed'): ControlEffect => ({ type: 'conclude', outcome });
const go = (to: ControlState, ...effects: ControlEffect[]): ControlTransition => ({ to, effects });

/** Moving on to the next phase after `phase` succeeded. */
const next = (phase: PhaseName, to: ControlState, peer: Peer, nextPhase: PhaseName) =>
  go(to, end(phase, true), start(nextPhase), ask(peer, nextPhase));
/** `phase` failed: kill the destination's copy (Finish, cancelled), then Confirm (cancelled) on the source or not. */
const cancelDestination = (phase: PhaseName, then: 'finish-cancel' | 'finish-abort') =>
  go(then, end(phase, false), fail(phase), start('finish', true), ask('destination', 'finish', true));
/** `phase` failed: the source resumes its VM (Confirm, cancelled). */
const cancelSource = (phase: PhaseName) =>
  go('confirm-cancel', end(phase, false), fail(phase), start('confirm', true), ask('source', 'confirm', true));

/** Absorbs the event: nothing to do in this state. */
const stay = (state: ControlState) => go(state);

type Row = Readonly<Record<ControlEvent, ControlTransition>>;

/** A waiting state refuses a switch-over it did not expect; the rest ignore what does not concern them. */
function row(state: ControlState, handled: Partial<Record<ControlEvent, ControlTransition>>): Row {
  const refuse = go(state, { type: 'answer-switchover', allow: false });
  const filled = {} as Record<ControlEvent, ControlTransition>;
  for (const event of CONTROL_EVENTS)
    filled[event] = handled[event] ?? (event === 'switchover-ready' ? refuse : stay(state));
  return filled;
}

/** The whole protocol: for each state, what every event does. */
export const CONTROL_TRANSITIONS: Readonly<Record<ControlState, Row>> = {
  idle: row('idle', { start: go('begin', start('begin'), ask('source', 'begin')) }),
  // Begin (source): checks and the VM's description. Nothing to undo when it fails (libvirt ends the job).
  begin: row('begin', {
    ok: next('begin', 'prepare', 'destination', 'prepare'),
    failed: go('failed', end('begin', false), fail('begin'), conclude('failed')),
    timeout: cancelSource('begin'),
    'source-lost': go('failed', end('begin', false), fail('begin'), conclude('failed')),
  }),
  // Prepare (destination): resources, the paused copy, the features' preparation. A failed Prepare cleaned up its
  // own side; the source is told to end its job (libvirt's Confirm, cancelled).
  prepare: row('prepare', {
    ok: next('prepare', 'perform', 'source', 'perform'),
    failed: cancelSource('prepare'),
    timeout: cancelDestination('prepare', 'finish-cancel'),
    'destination-lost': cancelSource('prepare'),
    'source-lost': cancelDestination('prepare', 'finish-abort'),
  }),
  // Perform (source): the memory copy. A source that reports a failure has resumed its VM itself (libvirt skips
  // Confirm then); a silent or lost source must still be told.
  perform: row('perform', {
    ok: next('perform', 'finish', 'destination', 'finish'),
    failed: cancelDestination('perform', 'finish-abort'),
    timeout: cancelDestination('perform', 'finish-cancel'),
    'source-lost': cancelDestination('perform', 'finish-abort'),
    'destination-lost': cancelSource('perform'),
    'switchover-ready': go('perform', { type: 'answer-switchover', allow: true }),
  }),
  // Finish (destination): the features commit and the VM resumes there. Without an answer, the destination is told
  // to cancel; one that had already resumed the VM refuses the cancel and the migration completes.
  finish: row('finish', {
    ok: next('finish', 'confirm', 'source', 'confirm'),
    failed: cancelSource('finish'),
    timeout: go(
      'finish-cancel',
      end('finish', false),
      fail('finish'),
      start('finish', true),
      ask('destination', 'finish', true),
    ),
    'destination-lost': cancelSource('finish'),
  }),
  'finish-cancel': row('finish-cancel', {
    ok: go('confirm-cancel', end('finish', true), start('confirm', true), ask('source', 'confirm', true)),
    failed: go('confirm', end('finish', true), start('confirm'), ask('source', 'confirm')),
    timeout: go('confirm-cancel', end('finish', false), start('confirm', true), ask('source', 'confirm', true)),
    'destination-lost': go(
      'confirm-cancel',
      end('finish', false),
      start('confirm', true),
      ask('source', 'confirm', true),
    ),
  }),
  'finish-abort': row('finish-abort', {
    ok: go('failed', end('finish', true), conclude('failed')),
    failed: go('confirm', end('finish', true), start('confirm'), ask('source', 'confirm')),
    timeout: go('failed', end('finish', false), conclude('failed')),
    'destination-lost': go('failed', end('finish', false), conclude('failed')),
  }),
  // Confirm (source): destroy the source's copy. The VM already runs on the destination: the migration completed
  // even when the source cannot confirm (its copy goes with it).
  confirm: row('confirm', {
    ok: go('completed', end('confirm', true), conclude('completed')),
    failed: go('completed', end('confirm', false), conclude('completed')),
    timeout: go('completed', end('confirm', false), conclude('completed')),
    'source-lost': go('completed', end('confirm', false), conclude('completed')),
  }),
  'confirm-cancel': row('confirm-cancel', {
    ok: go('failed', end('confirm', true), conclude('failed')),
    failed: go('failed', end('confirm', false), conclude('failed')),
    timeout: go('failed', end('confirm', false), conclude('failed')),
    'source-lost': go('failed', end('confirm', false), conclude('failed')),
  }),
  completed: row('completed', {}),
  failed: row('failed', {}),
};

/** Pure: what `event` does to the protocol in `state`. */
export function transition(state: ControlState, event: ControlEvent): ControlTransition {
  return CONTROL_TRANSITIONS[state][event];
}

/** The peer whose answer each waiting state expects. */
export function awaitedPeer(state: ControlState): Peer | undefined {
  switch (state) {
    case 'begin':
    case 'perform':
    case 'confirm':
    case 'confirm-cancel':
      return 'source';
    case 'prepare':
    case 'finish':
    case 'finish-cancel':
    case 'finish-abort':
      return 'destination';
    default:
      return undefined;
  }
}
