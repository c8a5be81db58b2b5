// The Paje types of a livemig trace (SimGrid's names where SimGrid has one): HOST, LINK and VM containers, host
// and VM states, speed/bandwidth variables, MIGRATION and VM_LINK links, and the entity values they take.
import { OUTCOME_COLORS, pajeColor, STATE_COLORS, stateColor } from '../palette.ts';
import type { RunReport } from '../run-report.ts';
import { type PajeWriter, ROOT } from './paje-writer.ts';

export interface PajeTypes {
  host: string;
  link: string;
  vm: string;
  hostState: string;
  vmState: string;
  speed: string;
  speedUsed: string;
  bandwidth: string;
  bandwidthUsed: string;
  migration: string;
  vmLink: string;
  /** The value of VM_LINK links ("M", as SimGrid's). */
  moveValue: string;
  /** Alias of each entity value by name: host on/off, VM states, migration outcomes. */
  hostValues: { on: string; off: string };
  vmValues: Record<string, string>;
  outcomeValues: Record<string, string>;
}

export function definePajeTypes(w: PajeWriter, report: RunReport): PajeTypes {
  const host = w.containerType('HOST');
  const link = w.containerType('LINK');
  const vm = w.containerType('VM', host);
  const hostState = w.stateType('HOST_STATE', host);
  const hostValues = {
    on: w.entityValue('on', hostState, '0.900 0.900 0.900'),
    off: w.entityValue('off', hostState, '0.200 0.200 0.200'),
  };
  const vmState = w.stateType('VM_STATE', vm);
  const vmValues: Record<string, string> = {};
  const states = new Set([...Object.keys(STATE_COLORS), ...report.timeline.map((i) => i.state)]);
  for (const state of states) vmValues[state] = w.entityValue(state, vmState, pajeColor(stateColor(state)));
  const migration = w.linkType('MIGRATION', ROOT, host, host);
  const outcomeValues: Record<string, string> = {};
  for (const [outcome, color] of Object.entries(OUTCOME_COLORS)) {
    outcomeValues[outcome] = w.entityValue(outcome, migration, pajeColor(color));
  }
  const vmLink = w.linkType('VM_LINK', ROOT, vm, vm);
  const moveValue = w.entityValue('M', vmLink, '1 1 1');
  return {
    host,
    link,
    vm,
    hostState,
    vmState,
    speed: w.variableType('speed', host, '1 1 1'),
    speedUsed: w.variableType('speed_used', host, '0.5 0.5 0.5'),
    bandwidth: w.variableType('bandwidth', link, '1 1 1'),
    bandwidthUsed: w.variableType('bandwidth_used', link, '0.5 0.5 0.5'),
    migration,
    vmLink,
    moveValue,
    hostValues,
    vmValues,
    outcomeValues,
  };
}
