// The life cycle of a VM as data: states, events, the transition table and a pure transition function.
// created → running ⇄ suspended, running → migrating → running, any → destroyed (a shut-down VM may start again).

export type VmState = 'created' | 'running' | 'suspended' | 'migrating' | 'destroyed';

export type VmEvent =
  | 'start'
  | 'suspend'
  | 'resume'
  | 'shutdown'
  | 'destroy'
  | 'migration-started'
  | 'migration-completed'
  | 'migration-failed';

/** What the VM object must do when a transition is taken (in this order). */
export type VmEffect =
  | 'check-memory'
  | 'pause-actors'
  | 'resume-actors'
  | 'kill-actors'
  | 'abort-migration'
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

export const VM_STATES: readonly VmState[] = ['created', 'running', 'suspended', 'migrating', 'destroyed'];
export const VM_EVENTS: readonly VmEvent[] = [
  'start',
  'suspend',
  'resume',
  'shutdown',
  'destroy',
  'migration-started',
  'migration-completed',
  'migration-failed',
];

/** SimGrid's name of a state (a migrating VM is RUNNING for SimGrid, or SUSPENDED during its stop-and-copy). */
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
    case 'destroyed':
      return 'DESTROYED';
  }
}
