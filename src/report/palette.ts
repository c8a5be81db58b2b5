// The colours of VM states and migration outcomes, shared by the charts and the Paje trace so that both read alike.

export const STATE_COLORS: Readonly<Record<string, string>> = {
  created: '#b8c2cc',
  running: '#3aa17e',
  suspended: '#e0a526',
  migrating: '#3b7dd8',
  'stop-and-copy': '#8e44ad',
  saving: '#a0522d',
  saved: '#5d4037',
  restoring: '#c08552',
  destroyed: '#7f8c8d',
};

export const OUTCOME_COLORS: Readonly<Record<string, string>> = {
  completed: '#2e7d32',
  failed: '#c62828',
  aborted: '#ef6c00',
  running: '#546e7a',
};

/** States in the order legends list them. */
export const STATE_ORDER = [
  'created',
  'running',
  'migrating',
  'stop-and-copy',
  'suspended',
  'saving',
  'saved',
  'restoring',
  'destroyed',
] as const;

export function stateColor(state: string): string {
  return STATE_COLORS[state] ?? '#95a5a6';
}

/** `#rrggbb` as Paje's "r g b" with components in [0, 1]. */
export function pajeColor(hex: string): string {
  const channel = (at: number) => (Number.parseInt(hex.slice(at, at + 2), 16) / 255).toFixed(3);
  return `${channel(1)} ${channel(3)} ${channel(5)}`;
}
