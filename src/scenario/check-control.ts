// Checks of the control plane's keys that need the whole scenario: a platform `bridge` property naming a host that
// does not exist, phased keys on a direct migration, features that lack their options, and features that need a
// bridge on a host attached to none.

import type { FeatureSpec } from '../control/index.ts';
import type { Issue } from '../core/index.ts';
import { childPath, entryOf, type SourceNode } from '../core/index.ts';
import type { DriverChecks } from './driver-checks.ts';
import type { Scenario, Step, Where } from './model.ts';
import { locate, nodeAt } from './source/locate.ts';

const PHASED_KEYS = ['controller', 'features', 'pauseBeforeSwitchover', 'keepAlive', 'requestTimeout', 'fast'];

export function checkControl(
  scenario: Scenario,
  root: SourceNode,
  steps: readonly Step[],
  driver: DriverChecks,
): Issue[] {
  const at = (path: string): Where => ({ path, location: locate(root, path) });
  const issues: Issue[] = [];
  const attached = new Map<string, string>();
  for (const host of scenario.platform.hosts) {
    const bridge = host.properties.bridge;
    if (bridge === undefined) continue;
    attached.set(host.name, bridge);
    if (!scenario.platform.hosts.some((h) => h.name === bridge)) {
      const message = `Host "${host.name}" names bridge "${bridge}" (property bridge), which is not a host of the platform.`;
      issues.push(
        issue(at(inlineHostPath(root, host.name)), 'unknown-bridge', message, 'Name the host the bridge runs on.'),
      );
    }
  }
  for (const bridge of scenario.bridges) for (const station of bridge.stations) attached.set(station, bridge.name);
  const places = placesOfVms(scenario, steps);
  for (const step of steps) {
    if (step.kind !== 'migrate') continue;
    const base = childPath(step.where.path, 'migrate');
    if (step.options.protocol !== 'phased') {
      for (const key of PHASED_KEYS.filter((k) => present(root, childPath(base, k)))) {
        const message = `"${key}" applies to phased migrations only.`;
        issues.push(issue(at(childPath(base, key)), 'needs-phased', message, 'Add protocol: phased to the migration.'));
      }
      continue;
    }
    const features = (step.options.features ?? []) as Exclude<FeatureSpec, string>[];
    if (!driver.simulated) {
      issues.push(...realPhasedIssues(features, base, root, at));
      continue;
    }
    const hosts = [...(places.get(step.vm) ?? []), step.to];
    features.forEach((feature, i) => {
      const where = at(childPath(childPath(base, 'features'), i));
      if ((feature as { kind?: string }).kind === 'command') {
        const message = 'A command feature runs shell hooks around a real migration; a simulated one cannot run them.';
        issues.push(issue(where, 'real-only', message, 'Use driver: qemu, or vdp-port / dynamic-state.'));
        return;
      }
      issues.push(...featureIssues(feature, where, root));
      for (const host of new Set(hosts)) {
        if (attached.has(host)) continue;
        const message = `Feature ${feature.name} needs a bridge, but host "${host}" is attached to none.`;
        const hint = `Attach it: bridges: [{ name: <bridge host>, stations: [${host}] }], or a host property bridge.`;
        issues.push(issue(where, 'no-bridge', message, hint));
      }
    });
  }
  return issues;
}

const COMMAND_KEYS = ['label', 'begin', 'prepare', 'commit', 'rollback', 'release', 'timeout'];
/** Phased keys a real migration does not take: the controller and its timers are libvirt's, simulated here. */
const SIMULATED_PHASED_KEYS = ['controller', 'keepAlive', 'requestTimeout'];

