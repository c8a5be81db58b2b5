// Where one migration stands, as data: its phases, the events its sender, receiver, hosts and operator raise, the
// effects each transition asks for, and the whole table with a pure transition function. What a failure does to the
// VM (resume it on the source, hold it there paused, or lose it) is decided here, once, from the phase.

export type RunPhase =
  /** The VM runs on the source while rounds of memory go to the destination. */
  | 'pre-copy'
  /** The VM is paused on the source for the stop-and-copy (and the pause-before-switchover gate). */
  | 'stopped'
  /** The VM is paused on the source and post-copy began: its device state goes to the destination. */
  | 'post-copy-ready'
  /** Every byte is at the destination; the VM has not resumed there yet (the before-resume hook runs). */
  | 'delivered'
  /** Post-copy's device state is at the destination; the VM has not resumed there yet (the hook runs). */
  | 'post-copy-delivered'
  /** The source failed while the VM waited in the hook: the VM waits, paused, on the destination. */
  | 'held'
  /** The VM runs on the destination while its missing pages come from the source. */
  | 'post-copy'
  /** The VM runs on the destination with its whole memory; only the acknowledgement is left. */
  | 'landed'
  /** As `landed`, after post-copy: the source's copy is gone, a failure now loses the VM. */
  | 'post-copy-landed'
  /** As `landed`, after the source failed while the VM was held: a failure now loses the VM. */
  | 'held-landed'
  | 'completed'
  | 'failed';

export type RunEvent =
  /** The sender paused the VM on the source for the switch-over. */
  | 'pause'
  /** The sender went post-copy (the VM is paused on the source). */
  | 'post-copy'
  /** The receiver has every byte it waits for before the VM may resume. */
  | 'delivered'
  /** The source host fails while the VM waits in the hook, and the caller holds the source after completion. */
  | 'source-lost'
  /** The VM resumes on the destination. */
  | 'resume'
  /** Post-copy's last page reached the destination. */
  | 'pages-arrived'
  /** The migration is over: the caller is answered (or nobody waits any more). */
  | 'complete'
  /** A failure: a transfer, a host, a refused gate or hook, the VM shut down. */
  | 'fail'
  /** The operator's migrate_cancel. */
  | 'cancel';

/** What a failure does to the VM. */
export type VmFate =
  /** It keeps running on the source (it resumes there if it was paused). */
  | 'resume-on-source'
  /** Past completion, it stays paused on the source for the caller to resume, when the caller holds it. */
  | 'hold-on-source'
  /** Its memory is split between the hosts, or its source is gone: it is destroyed. */
  | 'destroy'
  /** It runs on the destination: nothing to undo. */
  | 'keep';

export type RunEffect =
  /** The migration ends badly: the VM meets `vm`, the run ends as failed. */
  | { type: 'fail'; vm: VmFate }
  /** The migration ends well. */
  | { type: 'complete' }
  /** The VM moves, paused, to the destination (its source is failing). */
  | { type: 'move-to-destination' }
  /** The operator's cancel is refused: the VM runs on the destination and needs the source's pages. */
  | { type: 'refuse-cancel' };

export interface RunTransition {
  readonly to: RunPhase;
  readonly effects: readonly RunEffect[];
}

export const RUN_PHASES: readonly RunPhase[] = [
  'pre-copy',
  'stopped',
  'post-copy-ready',
  'delivered',
  'post-copy-delivered',
  'held',
  'post-copy',
  'landed',
  'post-copy-landed',
  'held-landed',
  'completed',
  'failed',
];

export const RUN_EVENTS: readonly RunEvent[] = [
  'pause',
  'post-copy',
  'delivered',
  'source-lost',
  'resume',
  'pages-arrived',
  'complete',
  'fail',
  'cancel',
];

export const FINAL_PHASES: readonly RunPhase[] = ['completed', 'failed'];

const go = (to: RunPhase, ...effects: RunEffect[]): RunTransition => ({ to, effects });
const failed = (vm: VmFate) => go('failed', { type: 'fail', vm });
const completed = go('completed', { type: 'complete' });

type Row = Readonly<Record<RunEvent, RunTransition>>;

/** `fail` (and `cancel`, unless refused) end the run with the VM's fate; every other event not listed is absorbed. */
function row(phase: RunPhase, vm: VmFate, handled: Partial<Record<RunEvent, RunTransition>>): Row {
  const filled = {} as Record<RunEvent, RunTransition>;
  for (const event of RUN_EVENTS) filled[event] = handled[event] ?? go(phase);
  filled.fail = failed(vm);
  filled.cancel = handled.cancel ?? failed(vm);
  return filled;
}

/** The operator cannot cancel once the VM runs, or may run, on the destination with pages on the source. */
const refuse = (phase: RunPhase) => go(phase, { type: 'refuse-cancel' });

/** A final phase absorbs everything. */
function final(phase: RunPhase): Row {
  const filled = {} as Record<RunEvent, RunTransition>;
  for (const event of RUN_EVENTS) filled[event] = go(phase);
  return filled;
}

/** The whole run: for each phase, what every event does. */
export const RUN_TRANSITIONS: Readonly<Record<RunPhase, Row>> = {
  'pre-copy': row('pre-copy', 'resume-on-source', { pause: go('stopped') }),
  stopped: row('stopped', 'resume-on-source', { 'post-copy': go('post-copy-ready'), delivered: go('delivered') }),
  'post-copy-ready': row('post-copy-ready', 'resume-on-source', {
    delivered: go('post-copy-delivered'),
    cancel: refuse('post-copy-ready'),
  }),
  // Every byte is there: the source's copy is held for the caller (libvirt's Confirm) when it asked so.
  delivered: row('delivered', 'hold-on-source', {
    'source-lost': go('held', { type: 'move-to-destination' }),
    resume: go('landed'),
  }),
  'post-copy-delivered': row('post-copy-delivered', 'hold-on-source', {
    resume: go('post-copy'),
    cancel: refuse('post-copy-delivered'),
  }),
  held: row('held', 'destroy', {
    'source-lost': go('held', { type: 'move-to-destination' }),
    resume: go('held-landed'),
  }),
  'post-copy': row('post-copy', 'destroy', { 'pages-arrived': go('post-copy-landed'), cancel: refuse('post-copy') }),
  landed: row('landed', 'keep', { complete: completed, cancel: refuse('landed') }),
  'post-copy-landed': row('post-copy-landed', 'destroy', { complete: completed, cancel: refuse('post-copy-landed') }),
  'held-landed': row('held-landed', 'destroy', { complete: completed, cancel: refuse('held-landed') }),
  completed: final('completed'),
  failed: final('failed'),
};

/** Pure: what `event` does to a run in `phase`. */
export function runTransition(phase: RunPhase, event: RunEvent): RunTransition {
  return RUN_TRANSITIONS[phase][event];
}

/** Whether the VM resumed on the destination before all its memory was there. */
export function postCopyStarted(phase: RunPhase): boolean {
  return phase === 'post-copy' || phase === 'post-copy-landed';
}

/** Whether the VM runs on the destination with all its memory there: whatever happens next, it completed. */
export function hasLanded(phase: RunPhase): boolean {
  return phase === 'landed' || phase === 'post-copy-landed' || phase === 'held-landed';
}
