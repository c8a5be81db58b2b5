// The host properties livemig reads (`ram`, `ram_overcommit`, `wattage_per_state`, `wattage_off`), checked when the
// platform is read, so that a bad value is reported with its file:line:col by `validate` instead of failing later.
import { parseSize } from '../../core/index.ts';
import type { IssueList, Where } from './issues.ts';

export function checkHostProperties(
  name: string,
  properties: Record<string, string>,
  pstates: number,
  where: Where,
  issues: IssueList,
): void {
  const bad = (property: string, message: string, hint: string) =>
    issues.error('bad-property', `Host "${name}": ${message}`, where, `${hint} (property "${property}")`);
  const ram = properties.ram;
  if (ram !== undefined) {
    try {
      parseSize(ram);
    } catch (error) {
      const reason = (error as { issues?: { message: string }[] }).issues?.[0]?.message ?? (error as Error).message;
      bad('ram', `its ram is not a size: ${reason}`, 'Write a size such as 16GiB');
    }
  }
  const overcommit = properties.ram_overcommit;
  if (overcommit !== undefined && overcommit !== 'true' && overcommit !== 'false')
    bad('ram_overcommit', `ram_overcommit is "${overcommit}".`, 'Write "true" or "false"');
  const off = properties.wattage_off;
  if (off !== undefined && !isWatts(off)) bad('wattage_off', `"${off}" is not a number of watts.`, 'Write e.g. 10');
  const perState = properties.wattage_per_state;
  if (perState === undefined) return;
  const states = perState.split(',');
  if (states.length !== pstates) {
    bad(
      'wattage_per_state',
      `wattage_per_state lists ${states.length} pstate(s) but the host has ${pstates}.`,
      'Give one "Idle:Epsilon:AllCores" (or "Idle:AllCores") entry per pstate, separated by commas',
    );
    return;
  }
  for (const state of states) {
    const values = state.split(':');
    if ((values.length === 2 || values.length === 3) && values.every(isWatts)) continue;
    bad(
      'wattage_per_state',
      `"${state}" in wattage_per_state should be "Idle:AllCores" or "Idle:Epsilon:AllCores", in watts.`,
      'Write e.g. 100:120:200',
    );
  }
}

function isWatts(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text.trim()));
}