/** A phased migration on real QEMU: command features only (the lab has no bridges), no simulated controller. */
function realPhasedIssues(
  features: readonly Exclude<FeatureSpec, string>[],
  base: string,
  root: SourceNode,
  at: (path: string) => Where,
): Issue[] {
  const issues: Issue[] = [];
  for (const key of SIMULATED_PHASED_KEYS.filter((k) => present(root, childPath(base, k)))) {
    const message = `"${key}" is simulated only: a real phased migration runs its phases in livemig itself.`;
    issues.push(issue(at(childPath(base, key)), 'simulated-only', message, `Remove ${key}.`));
  }
  const names = new Set<string>();
  features.forEach((feature, i) => {
    const path = childPath(childPath(base, 'features'), i);
    const where = at(path);
    if ((feature as { kind?: string }).kind !== 'command') {
      const message = `Feature ${feature.name} is simulated only: the lab has no bridges or databases.`;
      const hint = 'Use {name: command, label: port, prepare: "…", commit: "…", rollback: "…"}.';
      issues.push(issue(where, 'simulated-only', message, hint));
      return;
    }
    if (names.has(feature.name)) {
      const message = `Two command features are called "${feature.name}".`;
      issues.push(issue(where, 'duplicate-name', message, 'Give each a label of its own.'));
    }
    names.add(feature.name);
    if (!['begin', 'prepare', 'commit', 'rollback', 'release'].some((k) => present(root, childPath(path, k)))) {
      const message = `Command feature "${feature.name}" has no hook: it would do nothing.`;
      issues.push(issue(where, 'missing-key', message, 'Add prepare, commit, rollback or release: "<command>".'));
    }
  });
  return issues;
}

function featureIssues(feature: Exclude<FeatureSpec, string>, where: Where, root: SourceNode): Issue[] {
  const misplaced = COMMAND_KEYS.filter((key) => present(root, childPath(where.path, key))).map((key) =>
    issue(where, 'invalid-key', `"${key}" applies to command features, not ${feature.name}.`, `Remove ${key}.`),
  );
  if (misplaced.length > 0) return misplaced;
  if (feature.name === 'vdp-port') {
    return ['size', 'database', 'policy', 'wait', 'pull']
      .filter((key) => present(root, childPath(where.path, key)))
      .map((key) => issue(where, 'invalid-key', `"${key}" applies to dynamic-state, not vdp-port.`, `Remove ${key}.`));
  }
  if (feature.name !== 'dynamic-state') return [];
  const issues: Issue[] = [];
  for (const key of ['size', 'database', 'policy']) {
    if (present(root, childPath(where.path, key))) continue;
    const message = `The dynamic-state feature needs "${key}".`;
    issues.push(
      issue(
        where,
        'missing-key',
        message,
        'Write {name: dynamic-state, size: 4MiB, database: db, policy: wait, wait: 2s}.',
      ),
    );
  }
  const policy = present(root, childPath(where.path, 'policy')) ? (feature as { policy: string }).policy : undefined;
  if ((policy === 'wait' || policy === 'serialize') && !present(root, childPath(where.path, 'wait'))) {
    const message = `Policy ${policy} needs "wait": how long Finish waits for the state before backing out.`;
    issues.push(issue(where, 'missing-key', message, 'Add wait: 2s (or use policy: proceed).'));
  }
  const pull = (feature as { pull?: string }).pull;
  if (pull === 'bridge' && policy === 'serialize') {
    const message = 'pull: bridge cannot serialize: the bridge PULLs at the Pre-Associate, before any PUSH.';
    issues.push(issue(where, 'invalid-value', message, 'Use policy: wait or proceed, or pull: destination.'));
  }
  return issues;
}

/** Every host each VM may be on when a migration step runs: where it starts, and every migration's destination. */
function placesOfVms(scenario: Scenario, steps: readonly Step[]): Map<string, Set<string>> {
  const places = new Map<string, Set<string>>();
  for (const vm of scenario.vms) places.set(vm.name, new Set([vm.host]));
  for (const step of steps) if (step.kind === 'migrate') places.get(step.vm)?.add(step.to);
  return places;
}

/** Where an inline platform writes a host's bridge property (`platform` itself for a platform file). */
function inlineHostPath(root: SourceNode, name: string): string {
  const hosts = nodeAt(root, 'platform.hosts');
  if (hosts.kind !== 'seq') return 'platform';
  const index = hosts.items.findIndex((h) => h.kind === 'map' && nodeValue(entryOf(h, 'name')?.value) === name);
  return index < 0 ? 'platform' : `platform.hosts[${index}].properties.bridge`;
}

function nodeValue(node: SourceNode | undefined): unknown {
  return node?.kind === 'scalar' ? node.value : undefined;
}

/** Whether `path` is written in the file (not only an ancestor of it). */
function present(root: SourceNode, path: string): boolean {
  const parent = path.slice(0, Math.max(path.lastIndexOf('.'), path.lastIndexOf('[')));
  return nodeAt(root, path) !== nodeAt(root, parent);
}

function issue(where: Where, code: string, message: string, hint: string): Issue {
  const result: Issue = { code, path: where.path, message, hint };
  if (where.location !== undefined) result.location = where.location;
  return result;
}
