// Names across the whole scenario: duplicates (VMs, actors, a VM named like a host), and every reference (a VM's
// host, an actor's host, a migration's VM and destination, the targets of steps and events) resolved against the
// platform's hosts and the declared VMs, with "did you mean" and a specific word for a VM placed on a VM.

import type { Declaration, Reference } from '../core/index.ts';
import { capitalise, closestNames, formatLocation, type Issue } from '../core/index.ts';

export interface NameTable {
  declarations: readonly Declaration[];
  references: readonly Reference[];
  /** Hosts of the platform, or undefined when it did not load (then host names are not checked). */
  hosts: readonly string[] | undefined;
}

interface Known {
  vms: readonly string[];
  hosts: readonly string[] | undefined;
  vmSet: ReadonlySet<string>;
  hostSet: ReadonlySet<string>;
}

export function checkNames(table: NameTable): Issue[] {
  const vms = [...new Set(table.declarations.filter((d) => d.kind === 'VM').map((d) => d.name))];
  const known: Known = { vms, hosts: table.hosts, vmSet: new Set(vms), hostSet: new Set(table.hosts ?? []) };
  const references = table.references.map((reference) => checkReference(reference, known));
  return [...checkDeclarations(table), ...references.filter((issue) => issue !== undefined)];
}

function checkDeclarations(table: NameTable): Issue[] {
  const issues: Issue[] = [];
  const first = new Map<string, Declaration>();
  const hosts = new Set(table.hosts ?? []);
  for (const declaration of table.declarations) {
    const { kind, name } = declaration;
    const earlier = first.get(`${kind}\u0000${name}`);
    if (earlier === undefined) first.set(`${kind}\u0000${name}`, declaration);
    else {
      const where = formatLocation(earlier.location) || earlier.path;
      const message = `${capitalise(kind)} "${name}" is declared twice (first at ${where}).`;
      issues.push(issue(declaration, 'duplicate-name', message, `Give each ${kind} its own name.`));
    }
    if (kind === 'VM' && hosts.has(name)) {
      const message = `VM "${name}" has the name of a host of the platform.`;
      issues.push(issue(declaration, 'name-clash', message, 'Host and VM names must be unique: rename the VM.'));
    }
  }
  return issues;
}

function checkReference(reference: Reference, known: Known): Issue | undefined {
  const { accepts, name, role } = reference;
  const isVm = known.vmSet.has(name);
  const isHost = known.hostSet.has(name);
  if ((isVm && accepts.includes('VM')) || (isHost && accepts.includes('host'))) return undefined;
  if (!isVm && !isHost && known.hosts === undefined && accepts.includes('host')) return undefined;
  if (isVm) {
    const vmOnVm = role === 'host of a VM';
    const message = vmOnVm
      ? `VM "${name}" cannot host a VM: a VM is placed on a physical host.`
      : `"${name}" is a VM, but the ${role} must be a physical host.`;
    return issue(reference, vmOnVm ? 'vm-on-vm' : 'not-a-host', message, `Name a host: ${sample(known.hosts ?? [])}.`);
  }
  if (isHost) {
    const hint = known.vms.length > 0 ? `Name a VM: ${sample(known.vms)}.` : 'Declare the VM under "vms" first.';
    return issue(reference, 'not-a-vm', `"${name}" is a host, but the ${role} must be a VM.`, hint);
  }
  const candidates = [
    ...new Set([
      ...(accepts.includes('VM') ? known.vms : []),
      ...(accepts.includes('host') ? (known.hosts ?? []) : []),
    ]),
  ];
  const close = closestNames(name, candidates);
  const what = accepts.join(' or ');
  const guess = close.length > 0 ? `Did you mean ${close.map((c) => `"${c}"`).join(' or ')}? ` : '';
  const list = candidates.length > 0 ? `Known: ${sample(candidates)}.` : `There is no ${what} to name.`;
  return issue(reference, 'unknown-name', `Unknown ${what} "${name}" (the ${role}).`, guess + list);
}

function issue(at: Declaration | Reference, code: string, message: string, hint: string): Issue {
  const result: Issue = { code, path: at.path, message, hint };
  if (at.location !== undefined) result.location = at.location;
  return result;
}

/** Up to eight names, quoted, then "…". */
function sample(names: readonly string[]): string {
  const shown = names.slice(0, 8).map((name) => `"${name}"`);
  return names.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}
