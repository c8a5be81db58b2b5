// The simulator's own check of a scenario: every migration's destination is reachable from every host its VM may be
// on by then (the simulator's runner gives it to the registry; a real run has its own network).

import type { SourceNode } from '../core/index.ts';
import { childPath, type Issue, isLivemigError } from '../core/index.ts';
import { issue, migrations } from './check-scenario.ts';
import type { Scenario } from './model.ts';
import { locate } from './source/locate.ts';

/** The simulator's own check: a route for every migration, from each host the VM may be on. */
export function checkRoutes(scenario: Scenario, root: SourceNode): Issue[] {
  if (scenario.network === 'constant') return [];
  const all = scenario.actors.flatMap((actor) => migrations(actor.steps));
  const places = new Map<string, Set<string>>();
  for (const vm of scenario.vms) places.set(vm.name, new Set([vm.host]));
  for (const step of all) places.get(step.vm)?.add(step.to);
  const issues: Issue[] = [];
  for (const step of all) {
    for (const source of places.get(step.vm) ?? []) {
      if (source === step.to) continue;
      try {
        scenario.platform.route(source, step.to);
      } catch (error) {
        if (!isLivemigError(error)) throw error;
        const path = childPath(childPath(step.where.path, 'migrate'), 'to');
        issues.push(
          issue(
            { path, location: locate(root, path) },
            'no-route',
            `VM "${step.vm}" cannot migrate from "${source}" to "${step.to}": the platform has no route between them.`,
            'Add a route between these hosts to the platform, or migrate to a host that has one.',
          ),
        );
        break;
      }
    }
  }
  return issues;
}
