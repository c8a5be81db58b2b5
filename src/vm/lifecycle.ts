// The life cycle of a VM as data: states, events, the transition table and a pure transition function.
// created → running ⇄ suspended, running → migrating → running, running → saving → saved → restoring → running,
// any → destroyed (a shut-down VM may start again).

export type VmState =
  | 'created'
  | 'running'
  | 'suspended'
  | 'migrating'
  | 'saving'
  | 'saved'
  | 'restoring'
  | 'destroyed';

export type VmEvent =
  | 'start'
  | 'suspend'
  | 'resume'
  | 'shutdown'
  | 'destroy'
  | 'migration-started'
  | 'migration-completed'
  | 'migration-failed'
  | 'save'
  | 'save-completed'
  | 'restore'
  | 'restore-completed';

/** What the VM object must do when a transition is taken (in this order). */
export type VmEffect =
  | 'check-memory'
  | 'pause-actors'
  | 'resume-actors'
  | 'kill-actors'
  | 'abort-migration'
  | 'cancel-pending'
  | 'release-resources';

interface Transition {
  readonly to: VmState;
  readonly effects: readonly VmEffect[];
}

const go = (to: VmState, ...effects: VmEffect[]): Transition => ({ to, effects });

/** The whole table: for each state, the events it accepts. Anything else is illegal. */
export const VM_TRANSITIONS: Readonly<Record<VmState, Readonly<Partial<Record<VmEvent, Transition>>>>> = {
  created: {
    start: go('running', 'check-memory'),
    shutdown: go('destroyed', 'kill-actors'),
    destroy: go('destroyed', 'kill-actors', 'release-resources'),
  },
  running: {
    suspend: go('suspended', 'pause-actors'),
    shutdown: go('destroyed', 'kill-actors'),
    destroy: go('destroyed', 'kill-actors', 'release-resources'),
    'migration-started': go('migrating'),
    save: go('saving', 'pause-actors'),
  },
  suspended: {
    resume: go('running', 'resume-actors'),
    shutdown: go('destroyed', 'kill-actors'),
    destroy: go('destroyed', 'kill-actors', 'release-resources'),
  },
  migrating: {
    shutdown: go('destroyed', 'abort-migration', 'kill-actors'),
    destroy: go('destroyed', 'abort-migration', 'kill-actors', 'release-resources'),
    'migration-completed': go('running'),
    'migration-failed': go('running'),
  },
  // Saving writes the memory to disk, restoring reads it back (their durations are the VM's, see save()); the actors
  // stay paused from the start of the save to the end of the restore. A saved VM holds no memory on its PM.
  saving: {
    'save-completed': go('saved'),
    shutdown: go('destroyed', 'cancel-pending', 'kill-actors'),
    destroy: go('destroyed', 'cancel-pending', 'kill-actors', 'release-resources'),
  },
  saved: {
    restore: go('restoring', 'check-memory'),
    shutdown: go('destroyed', 'kill-actors'),
    destroy: go('destroyed', 'kill-actors', 'release-resources'),
  },
  restoring: {
    'restore-completed': go('running', 'resume-actors'),
    shutdown: go('destroyed', 'cancel-pending', 'kill-actors'),
    destroy: go('destroyed', 'cancel-pending', 'kill-actors', 'release-resources'),
  },
  destroyed: {
    start: go('running', 'check-memory'),
    shutdown: go('destroyed', 'kill-actors'),
    destroy: go('destroyed', 'release-resources'),
  },
};

export type TransitionResult =
  | { ok: true; next: VmState; effects: readonly VmEffect[] }
  | { ok: false; state: VmState; event: VmEvent; allowed: readonly VmEvent[] };

/** Pure: what `event` does to a VM in `state`. */
export function transition(state: VmState, event: VmEvent): TransitionResult {
  const row = VM_TRANSITIONS[state];
  const found = row[event];
  if (found === undefined) return { ok: false, state, event, allowed: Object.keys(row) as VmEvent[] };
  return { ok: true, next: found.to, effects: found.effects };
}

export const VM_STATES: readonly VmState[] = [
  'created',
  'running',
  'suspended',
  'migrating',
  'saving',
  'saved',
  'restoring',
  'destroyed',
];
export const VM_EVENTS: readonly VmEvent[] = [
  'start',
  'suspend',
  'resume',
  'shutdown',
  'destroy',
  'migration-started',
  'migration-completed',
  'migration-failed',
  'save',
  'save-completed',
  'restore',
  'restore-completed',
];

/** SimGrid's name of a state (SAVING, SAVED, RESTORING are SimGrid 3.10's MSG states; a migrating VM is RUNNING for SimGrid, or SUSPENDED during its stop-and-copy). */
export function simgridStateName(state: VmState, pausedForMigration = false): string {
  switch (state) {
    case 'created':
      return 'CREATED';
    case 'running':
      return 'RUNNING';
    case 'suspended':
      return 'SUSPENDED';
    case 'migrating':
      return pausedForMigration ? 'SUSPENDED' : 'RUNNING';
    case 'saving':
      return 'SAVING';
    case 'saved':
      return 'SAVED';
    case 'restoring':
      return 'RESTORING';
    case 'destroyed':
      return 'DESTROYED';
  }
}
